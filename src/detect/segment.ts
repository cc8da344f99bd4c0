/** Sentence and clause segmentation over folded text. */

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  idx: number;
  clauses: Span[];
  /** Which part of the item: 0 = title, 1 = summary/body. */
  part: number;
  question: boolean;
}

const ABBREV = new Set([
  'inc',
  'corp',
  'co',
  'ltd',
  'jr',
  'sr',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'vs',
  'no',
  'sas',
  'llc',
  'mme',
  'e.g',
  'i.e',
  'u.s',
  'etc',
  'ca',
  'nr',
  'sig',
  'dott',
]);

const BOUNDARY = /[.!?]+["')\]]*(?=\s)|\n+|[。！？]+|[.!?]+["')\]]*$/g;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function clausesOf(text: string, s: number, e: number): Span[] {
  const out: Span[] = [];
  let start = s;
  for (let i = s; i < e; i++) {
    const c = text[i];
    let cut = false;
    // A bullet between two CJK characters joins the parts of a transliterated name ("拉里•佩奇").
    const inName = c === '\u2022' && CJK_CHAR.test(text[i - 1] ?? '') && CJK_CHAR.test(text[i + 1] ?? '');
    if (inName) cut = false;
    else if (c === ';' || c === '|' || c === '\u2022' || c === '\u3001' || c === '\uff1b') cut = c !== '\u3001';
    else if (c === ':' && text[i + 1] === ' ') cut = true;
    else if (c === '-' && text[i - 1] === ' ' && text[i + 1] === ' ') cut = true;
    else if (c === ',' && (CJK_CHAR.test(text[i - 1] ?? '') || CJK_CHAR.test(text[i + 1] ?? ''))) cut = true;
    if (cut) {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (e > start) out.push({ start, end: e });
  return out;
}

/** Split the folded text of one item part into sentences (offsets are absolute). */
export function splitSentences(text: string, from: number, to: number, part: number, out: Sentence[]): void {
  let start = from;
  BOUNDARY.lastIndex = from;
  const push = (end: number): void => {
    let s = start;
    while (s < end && /\s/.test(text[s] as string)) s++;
    let e = end;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) {
      const q = /\?["')\]]*$/.test(text.slice(Math.max(s, e - 3), e));
      out.push({ start: s, end: e, idx: out.length, clauses: clausesOf(text, s, e), part, question: q });
    }
  };
  for (let m = BOUNDARY.exec(text); m && m.index < to; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.') {
      const before = text.slice(Math.max(from, m.index - 6), m.index);
      const word = /([a-z.]+)$/.exec(before)?.[1] ?? '';
      if (ABBREV.has(word)) continue;
      // A middle initial ("Thomas J. Whitcombe") ends no sentence.
      if (word.length === 1 && text[m.index - 2] === ' ' && /^\. \p{L}/u.test(text.slice(m.index, m.index + 3)))
        continue;
    }
    push(Math.min(end, to));
    start = Math.min(end, to);
    if (start >= to) break;
  }
  if (start < to) push(to);
}
