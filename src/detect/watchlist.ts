/** Compiling the watchlist (people.json / orgs.json) into lookup structures. */
import type { OrgEntry, PersonEntry, Watchlist } from '../core/types.ts';
import { fold, hasCjk } from './fold.ts';
import { buildFuzzyIndex, type FuzzyEntry, type FuzzyIndex } from './fuzzy.ts';

export interface PersonRec {
  idx: number;
  name: string;
  surname: string;
  first: string;
  /** Canonical org names from the watchlist, most recent first. */
  orgs: string[];
  /** The same organisations with their years (null = unknown or ongoing). */
  tenures: Tenure[];
  ambiguous: boolean;
  handle: string | null;
}

export interface Tenure {
  org: string;
  from: number | null;
  to: number | null;
}

/**
 * The person's organisations ordered for a given year: where they were during that year first
 * (a tenure already under way before the year beats one that starts in it), then the most recent.
 */
export function orgsAt(rec: PersonRec, year: number | null): string[] {
  if (year === null) return rec.orgs;
  const score = (t: Tenure): number => {
    const from = t.from ?? -Infinity;
    const to = t.to ?? Infinity;
    if (from <= year && year <= to) return from < year ? 0 : 1;
    if (to < year) return 2 + (year - to) / 100;
    return 9;
  };
  const ranked = rec.tenures.map((t, i) => ({ t, i, s: score(t) })).sort((a, b) => a.s - b.s || a.i - b.i);
  return [...new Set(ranked.map((r) => r.t.org))];
}

export interface OrgRec {
  idx: number;
  name: string;
  ambiguous: boolean;
  parent: string | null;
}

/** What an alias match means. */
export interface AliasInfo {
  persons: number[];
  /** single = one token (surname or nickname); needs capitals or confirmation. */
  single: boolean;
  /** The alias as written in the watchlist (for case-sensitive checks). */
  raw: string;
}

export interface OrgAliasInfo {
  org: number;
  single: boolean;
  /** Case-sensitive forms that must match exactly in the original text. */
  exact: string[] | null;
}

export interface CompiledNames {
  people: PersonRec[];
  orgs: OrgRec[];
  personAliases: Map<string, AliasInfo>;
  personLatin: RegExp | null;
  personCjk: RegExp | null;
  orgAliases: Map<string, OrgAliasInfo>;
  orgLatin: RegExp | null;
  orgCjk: RegExp | null;
  orgByName: Map<string, number>;
  handles: Map<string, number>;
  firstNames: Map<string, number[]>;
  fuzzy: FuzzyIndex;
  /** Folded tokens of all multi-token aliases, to skip fuzzy work on exact tokens. */
  nameTokens: Set<string>;
}

/** Word boundary for alphabetic scripts only, so "OpenAI联合" still matches "openai". */
const WORD = '\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{N}';
const B_L = `(?<![${WORD}])`;
const B_R = `(?![${WORD}])`;

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function norm(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

function alternation(list: string[], bounded: boolean): RegExp | null {
  if (list.length === 0) return null;
  const sorted = [...new Set(list)].sort((a, b) => b.length - a.length).map(escapeRe);
  const body = sorted.join('|');
  return new RegExp(bounded ? `${B_L}(?:${body})${B_R}` : `(?:${body})`, 'gu');
}

function compileOrgs(
  orgs: OrgEntry[],
): Pick<CompiledNames, 'orgs' | 'orgAliases' | 'orgLatin' | 'orgCjk' | 'orgByName'> {
  const recs: OrgRec[] = [];
  const orgAliases = new Map<string, OrgAliasInfo>();
  const orgByName = new Map<string, number>();
  const latin: string[] = [];
  const cjk: string[] = [];
  orgs.forEach((o, idx) => {
    recs.push({ idx, name: o.name, ambiguous: !!o.ambiguous_alias, parent: o.parent ?? null });
    orgByName.set(norm(o.name), idx);
    for (const raw of [o.name, ...o.aliases]) {
      const a = norm(raw);
      if (!a || orgAliases.has(a)) continue;
      const single = !a.includes(' ') && !hasCjk(a);
      // Ambiguous or very short single-token aliases only match with their exact capitalisation.
      const strict = single && (a.length <= 4 || (o.ambiguous_alias && raw !== o.name) || raw === 'X');
      orgAliases.set(a, { org: idx, single, exact: strict ? [raw] : null });
      if (hasCjk(a)) cjk.push(a);
      else latin.push(a);
    }
  });
  return { orgs: recs, orgAliases, orgLatin: alternation(latin, true), orgCjk: alternation(cjk, false), orgByName };
}

/** The watchlist's people as the detector reads them: canonical name, surname, organisations by tenure. */
function personRecord(p: PersonEntry, idx: number, resolveOrg: (name: string) => string): PersonRec {
  const canon = norm(p.name);
  const toks = canon.split(' ');
  const sorted = [...(p.orgs ?? [])].sort((a, b) => (b.to ?? 9999) - (a.to ?? 9999) || (b.from ?? 0) - (a.from ?? 0));
  const tenures = sorted.map((o) => ({ org: resolveOrg(o.org), from: o.from ?? null, to: o.to ?? null }));
  return {
    idx,
    name: p.name,
    surname: toks[toks.length - 1] ?? canon,
    first: toks[0] ?? canon,
    orgs: tenures.map((t) => t.org),
    tenures,
    ambiguous: !!p.ambiguous_name,
    handle: p.x ? p.x.replace(/^@/, '').toLowerCase() : null,
  };
}

/** Aliases of every person, collected into the lookup tables that findMentions() reads. */
class AliasTables {
  readonly personAliases = new Map<string, AliasInfo>();
  readonly latin: string[] = [];
  readonly cjk: string[] = [];
  readonly fuzzyEntries: FuzzyEntry[] = [];
  readonly nameTokens = new Set<string>();

  add(a: string, raw: string, idx: number, single: boolean): void {
    const prev = this.personAliases.get(a);
    if (prev) {
      if (!prev.persons.includes(idx)) prev.persons.push(idx);
      return;
    }
    this.personAliases.set(a, { persons: [idx], single, raw });
    if (hasCjk(a)) this.cjk.push(a);
    else this.latin.push(a);
  }

  /** A person's name, aliases and surname; full Latin names also feed the misspelling index. */
  addPerson(p: PersonEntry, idx: number): void {
    for (const raw of [p.name, ...p.aliases]) {
      const a = norm(raw);
      if (!a) continue;
      const cj = hasCjk(a);
      const single = cj ? a.length <= 3 && !a.includes('·') && !a.includes('・') : !a.includes(' ');
      if (!cj && single && a.length <= 3) continue; // "JG": too ambiguous to match
      this.add(a, raw, idx, single);
      if (cj || single) continue;
      const at = a.split(' ');
      for (const t of at) this.nameTokens.add(t);
      if (at.length >= 2)
        this.fuzzyEntries.push({ alias: a, first: at[0] ?? '', last: at[at.length - 1] ?? '', person: idx, grams: 0 });
    }
    const toks = norm(p.name).split(' ');
    const sur = toks[toks.length - 1];
    if (sur && toks.length > 1 && sur.length >= 4 && !hasCjk(sur)) this.add(sur, sur, idx, true);
  }
}

export function compileNames(w: Watchlist): CompiledNames {
  const orgPart = compileOrgs(w.orgs);
  const resolveOrg = (name: string): string => {
    const info = orgPart.orgAliases.get(norm(name));
    return info ? (orgPart.orgs[info.org]?.name ?? name) : name;
  };
  const people: PersonRec[] = [];
  const handles = new Map<string, number>();
  const firstNames = new Map<string, number[]>();
  const tables = new AliasTables();
  w.people.forEach((p: PersonEntry, idx) => {
    const rec = personRecord(p, idx, resolveOrg);
    people.push(rec);
    if (rec.handle) handles.set(rec.handle, idx);
    const toks = norm(p.name).split(' ');
    if (toks[0] && toks.length > 1) firstNames.set(toks[0], [...(firstNames.get(toks[0]) ?? []), idx]);
    tables.addPerson(p, idx);
  });
  return {
    ...orgPart,
    people,
    personAliases: tables.personAliases,
    personLatin: alternation(tables.latin, true),
    personCjk: alternation(tables.cjk, false),
    handles,
    firstNames,
    fuzzy: buildFuzzyIndex(tables.fuzzyEntries),
    nameTokens: tables.nameTokens,
  };
}
