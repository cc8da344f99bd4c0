/**
 * People nobody listed, in scripts without capitals (Arabic, Devanagari): a name is found by where it
 * stands. Two or three words of the script, none a function word, a cue, a role or an organisation:
 * right after a cue or a role ("استقال X", "تعيين X", "الرئيس التنفيذي X"), right before a cue or a
 * postposition ("X ने इस्तीफा दिया", "X को नियुक्त"), or before a comma and a role ("X، الرئيس التنفيذي").
 * A later word equal to a found name's last word is the same person.
 */
import STOPWORDS from 'stopwords-iso' with { type: 'json' };
import { type Folded } from './fold.ts';
import type { Cue, Marker } from './lexcompile.ts';
import type { OrgMention, PersonMention } from './mentions.ts';
import { AR_AS_ROLE, AR_COMPANY_NOUNS, CASELESS_NOT_NAME, HI_POSTPOSITIONS } from './tables/caseless.ts';
import { fold } from './fold.ts';

interface Tok {
  s: number;
  e: number;
  t: string;
}

const SCRIPT: Record<string, RegExp> = {
  ar: /^\p{Script=Arabic}+$/u,
  he: /^\p{Script=Hebrew}+$/u,
  fa: /^\p{Script=Arabic}+$/u,
  hi: /^\p{Script=Devanagari}+$/u,
};
const lists = STOPWORDS as unknown as Record<string, string[]>;
const notNames = new Map<string, ReadonlySet<string>>();

/**
 * Hindi folds without its vowel signs, so a short function word folded can equal a name folded (जिन and
 * जैन are both "जन"): Hindi's stopwords are compared as written, the table's folded words as folded.
 */
const AS_WRITTEN = new Set(['hi']);

function notNameSet(lang: string): ReadonlySet<string> {
  let set = notNames.get(lang);
  if (!set) {
    const stop = (lists[lang] ?? []).map((w) => (AS_WRITTEN.has(lang) ? w.normalize('NFC') : fold(w)));
    set = new Set([...stop, ...(CASELESS_NOT_NAME[lang] ?? '').split(/\s+/).filter(Boolean)]);
    notNames.set(lang, set);
  }
  return set;
}

/** The language whose caseless script the text is written in, if any. */
export function caselessLang(lang: string | null): string | null {
  return lang === 'ar' || lang === 'fa' || lang === 'he' || lang === 'hi' ? lang : null;
}

export function findCaselessPeople(
  f: Folded,
  tokens: Tok[],
  persons: PersonMention[],
  orgs: OrgMention[],
  cues: Cue[],
  markers: Marker[],
  lang: string,
): void {
  const text = f.text;
  const script = SCRIPT[lang] as RegExp;
  const stop = notNameSet(lang);
  const taken = (a: number, b: number, list: { start: number; end: number }[]): boolean =>
    list.some((m) => m.start < b && a < m.end);
  const written = (t: Tok): string => f.orig.slice(f.map[t.s], f.map[t.e]).normalize('NFC');
  const isStop = (t: Tok): boolean => stop.has(t.t) || (AS_WRITTEN.has(lang) && stop.has(written(t)));
  const free = tokens.map(
    (t, i) =>
      script.test(t.t) &&
      !AR_COMPANY_NOUNS.has(tokens[i - 1]?.t ?? '') &&
      !isStop(t) &&
      t.t.length >= 2 &&
      !taken(t.s, t.e, cues) &&
      !taken(t.s, t.e, markers) &&
      !taken(t.s, t.e, orgs) &&
      !taken(t.s, t.e, persons),
  );
  const joined = (a: Tok, b: Tok): boolean => b.s - a.e === 1 && text[a.e] === ' ';
  const found: PersonMention[] = [];
  const add = (from: number, to: number): void => {
    // An Arabic name does not start with the article ("الرئيس …"); a family name may ("أمين الناصر").
    while (lang === 'ar' && from < to && (tokens[from] as Tok).t.startsWith('ال')) from++;
    if (to - from < 2) return;
    const a = tokens[from] as Tok;
    const b = tokens[to - 1] as Tok;
    if (taken(a.s, b.e, found)) return;
    found.push({ start: a.s, end: b.e, person: -1, name: f.orig.slice(f.map[a.s], f.map[b.e]), how: 'pattern' });
  };
  const forward = (i: number): void => {
    let j = i;
    while (j < tokens.length && j - i < 3 && free[j] && (j === i || joined(tokens[j - 1] as Tok, tokens[j] as Tok))) j++;
    // Hindi puts a postposition after a name: a run after a role that none ends is no name.
    if (lang === 'hi' && !(HI_POSTPOSITIONS.has(tokens[j]?.t ?? '') || /^\s?[,.]/.test(text.slice((tokens[j - 1] as Tok).e))))
      return;
    add(i, j);
  };
  const backward = (i: number): void => {
    let j = i;
    while (j >= 0 && i - j < 3 && free[j] && (j === i || joined(tokens[j] as Tok, tokens[j + 1] as Tok))) j--;
    add(j + 1, i + 1);
  };
  // Hindi names stand before their verb, so only a role opens one; Arabic names follow verbs too.
  const roles = markers.filter((m) => m.kind === 'role');
  const prefixed = (i: number): void => {
    const t = tokens[i] as Tok;
    const next = tokens[i + 1];
    if (!next || !free[i + 1] || !joined(t, next)) return;
    found.push({ start: t.s + 1, end: next.e, person: -1, name: f.orig.slice(f.map[t.s + 1], f.map[next.e]), how: 'pattern' });
  };
  const anchors = lang === 'hi' ? roles : [...cues, ...roles];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Tok;
    if (!free[i]) continue;
    const gapBefore = text.slice((tokens[i - 1]?.e ?? 0), t.s);
    const after1 = (a: { end: number }): boolean => a.end <= t.s && t.s - a.end <= 2;
    // "خلفا لخالد …": the preposition is written onto the predecessor's name.
    if (lang === 'ar' && t.t.length > 3 && t.t.startsWith('ل') && cues.some((c) => c.flags.includes('^') && after1(c)))
      prefixed(i);
    else if (anchors.some(after1) && !/[.,،:;]/.test(gapBefore)) forward(i);
    const next = tokens[i + 1];
    const after = text.slice(t.e, next?.s ?? t.e);
    const beforeCue = cues.some((c) => c.start >= t.e && c.start - t.e <= 2);
    const post = (lang === 'hi' && next && HI_POSTPOSITIONS.has(next.t) && after === ' ') || (lang === 'fa' && faObject(tokens, i, after, cues));
    const appo = /^\s?[,،]\s?$/.test(after) && markers.some((m) => m.kind === 'role' && next && m.start === next.s);
    const asRole = lang === 'ar' && after === ' ' && AR_AS_ROLE.has(next?.t ?? '');
    if (beforeCue || post || appo || asRole) backward(i);
  }
  laterMentions(text, tokens, free, found);
  for (const m of found) persons.push(m);
  persons.sort((a, b) => a.start - b.start);
}

/** A later word equal to a found name's last word ("… قال العتيبي") is the same person. */
function laterMentions(text: string, tokens: Tok[], free: boolean[], found: PersonMention[]): void {
  const bySurname = new Map<string, PersonMention>();
  for (const m of found) bySurname.set(text.slice(m.start, m.end).split(' ').pop() ?? '', m);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Tok;
    const m = bySurname.get(t.t);
    if (!m || !free[i] || found.some((x) => x.start < t.e && t.s < x.end)) continue;
    found.push({ start: t.s, end: t.e, person: -1, name: m.name, how: 'pattern' });
  }
}

/**
 * Persian marks a definite object with "را" after it and a role with "به عنوان" (as) before it: "X را
 * برکنار کرد", "X به عنوان مدیرعامل منصوب شد". Such a word ends a name only when a cue follows close by.
 */
function faObject(tokens: Tok[], i: number, after: string, cues: Cue[]): boolean {
  const next = tokens[i + 1];
  if (!next || after !== ' ') return false;
  const marker = next.t === 'را' ? next : next.t === 'به' && tokens[i + 2]?.t === 'عنوان' ? tokens[i + 2] : undefined;
  if (!marker) return false;
  return cues.some((c) => c.start > marker.e && c.start - marker.e <= 60);
}
