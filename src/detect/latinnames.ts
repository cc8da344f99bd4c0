/**
 * People nobody put on the watchlist, in Latin, Cyrillic and Greek script: runs of capitalised words
 * marked as a name by a given name, a role or an honorific before them, or by a change cue close by.
 */
import { FIRST_NAMES, OWN_FIRST_NAMES } from './firstnames.ts';
import { type Folded, hasCjk, isUpperAt } from './fold.ts';
import type { OrgMention, PersonMention, Tok } from './mentions.ts';
import { overlaps } from './mentions.ts';
import { CAP_STOP, COMPANY_SUFFIX, HONORIFIC, NOT_NAME, PARTICLES, ROLE_BEFORE, ROLE_WORD } from './tables/namewords.ts';
import { trimName } from './namecheck.ts';
import { bareSurname, nameWithoutEnding } from './nameforms.ts';
import { russianNominative } from './unknown.ts';

/** A word that can be part of a name: capitalised, then lower case ("McGrew", "Oyelaran-Hughes"; not "AI"). */
export function nameShaped(f: Folded, t: Tok): boolean {
  if (!isUpperAt(f, t.s) || t.t.length < 2 || /\d/.test(t.t)) return false;
  const o = f.map[t.s + 1];
  const ch = o === undefined ? '' : (f.orig[o] ?? '');
  return ch !== ch.toUpperCase() || ch === "'";
}

/** A capital letter standing for a given name, with no full stop ("R Seshasayee", "U B Pravin Rao"). */
function bareInitial(f: Folded, t: Tok, next: Tok | undefined): boolean {
  if (t.t.length !== 1 || !isUpperAt(f, t.s) || !next || next.s - t.e !== 1 || f.text[t.e] !== ' ') return false;
  if (!/^[b-hj-z]$/.test(t.t)) return false;
  // At a sentence's start a vowel letter is more often a word ("O", "E", "Y", "U") than an initial.
  const before = f.text.slice(Math.max(0, t.s - 2), t.s);
  if ((t.s === 0 || /[.!?\n:]\s?$/.test(before)) && 'oeuy'.includes(t.t)) return false;
  return next.t.length === 1 ? isUpperAt(f, next.s) : nameShaped(f, next);
}

/**
 * Where a run of capitalised words that could be a name starts at token i: the tokens of the run, the
 * index after it, and whether something marks it as a name (a given name, a role or an honorific before).
 */
function nameRun(f: Fold, i: number, ctx: RunCtx): { parts: Tok[]; j: number; known: boolean } | null {
  const { tokens, persons, orgs } = ctx;
  const text = f.text;
  const a = tokens[i] as Tok;
  if (!isUpperAt(f, a.s) || NOT_NAME.has(a.t) || CAP_STOP.has(a.t) || hasCjk(a.t) || ROLE_WORD.test(a.t)) return null;
  if (HONORIFIC.has(a.t) || ROLE_BEFORE.has(a.t)) return null;
  if (overlaps(persons, a.s, a.e) || overlaps(orgs, a.s, a.e)) return null;
  const marks = (t: Tok | undefined): boolean => !!t && (ROLE_BEFORE.has(t.t) || HONORIFIC.has(t.t) || ROLE_WORD.test(t.t));
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  const roleBefore =
    // Not across a sentence or paragraph: a role ending one line does not mark the next line's words.
    (marks(prev) && a.s - (prev as Tok).e <= 2 && !/[\n.!?]/.test(text.slice((prev as Tok).e, a.s))) ||
    (prev2 && ROLE_BEFORE.has(prev2.t) && a.s - prev2.e <= 12);
  const initial0 = bareInitial(f, a, tokens[i + 1]);
  const known = FIRST_NAMES.has(a.t) || !!roleBefore;
  if (!known && !initial0 && !nameShaped(f, a)) return null;
  const parts: Tok[] = [a];
  let j = i + 1;
  while (j < tokens.length && parts.length < 5) {
    const t = tokens[j] as Tok;
    const last = parts[parts.length - 1] as Tok;
    // A middle initial ("Andrew R. Jassy") joins the name across its full stop.
    const initial = last.t.length === 1 && parts.length >= 2 && text.slice(last.e, t.s) === '. ';
    if (!initial && (t.s - last.e !== 1 || text[last.e] !== ' ')) break;
    if (PARTICLES.has(t.t) && !isUpperAt(f, t.s)) {
      const n = tokens[j + 1];
      if (!n || n.s - t.e !== 1 || !isUpperAt(f, n.s)) break;
      parts.push(t);
      j++;
      continue;
    }
    if (!isUpperAt(f, t.s) || NOT_NAME.has(t.t) || COMPANY_SUFFIX.has(t.t)) break;
    if (overlaps(persons, t.s, t.e) || overlaps(orgs, t.s, t.e)) break;
    const initialsSoFar = parts.every((p) => p.t.length === 1);
    if (parts.length >= 2 && !initialsSoFar && OWN_FIRST_NAMES.has(t.t)) break;
    parts.push(t);
    j++;
  }
  return { parts, j, known };
}

interface RunCtx {
  tokens: Tok[];
  persons: PersonMention[];
  orgs: OrgMention[];
}
type Fold = Folded;

/**
 * A run with nothing that marks it as a name (no given name, no role before it) is a title, a product or
 * a place more often than a person when it runs to three words or more ("Red Dead Redemption", "White
 * Knight Chronicles") or a number follows it ("Mass Effect 3").
 */
function unmarkedRunIsName(f: Folded, parts: Tok[]): boolean {
  const words = parts.filter((t) => !PARTICLES.has(t.t) && t.t.length > 1);
  if (words.some((t) => FIRST_NAMES.has(t.t))) return true;
  if (words.length >= 3) return false;
  const last = parts[parts.length - 1] as Tok;
  return !/^ \d{1,3}(?![\d.,:/])/.test(f.text.slice(last.e, last.e + 5));
}

export function findUnknownPeople(
  f: Folded,
  tokens: Tok[],
  persons: PersonMention[],
  orgs: OrgMention[],
  hint: (start: number, end: number) => boolean,
  lang: string | null,
): void {
  const found: PersonMention[] = [];
  const isRole = (w: string): boolean => ROLE_WORD.test(w) || ROLE_BEFORE.has(w) || NOT_NAME.has(w) || HONORIFIC.has(w);
  const rc: RunCtx = { tokens, persons, orgs };
  for (let i = 0; i < tokens.length; i++) {
    const run = nameRun(f, i, rc);
    if (!run) continue;
    const { parts, j, known } = run;
    // A name does not end in an initial ("Ratan N" is a truncated "Ratan N. Tata").
    while (parts.length > 2 && (parts[parts.length - 1] as Tok).t.length === 1) parts.pop();
    const lastTok = parts[parts.length - 1] as Tok;
    if (parts.length < 2 || PARTICLES.has(lastTok.t) || lastTok.t.length === 1) continue;
    const kept = trimName(
      parts.map((t) => t.t),
      parts.map((t) => f.orig.slice(f.map[t.s], f.map[t.e])),
      lang,
      isRole,
    );
    if (!kept) continue;
    parts.splice(kept[1]);
    parts.splice(0, kept[0]);
    const start = (parts[0] as Tok).s;
    const end = lastTok.e;
    const shaped = parts.every((t) => PARTICLES.has(t.t) || nameShaped(f, t) || t.t.length === 1);
    if (!known && (!shaped || !(hint(start, end) || coordinated(f.text, start, persons, found)))) continue;
    if (!known && !unmarkedRunIsName(f, parts)) {
      i = j - 1;
      continue;
    }
    if (parts.some((t) => ROLE_WORD.test(t.t) || CAP_STOP.has(t.t))) continue;
    const name = nameWithoutEnding(russianNominative(f.orig.slice(f.map[start], f.map[end])), lang, f.text);
    found.push({ start, end, person: -1, name, how: 'pattern' });
    i = j - 1;
  }
  surnamesAlone(f, tokens, found, persons, lang);
  for (const m of found) persons.push(m);
}

/** "Karl von Rohr und Garth Ritchie": a name joined by "and" to a name marked as a person's is one too. */
const AND_BEFORE = /^ (?:and|und|et|e|ed|y|en|och|og|ve|oraz|a) $/;
function coordinated(text: string, start: number, persons: PersonMention[], found: PersonMention[]): boolean {
  const ends = (m: PersonMention): boolean =>
    m.end < start &&
    start - m.end <= 6 &&
    AND_BEFORE.test(text.slice(m.end, start)) &&
    (m.person >= 0 || FIRST_NAMES.has(text.slice(m.start, m.end).split(' ')[0] ?? ''));
  return found.some(ends) || persons.some(ends);
}

/** Later mentions by surname alone ("Friar, hasta ahora ..."). */
function surnamesAlone(f: Folded, tokens: Tok[], found: PersonMention[], persons: PersonMention[], lang: string | null): void {
  const bySurname = new Map<string, PersonMention>();
  for (const m of found) {
    const sur = f.text.slice(m.start, m.end).split(' ').pop();
    if (sur && sur.length >= 3) bySurname.set(sur, m);
  }
  for (const t of tokens) {
    // "Virtasen" is Virtanen's, in a language that inflects surnames.
    const bare = bySurname.has(t.t) ? null : bareSurname(t.t, lang, (w) => bySurname.has(w));
    const m = bySurname.get(bare ?? t.t);
    if (!m || !isUpperAt(f, t.s) || overlaps(found, t.s, t.e) || overlaps(persons, t.s, t.e)) continue;
    found.push({ start: t.s, end: t.e, person: -1, name: m.name, how: 'pattern' });
  }
}
