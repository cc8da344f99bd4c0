/**
 * People the watchlist does not know, in scripts without capital letters (Han, kana, Hangul).
 * A name is taken only where its shape and its surroundings agree: a known surname or a katakana run,
 * next to a title, an honorific or a change verb. The name on the card is cut from the original text,
 * so it keeps its own script (張勇 stays 張勇 although matching reads it as 张勇).
 */
import {
  JA_KANJI,
  JA_KATA_AFTER,
  JA_KATA_BEFORE,
  JA_KATA_DOTTED,
  JA_KATA_ORG,
  JA_NOT,
  KO_MODIFIER,
  KO_NOT,
  KO_BUSINESS,
  KO_FOREIGN_SYLLABLE,
  KO_FOREIGN_TITLED,
  KO_NATIVE_ORG_TITLED,
  KO_PARTICLE,
  KO_OBJECT_AS_ROLE,
  KO_PREDECESSOR,
  KO_SURNAME_TITLE,
  KO_STOP,
  KO_TITLE_AFTER,
  KO_TITLE_BEFORE,
  KO_ROLE,
  KO_SURNAME,
  ZH_AFTER_BARE,
  ZH_AFTER_ROLE,
  ZH_BEFORE,
  ZH_DOTTED,
  ZH_LEFT,
  ZH_NOT_NAME,
  ZH_SURNAME,
  ZH_TRANSLIT_NEXT,
  ZH_TRANSLIT_TITLED,
} from './tables/cjknames.ts';
import { type Folded, fold } from './fold.ts';
import { LEXICONS } from './lexicon/index.ts';
import type { OrgMention, PersonMention } from './mentions.ts';

interface Span {
  start: number;
  end: number;
}

const overlaps = (list: Span[], s: number, e: number): boolean => list.some((m) => m.start < e && s < m.end);

const re = (src: string): RegExp => new RegExp(fold(src), 'gu');
const ZH_AFTER_TITLE = re(`${ZH_BEFORE}(${ZH_SURNAME}[\\u4e00-\\u9fff]{1,2}?)${ZH_AFTER_ROLE}`);
const ZH_BARE = re(`${ZH_LEFT}(${ZH_SURNAME}[\\u4e00-\\u9fff]{1,2}?)${ZH_AFTER_BARE}`);
const KO_AFTER = re(`(?<![가-힣])(${KO_SURNAME}[가-힣]{2})(?=\\s?(?:${KO_ROLE})|\\s전\\s|,)`);
const KO_BEFORE = re(`(?:${KO_ROLE}|신임)\\s(${KO_SURNAME}[가-힣]{2})(?![가-힣])`);
/** Where a Korean word ends: a case particle and the end of the word, or no Hangul at all. */
const KO_WORD_END = /^(?:(?:은|는|이|가|을|를|의|와|과|도|에게|로|으로|에)(?![가-힣])|(?![가-힣]))/u;
const NATIVE_NAME = new RegExp(`^${KO_SURNAME}[가-힣]{2}$`, 'u');
const HAN = /[\u4e00-\u9fff]/;
const KANA = /[\u3040-\u30ff]/;
const HANGUL = /[\uac00-\ud7af]/;
const KATA_CHAR = /[\u30a1-\u30fa\u30fc]/;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** The separators inside a transliterated name ("カルロス・ゴーン", "拉里·佩奇"). */
const NAME_DOT = /\s?[·•‧∙・.=-]\s?/u;

interface Hit {
  start: number;
  end: number;
}

function collect(re: RegExp, text: string, out: Hit[], keep: (name: string) => boolean = () => true): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].lastIndexOf(name);
    if (name && keep(name)) out.push({ start, end: start + name.length });
  }
}

function hits(text: string): Hit[] {
  const out: Hit[] = [];
  if (HAN.test(text)) {
    if (KANA.test(text)) {
      collect(JA_KATA_AFTER, text, out, (n) => !kanaOrg(text, n));
      collect(JA_KATA_BEFORE, text, out);
      collect(JA_KANJI, text, out, (n) => !JA_NOT.test(n));
      kataDotted(text, out);
    } else {
      // "谢尔盖·布林本周": a time word after the name is not part of it.
      collect(ZH_DOTTED, text, out);
      for (const h of out) if (/本[周月年日]/.test(text.slice(h.end - 1, h.end + 1))) h.end--;
      collect(ZH_AFTER_TITLE, text, out, (n) => !ZH_NOT_NAME.has(n));
      translitTitled(text, out);
      collect(ZH_BARE, text, out, (n) => !ZH_NOT_NAME.has(n));
    }
  } else if (KANA.test(text)) {
    collect(JA_KATA_AFTER, text, out, (n) => !kanaOrg(text, n));
    collect(JA_KATA_BEFORE, text, out);
    kataDotted(text, out);
  }
  if (HANGUL.test(text)) {
    collect(KO_AFTER, text, out, (n) => !KO_NOT.has(n));
    collect(KO_BEFORE, text, out, (n) => !KO_NOT.has(n));
    koreanForeign(text, out);
    koreanPredecessor(text, out);
    koreanTitled(text, out);
  }
  return out;
}

/**
 * "マジョルカCEOが退任 … マジョルカは11日、…発表した": one katakana word before a title is an organisation
 * when the item makes it the subject of a dated statement ("Xは11日") or gives it a title ("XのCEO"),
 * and never calls it 氏 / さん / 容疑者 as the press calls a person.
 */
function kanaOrg(text: string, name: string): boolean {
  if (/[・･=＝]/.test(name)) return false;
  let person = false;
  let org = false;
  for (let i = text.indexOf(name); i >= 0 && !person; i = text.indexOf(name, i + 1)) {
    if (KATA_CHAR.test(text[i - 1] ?? '') || /[・･=＝]/.test(text[i - 1] ?? '')) continue;
    const after = text.slice(i + name.length, i + name.length + 8);
    if (/^(?:氏|さん|容疑者|被告|前|元)/.test(after)) person = true;
    else if (/^(?:は|が)\d{1,2}日|^の(?:最高|社長|会長|ceo|cfo|coo|cto|取締役)/.test(after)) org = true;
  }
  return org && !person;
}

/** Dotted katakana names as a clause's subject or object, no company word among their parts. */
function kataDotted(text: string, out: Hit[]): void {
  const more: Hit[] = [];
  collect(JA_KATA_DOTTED, text, more, (n) => !JA_KATA_ORG.test(n));
  for (const h of more) if (!overlaps(out, h.start, h.end)) out.push(h);
}

/** Undotted foreign names after a title, and the names listed after them ("创办人佩奇及布林辞任"). */
function translitTitled(text: string, out: Hit[]): void {
  const first: Hit[] = [];
  collect(ZH_TRANSLIT_TITLED, text, first, (n) => !ZH_NOT_NAME.has(n));
  for (const h of first) {
    if (overlaps(out, h.start, h.end)) continue;
    out.push(h);
    let at = h.end;
    for (let m = ZH_TRANSLIT_NEXT.exec(text.slice(at)); m; m = ZH_TRANSLIT_NEXT.exec(text.slice(at))) {
      const start = at + 1;
      out.push({ start, end: start + (m[1] ?? '').length });
      at = start + (m[1] ?? '').length;
    }
  }
}

/**
 * Before a title: a native name and its company ("최민호 벨로라 대표가") or a foreign name of two words
 * ("존 스미스 CEO가"). "마이클 브라운 CEO" is no native 마이클 at 브라운: transliteration syllables tell.
 */
function koreanTitled(text: string, out: Hit[]): void {
  const notBusiness = (n: string): boolean => !n.split(' ').some((w) => KO_BUSINESS.test(w) || KO_NOT.has(w));
  const native = (w: string): boolean => NATIVE_NAME.test(w) && !KO_FOREIGN_SYLLABLE.test(w);
  collect(KO_NATIVE_ORG_TITLED, text, out, (n) => notBusiness(n) && native(n) && !KO_PARTICLE.test(n));
  const foreign: Hit[] = [];
  const keep = (n: string): boolean =>
    n.length >= 4 && notBusiness(n) && !n.split(' ').some((w) => KO_CUE.test(w)) && !native(n.split(' ')[0] ?? '');
  collect(KO_FOREIGN_TITLED, text, foreign, keep);
  for (const h of foreign) {
    // "인텔 겔싱어 CEO": a first word the item also uses with a case particle ("인텔은") is a company.
    const first = text.slice(h.start, text.indexOf(' ', h.start));
    if (new RegExp(`(?<![가-힣])${first}(?:은|는|의|이|가|에서|와|과)(?![가-힣])`, 'u').test(text)) {
      if (h.end - h.start - first.length - 1 < 2) continue;
      h.start += first.length + 1;
    }
    if (!overlaps(out, h.start, h.end)) out.push(h);
  }
}

/** "밝힌 밥 스완을 대신할": the one replaced, without a modifier, a particle-ending word or a title before. */
function koreanPredecessor(text: string, out: Hit[]): void {
  for (const re of [KO_PREDECESSOR, KO_OBJECT_AS_ROLE]) koreanBeforeParticle(re, text, out);
}

/** "존 스미스를 새 CEO로": the name before the particle, cut as for a predecessor. */
function koreanBeforeParticle(re: RegExp, text: string, out: Hit[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const found = m[1] ?? '';
    let start = m.index + m[0].indexOf(found);
    const words = found.split(' ');
    const first = words[0] ?? '';
    if (words.length > 1 && (KO_MODIFIER.test(first) || KO_PARTICLE.test(first) || KO_STOP.test(first) || KO_CUE.test(first))) {
      start += first.length + 1;
      words.shift();
    }
    const name = words.join(' ');
    if (KO_STOP.test(name) || KO_NOT.has(name) || KO_CUE.test(name) || /^[가-힣]$/.test(name)) continue;
    if (words.some((w) => KO_BUSINESS.test(w))) continue;
    if (!overlaps(out, start, start + name.length)) out.push({ start, end: start + name.length });
  }
}

/** Korean change words ("해임", "선임"): the end of a name, never part of one. */
const KO_CUE = new RegExp(
  `^(?:${Object.values(LEXICONS.ko?.cues ?? {})
    .flat()
    .map((c) => c.replace(/^[~><#+*@!%^=]+/, '').replace(/\(\?![^)]*\)$/, ''))
    .filter((c) => /^[가-힣 ]+$/.test(c))
    .join('|')})`,
  'u',
);

/** Foreign names written in Hangul, next to a title, cut at the case particle that ends them. */
function koreanForeign(text: string, out: Hit[]): void {
  for (const re of [KO_TITLE_BEFORE, KO_TITLE_AFTER]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const found = m[1] ?? '';
      let start = m.index + m[0].indexOf(found);
      const words: string[] = [];
      // A title where the name should be ("신임 최고경영자(CEO)로 X"): scan again from that title.
      if (KO_STOP.test(found.split(' ')[0] ?? '')) {
        re.lastIndex = start;
        continue;
      }
      for (const w of found.split(' ')) {
        const bare = w.replace(KO_PARTICLE, '');
        // A title with its case particle ("사장을") ends a name as the bare title does.
        if (KO_STOP.test(w) || KO_STOP.test(bare) || KO_CUE.test(w)) break;
        if (bare && !KO_MODIFIER.test(w)) words.push(bare);
        else if (words.length === 0) start += w.length + 1;
        if (bare !== w || KO_MODIFIER.test(w)) break;
      }
      // "벨로라 박영희 신임 대표": a native name last is the whole name; the word before it is its company.
      const last = words[words.length - 1] ?? '';
      if (words.length > 1 && NATIVE_NAME.test(last) && !KO_FOREIGN_SYLLABLE.test(last)) {
        start += words.slice(0, -1).join(' ').length + 1;
        words.splice(0, words.length - 1);
      }
      const name = words.join(' ');
      const end = start + name.length;
      // One word alone ("CFO 해임", "CEO로 복귀") is a name only with its Latin form or a case particle.
      const single = !/[ -]/.test(name);
      const latin = /^\s?\(\s?[a-z]/.test(text.slice(end, end + 4));
      const particle = name.length >= 3 && /^[가-힣]/.test(text.slice(end, end + 1));
      if (single && !latin && !particle) continue;
      if (name.replace(/[ -]/g, '').length >= 2 && !KO_NOT.has(name)) out.push({ start, end });
    }
  }
}

/** Person names in CJK and Hangul text that the watchlist does not know. */
export function findCjkPeople(f: Folded, persons: PersonMention[], orgs: OrgMention[]): void {
  const text = f.text;
  const found: PersonMention[] = [];
  const add = (start: number, end: number, name: string): void => {
    if (overlaps(persons, start, end) || overlaps(orgs, start, end) || overlaps(found, start, end)) return;
    found.push({ start, end, person: -1, name, how: 'pattern' });
  };
  const orig = (h: Hit): string => f.orig.slice(f.map[h.start], f.map[h.end]);
  const all = hits(text);
  // A foreign name's surname alone ("ゴーン", "佩奇") is the person named in full elsewhere in the item.
  const forms = new Map<string, string>();
  const hangulFamily = new Set<string>();
  for (const h of all) {
    const parts = text.slice(h.start, h.end).split(NAME_DOT);
    const last = parts[parts.length - 1] ?? '';
    if (parts.length > 1 && last.length >= 2 && !forms.has(last)) forms.set(last, orig(h));
    // "존 스미스" … "스미스 CEO는": a foreign name in Hangul, its family name alone later.
    const words = text.slice(h.start, h.end).split(' ');
    const family = words[words.length - 1] ?? '';
    if (words.length > 1 && family.length >= 2 && HANGUL.test(family) && !forms.has(family)) {
      forms.set(family, orig(h));
      hangulFamily.add(family);
    }
  }
  // A Japanese surname alone ("内田社長") is the full name found in the item ("内田誠社長").
  for (const h of all) {
    const form = text.slice(h.start, h.end);
    if (NAME_DOT.test(form)) continue;
    const longer = all.find((g) => g.end - g.start > form.length && text.startsWith(form, g.start));
    if (longer && !forms.has(form)) forms.set(form, orig(longer));
  }
  for (const h of all) {
    const form = text.slice(h.start, h.end);
    // ... and so is the surname of someone on the watchlist named in full ("ウッドワード氏").
    const full = persons.find((p) => p.person >= 0 && text.slice(p.start, p.end).split(NAME_DOT).pop() === form);
    if (full && !overlaps(persons, h.start, h.end)) persons.push({ ...full, start: h.start, end: h.end });
    else add(h.start, h.end, forms.get(form) ?? orig(h));
  }
  koreanSurnames(text, found, add);
  // The same names elsewhere in the item.
  for (const p of found) forms.set(text.slice(p.start, p.end), p.name);
  for (const [form, name] of forms) {
    const kana = KANA.test(form);
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
      const e = i + form.length;
      if (kana && (KATA_CHAR.test(text[i - 1] ?? '') || KATA_CHAR.test(text[e] ?? ''))) continue;
      if (hangulFamily.has(form) && (HANGUL.test(text[i - 1] ?? '') || !KO_WORD_END.test(text.slice(e, e + 4)))) continue;
      add(i, e, name);
    }
  }
  for (const p of found) persons.push(p);
}

/** "경 사장이", "이 회장은": a Korean surname alone before a title is the one person of that surname found. */
function koreanSurnames(text: string, found: PersonMention[], add: (s: number, e: number, n: string) => void): void {
  const bySurname = new Map<string, string | null>();
  for (const p of found) {
    const form = text.slice(p.start, p.end);
    if (!/^[가-힣]{3}$/.test(form)) continue;
    const sur = form[0] as string;
    const prev = bySurname.get(sur);
    bySurname.set(sur, prev === undefined || prev === p.name ? p.name : null);
  }
  for (const [sur, name] of bySurname) {
    if (!name) continue;
    const re = new RegExp(`(?<![가-힣])${sur}(?=${KO_SURNAME_TITLE})`, 'gu');
    for (let m = re.exec(text); m; m = re.exec(text)) add(m.index, m.index + 1, name);
  }
}

const LATIN_NAME = /^\s?\(\s*(\p{Lu}[\p{Ll}'’]+(?:[ -]\p{Lu}[\p{Ll}'’]+){1,3})\s*\)/u;

/**
 * "립부탄(Lip-Bu Tan)", "张一鸣 (Zhang Yiming)": a name in its own script with its Latin form in brackets
 * is one person, named on the card in both ("립부탄 (Lip-Bu Tan)"), so a search by either finds it.
 * The Latin mention inside the brackets, and later ones of the same name, take that combined name.
 */
export function pairLatinForms(f: Folded, persons: PersonMention[]): void {
  for (const p of [...persons]) {
    if (p.person !== -1 || !CJK_CHAR.test(p.name) || p.name.includes('(')) continue;
    const after = f.orig.slice(f.map[p.end], (f.map[p.end] ?? 0) + 48);
    const m = LATIN_NAME.exec(after);
    if (!m) continue;
    const latin = m[1] ?? '';
    const own = p.name;
    const both = `${own} (${latin})`;
    const inside = persons.filter((q) => q.start >= p.end && q.end <= p.end + m[0].length + 2);
    // The Latin form is someone on the watchlist: the own-script name is that person.
    const known = inside.find((q) => q.person >= 0);
    if (known) {
      for (const q of persons) if (q.name === own) Object.assign(q, { person: known.person, name: known.name });
      for (const q of inside) persons.splice(persons.indexOf(q), 1);
      continue;
    }
    const latinNames = new Set(inside.map((q) => q.name).concat(latin));
    for (let i = persons.length - 1; i >= 0; i--) {
      const q = persons[i] as PersonMention;
      if (inside.includes(q)) persons.splice(i, 1);
      else if (q.name === own || (q.person === -1 && latinNames.has(q.name))) q.name = both;
    }
  }
}
