/** Finding people and organisations in one item's folded text. */
import { OWN_FIRST_NAMES } from './firstnames.ts';
import { type Folded, hasCjk, isUpperAt } from './fold.ts';
import { fuzzyLookup } from './fuzzy.ts';
import { findCjkPeople, pairLatinForms } from './cjknames.ts';
import { COMPANY_SUFFIX, NOT_NAME } from './tables/namewords.ts';
import { findUnknownPeople } from './latinnames.ts';
import { inflectedOrgRe } from './orginflect.ts';
import type { CompiledNames } from './watchlist.ts';

export interface PersonMention {
  start: number;
  end: number;
  /** Watchlist index, or -1 for a name that is not on the watchlist. */
  person: number;
  /** Canonical name, or the name as written. */
  name: string;
  how: 'alias' | 'surname' | 'fuzzy' | 'handle' | 'first' | 'pattern';
}

export interface OrgMention {
  start: number;
  end: number;
  /** Canonical or as-written organisation name. */
  name: string;
  known: boolean;
}

/**
 * "Neal Mohan" is not Varun Mohan: a surname written right after a capitalised given name that is not
 * the watchlist person's belongs to someone else (whom the unknown-people pass can still find).
 */
function otherGivenName(f: Folded, tokens: Tok[], start: number, first: string | undefined): boolean {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid] as Tok;
    if (t.e < start - 1) lo = mid + 1;
    else if (t.e > start - 1) hi = mid - 1;
    else return f.text[t.e] === ' ' && t.t !== first && OWN_FIRST_NAMES.has(t.t) && isUpperAt(f, t.s);
  }
  return false;
}

export interface Tok {
  s: number;
  e: number;
  t: string;
}

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{N}-]*/gu;

export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    out.push({ s: m.index, e: m.index + m[0].length, t: m[0] });
  }
  return out;
}

export function overlaps(list: { start: number; end: number }[], s: number, e: number): boolean {
  for (const m of list) if (m.start < e && s < m.end) return true;
  return false;
}

export interface MentionResult {
  persons: PersonMention[];
  orgs: OrgMention[];
}

/** What the mention passes share: the text, the watchlist, and the mentions found so far. */
interface Scan {
  f: Folded;
  text: string;
  lower: boolean;
  names: CompiledNames;
  tokens: Tok[];
  authorPerson: number;
  orgs: OrgMention[];
  persons: PersonMention[];
  /** Single-token aliases and surnames, waiting for confirmation. */
  weak: PersonMention[];
  /** Watchlist people named in full in the item. */
  strong: Set<number>;
}

export function findMentions(
  f: Folded,
  lower: boolean,
  names: CompiledNames,
  authorPerson: number,
  tokens: Tok[],
  hint: (start: number, end: number) => boolean = () => false,
  lang: string | null = null,
): MentionResult {
  const text = f.text;
  const sc: Scan = { f, text, lower, names, tokens, authorPerson, orgs: [], persons: [], weak: [], strong: new Set() };
  knownOrgs(sc, lang);
  aliasPeople(sc);
  handlePeople(sc);
  fuzzyPeople(sc);
  const orgs = sc.orgs;
  const kept = confirmPeople(sc);
  findUnknownOrgs(f, tokens, kept, orgs, lower);
  quotedOrgs(f, kept, orgs);
  if (!lower) findUnknownPeople(f, tokens, kept, orgs, hint, lang);
  if (hasCjk(text)) {
    findCjkPeople(f, kept, orgs);
    pairLatinForms(f, kept);
  }
  kept.sort((a, b) => a.start - b.start);
  orgs.sort((a, b) => a.start - b.start);
  return { persons: kept, orgs };
}

/** Organisations on the watchlist, by alias. */
function knownOrgs(sc: Scan, lang: string | null): void {
  const { f, text, lower, names, orgs } = sc;
  const inflected = inflectedOrgRe(names.orgLatin, lang);
  for (const re of [names.orgLatin, names.orgCjk, inflected]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const info = names.orgAliases.get(m[0]);
      if (!info) continue;
      if (re === inflected && (m[0].length < 4 || info.exact)) continue;
      const start = m.index;
      const end = start + m[0].length;
      const raw = f.orig.slice(f.map[start], f.map[end]);
      if (info.exact && !info.exact.includes(raw)) continue;
      if (info.single && !info.exact && !lower && !hasCjk(m[0]) && !isUpperAt(f, start)) continue;
      if (
        raw === 'X' &&
        /(?:^|[\s(])(on|su|sur|auf|en|em|op|via|tweet|post)\s+$/i.test(text.slice(Math.max(0, start - 8), start))
      )
        continue;
      if (raw === 'X' && /^\s*[(:]/.test(text.slice(end, end + 3))) continue;
      if (overlaps(orgs, start, end)) continue;
      orgs.push({ start, end, name: names.orgs[info.org]?.name ?? m[0], known: true });
    }
  }

}

/** Watchlist people by full alias; single-token aliases wait in `weak`. */
function aliasPeople(sc: Scan): void {
  const { f, text, lower, names, orgs, persons, weak, strong } = sc;
  for (const re of [names.personLatin, names.personCjk]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const info = names.personAliases.get(m[0]);
      if (!info) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(orgs, start, end) || overlaps(persons, start, end)) continue;
      if (info.single) {
        if (!lower && !hasCjk(m[0]) && !isUpperAt(f, start)) continue;
        weak.push({ start, end, person: -2, name: m[0], how: 'surname' });
        continue;
      }
      const p = info.persons[0] ?? -1;
      if (info.persons.length !== 1) continue;
      persons.push({ start, end, person: p, name: names.people[p]?.name ?? m[0], how: 'alias' });
      strong.add(p);
    }
  }

}

function handlePeople(sc: Scan): void {
  const { text, names, persons } = sc;
  // X handles ("@alex_conneau") inside articles and posts.
  const handleRe = /@([a-z0-9_]{2,15})/g;
  for (let m = handleRe.exec(text); m; m = handleRe.exec(text)) {
    const p = names.handles.get(m[1] ?? '');
    if (p === undefined || overlaps(persons, m.index, m.index + m[0].length)) continue;
    persons.push({
      start: m.index,
      end: m.index + m[0].length,
      person: p,
      name: names.people[p]?.name ?? '',
      how: 'handle',
    });
  }

}

function fuzzyPeople(sc: Scan): void {
  const { f, text, lower, names, tokens, orgs, persons, strong } = sc;
  // Misspelled full names: trigram candidates then Jaro-Winkler.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as Tok;
    const b = tokens[i + 1] as Tok;
    if (b.s - a.e !== 1 || text[a.e] !== ' ') continue;
    if (a.t.length < 3 || b.t.length < 4 || hasCjk(a.t)) continue;
    if (!lower && (!isUpperAt(f, a.s) || !isUpperAt(f, b.s))) continue;
    if (overlaps(persons, a.s, b.e) || overlaps(orgs, a.s, b.e)) continue;
    const hit = fuzzyLookup(names.fuzzy, a.t, b.t);
    if (!hit) continue;
    persons.push({
      start: a.s,
      end: b.e,
      person: hit.person,
      name: names.people[hit.person]?.name ?? '',
      how: 'fuzzy',
    });
    strong.add(hit.person);
  }

}

/** Weak mentions confirmed or dropped, ambiguous names kept only with their organisation, first names. */
function confirmPeople(sc: Scan): PersonMention[] {
  const { f, lower, names, tokens, authorPerson, orgs, persons, weak, strong } = sc;
  const orgNames = new Set(orgs.map((o) => o.name));
  const hasOrgContext = (p: number): boolean => {
    const rec = names.people[p];
    if (!rec) return false;
    if (rec.orgs.some((o) => orgNames.has(o))) return true;
    const au = names.people[authorPerson];
    return !!au && au.orgs.some((o) => rec.orgs.includes(o));
  };

  // Single-token aliases and surnames: confirmed by a full mention, or distinctive enough.
  for (const w of weak) {
    const info = names.personAliases.get(w.name);
    if (!info) continue;
    let pick = -1;
    const confirmed = info.persons.filter((p) => strong.has(p));
    if (confirmed.length === 1) pick = confirmed[0] ?? -1;
    else if (info.persons.length === 1) {
      const p = info.persons[0] ?? -1;
      const rec = names.people[p];
      const distinctive = w.name.length >= 5 || hasCjk(w.name) || info.raw !== rec?.surname;
      if (rec && !rec.ambiguous && distinctive && (!hasCjk(w.name) || hasOrgContext(p))) pick = p;
    }
    if (pick < 0 || overlaps(persons, w.start, w.end)) continue;
    if (!lower && otherGivenName(f, tokens, w.start, names.people[pick]?.first)) continue;
    persons.push({ ...w, person: pick, name: names.people[pick]?.name ?? w.name });
  }

  // Ambiguous names ("Mark Chen") need one of their organisations in the item.
  const kept = persons.filter((m) => {
    const rec = names.people[m.person];
    return !rec?.ambiguous || hasOrgContext(m.person);
  });

  if (!lower) firstNamesAlone(sc, kept);
  return kept;
}

/** First name alone ("Alongside Mira"), when unique on the watchlist and the org context matches. */
function firstNamesAlone(sc: Scan, kept: PersonMention[]): void {
  const { f, text, names, tokens, authorPerson, orgs } = sc;
  for (const t of tokens) {
    const list = names.firstNames.get(t.t);
    if (list?.length !== 1 || t.t.length < 4) continue;
    const p = list[0] as number;
    if (!isUpperAt(f, t.s) || overlaps(kept, t.s, t.e) || overlaps(orgs, t.s, t.e)) continue;
    const next = text.slice(t.e, t.e + 2);
    if (/^ [a-z]/.test(next) && isUpperAt(f, t.e + 1)) continue;
    const rec = names.people[p];
    const au = names.people[authorPerson];
    if (!rec || !au || au.idx === p || !au.orgs.some((o) => rec.orgs.slice(0, 2).includes(o))) continue;
    kept.push({ start: t.s, end: t.e, person: p, name: rec.name, how: 'first' });
  }
}

/** Names in guillemets are companies in Russian, French and German news («Ладога Софт»). */
function quotedOrgs(f: Folded, kept: PersonMention[], orgs: OrgMention[]): void {
  const text = f.text;
  for (const m of text.matchAll(/«\s?([^«»]{2,40}?)\s?»/gu)) {
    const start = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
    const end = start + (m[1] ?? '').length;
    const o = f.map[start] ?? 0;
    if (!/^\p{Lu}/u.test(f.orig.slice(o, o + 1)) || overlaps(orgs, start, end)) continue;
    if (overlaps(kept, start, end)) continue;
    orgs.push({ start, end, name: f.orig.slice(f.map[start], f.map[end]), known: false });
  }
}

function findUnknownOrgs(f: Folded, tokens: Tok[], persons: PersonMention[], orgs: OrgMention[], lower: boolean): void {
  if (lower) return;
  const text = f.text;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] as Tok;
    if (!COMPANY_SUFFIX.has(t.t) || !isUpperAt(f, t.s) || overlaps(orgs, t.s, t.e) || overlaps(persons, t.s, t.e))
      continue;
    let k = i - 1;
    let start = t.s;
    while (k >= 0 && i - k <= 3) {
      const p = tokens[k] as Tok;
      if (start - p.e !== 1 || text[p.e] !== ' ' || !isUpperAt(f, p.s) || NOT_NAME.has(p.t)) break;
      if (overlaps(persons, p.s, p.e) || overlaps(orgs, p.s, p.e)) break;
      start = p.s;
      k--;
    }
    if (start === t.s) continue;
    orgs.push({ start, end: t.e, name: f.orig.slice(f.map[start], f.map[t.e]), known: false });
  }
}
