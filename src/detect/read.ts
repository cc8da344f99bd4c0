/**
 * Stage one, reading an item: its text composed and folded, its language, change cues and context
 * markers, the people and organisations it names, its sentences. Returns the per-item context, or null
 * when the item holds no cue at all (most items of a feed).
 */
import type { DetectInput } from '../core/types.ts';
import type { Author, Ctx } from './context.ts';
import { caselessLang, findCaselessPeople } from './caseless.ts';
import { foldMapped, isLowercaseText } from './fold.ts';
import { guessLanguage } from './langid.ts';
import { type CompiledLexicon, type Cue, findCues, findMarkers, type Marker } from './lexcompile.ts';
import { findMentions, tokenize } from './mentions.ts';
import { type Sentence, splitSentences } from './segment.ts';
import type { CompiledNames } from './watchlist.ts';

export interface CompiledWatchlist {
  names: CompiledNames;
  lexicons: Map<string, CompiledLexicon>;
}

export interface ReadItem {
  ctx: Ctx;
  /** The lexicons read, the text's own language first. */
  lexes: CompiledLexicon[];
  /** The original text and the item's language (guessed, else declared). */
  raw: string;
  lang: string | null;
}

const POST_PREFIX = /^(?:pinned:\s*|rt by @\w+:\s*|r to @\w+:\s*)+/i;
const HANDLE_NOISE = new Set([
  'ai',
  'ml',
  'dev',
  'es',
  'it',
  'fr',
  'de',
  'official',
  'hq',
  'io',
  'tech',
  'news',
  'x',
  'app',
  'real',
  'the',
]);

function authorOf(handle: string | null | undefined, names: CompiledNames): Author | null {
  if (!handle) return null;
  const h = handle.replace(/^@/, '').toLowerCase();
  const p = names.handles.get(h);
  if (p !== undefined) return { person: p, name: names.people[p]?.name ?? h };
  const parts = h.split(/[_.\d]+/).filter((t) => t.length > 1 && !HANDLE_NOISE.has(t));
  if (parts.length === 0) return null;
  return { person: -1, name: parts.map((t) => t[0]?.toUpperCase() + t.slice(1)).join(' ') };
}

/** Lexicons written in a script of their own: read only a text that uses it. */
const OWN_SCRIPT: Record<string, RegExp> = {
  ar: /[\u0600-\u06ff]/,
  he: /[\u0590-\u05ff]/,
  fa: /[\u0600-\u06ff]/,
  hi: /[\u0900-\u097f]/,
  el: /[\u0370-\u03ff]/,
  ru: /[\u0400-\u04ff]/,
  uk: /[\u0400-\u04ff]/,
  bg: /[\u0400-\u04ff]/,
  ja: /[\u3040-\u30ff\u3400-\u9fff]/,
  zh: /[\u3400-\u9fff]/,
  ko: /[\uac00-\ud7af]/,
};

function pickLexicons(wl: CompiledWatchlist, code: string, guessed: string | null, text: string): CompiledLexicon[] {
  const out: CompiledLexicon[] = [];
  const add = (l: string): void => {
    const lex = wl.lexicons.get(l);
    if (lex && !out.includes(lex)) out.push(lex);
  };
  // The text's own language first: a channel-level tag is often wrong for the item.
  if (guessed) add(guessed);
  if (wl.lexicons.has(code)) add(code);
  // Only when the text's own language is unclear does every lexicon get a say: each costs a scan of
  // the whole text, and a long article in one language gains nothing from the others.
  // A lexicon written in a script the text does not use cannot match it.
  if (guessed === null) for (const l of wl.lexicons.keys()) if (!OWN_SCRIPT[l] || OWN_SCRIPT[l].test(text)) add(l);
  if (/[\uac00-\ud7af]/.test(text)) add('ko');
  if (/[\u3040-\u30ff]/.test(text)) add('ja');
  else if (/[\u4e00-\u9fff]/.test(text)) add('zh');
  add('en');
  return out;
}

function composeText(input: DetectInput): { text: string; titleLen: number } {
  const title = (input.title ?? '').replace(POST_PREFIX, '').trim();
  const summary = (input.summary ?? '').replace(POST_PREFIX, '').trim();
  const body = (input.body ?? '').trim();
  const parts = [title];
  const squash = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 120);
  if (summary && summary !== title && !(body && squash(body).includes(squash(summary).slice(0, 80))))
    parts.push(summary);
  if (body && body !== title) parts.push(body);
  return { text: parts.join('\n\n'), titleLen: title.length };
}

/**
 * Does a capitalised word pair look like a person because of what surrounds it: a change cue close by
 * in the same sentence, or a role noun next to it ("CFO Radomir Kvasnicka", "X, chief operating officer")?
 */
function nameHint(text: string, cues: Cue[], roles: Marker[], start: number, end: number): boolean {
  const plain = (a: number, b: number): boolean => !/[.!?\n]/.test(text.slice(a, b));
  for (const c of cues) {
    // A name inside a cue is one of its words ("Steps Down"), unless the cue wraps its object ("volgt X op").
    if (c.start < end && start < c.end) return c.flags.includes('^') && start > c.start && end < c.end;
    if (c.start >= end && c.start - end <= 45 && plain(end, c.start)) return true;
    if (c.end <= start && start - c.end <= 40 && plain(c.end, start)) return true;
  }
  for (const m of roles) {
    if (m.start > end + 25) break;
    if (m.end <= start && start - m.end <= 3) return true;
    if (m.start >= end && m.start - end <= 25 && /^,\s|^\s?\(/.test(text.slice(end, end + 3))) return true;
    // "vicepresidente della pianificazione finanziaria, X": a role phrase and a comma before the name.
    if (m.end <= start && start - m.end <= 60 && /^[^.;:!?,]{0,50},\s$/.test(text.slice(m.end, start))) return true;
  }
  return false;
}

function yearOf(published: string | null | undefined): number | null {
  const m = /^\s*(\d{4})/.exec(published ?? '');
  return m ? Number(m[1]) : null;
}

/** Read an item into its context; null when it has no change cue. */
export function readItem(input: DetectInput, wl: CompiledWatchlist): ReadItem | null {
  const { text: raw, titleLen } = composeText(input);
  if (!raw.trim()) return null;
  const f = foldMapped(raw);
  const text = f.text;
  let titleEnd = 0;
  while (titleEnd < text.length && (f.map[titleEnd] ?? 0) < titleLen) titleEnd++;
  const lower = isLowercaseText(raw);
  const declared = (input.lang ?? '').toLowerCase().slice(0, 2);
  const guessed = guessLanguage(text);
  const lexes = pickLexicons(wl, declared, guessed, text);
  const cues: Cue[] = [];
  for (const lex of lexes) {
    const found: Cue[] = [];
    findCues(lex, text, found);
    for (const c of found) if (!cues.some((d) => d.start < c.end && c.start < d.end)) cues.push(c);
  }
  // Every change hangs on a cue: most items of a news feed have none, and need nothing more.
  if (cues.length === 0) return null;
  cues.sort((a, b) => a.start - b.start);
  const markers: Marker[] = [];
  for (const lex of lexes) findMarkers(lex, text, markers);
  markers.sort((a, b) => a.start - b.start);

  const isPost = input.kind === 'x_post';
  const author = isPost ? authorOf(input.author, wl.names) : null;
  const tokens = tokenize(text);
  const roles = markers.filter((m) => m.kind === 'role');
  const hint = (start: number, end: number): boolean => nameHint(text, cues, roles, start, end);
  const lang = guessed ?? (declared || null);
  const { persons, orgs } = findMentions(f, lower, wl.names, author?.person ?? -1, tokens, hint, lang);
  const caseless = caselessLang(lang);
  if (caseless) findCaselessPeople(f, tokens, persons, orgs, cues, markers, caseless);
  const sentences: Sentence[] = [];
  splitSentences(text, 0, titleEnd, 0, sentences);
  splitSentences(text, titleEnd, text.length, 1, sentences);
  const cjkCount = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const cjk = cjkCount > text.length * 0.2;
  const ctx: Ctx = {
    f,
    text,
    lower,
    w: cjk ? 3 : 1,
    cjk,
    sentences,
    persons,
    orgs,
    cues,
    markers,
    names: wl.names,
    author,
    isPost,
    titleEnd,
    year: yearOf(input.published),
  };
  return { ctx, lexes, raw, lang };
}
