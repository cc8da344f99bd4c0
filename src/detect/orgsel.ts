/** Choosing the organisation left (org) and the destination of an event. */
import { ROLE_WORD } from './tables/namewords.ts';
import { type Ctx, clauseAt, cueBetween, hasMarker, markersIn, orgsIn } from './context.ts';
import { fold } from './fold.ts';
import type { Cue } from './lexcompile.ts';
import type { OrgMention, PersonMention } from './mentions.ts';
import { guessOrg, roleOrgOf } from './orgguess.ts';
import { notOrgName } from './orgwords.ts';
import type { Sentence } from './segment.ts';
import { orgsAt } from './watchlist.ts';

const SOURCE_BEFORE =
  /(?:(?:^|\s)(?:from|von|vom|da|dal|dalla|dallo|desde|van|uit|depuis|de chez|ex|ex-|former|formerly|ancien|ancienne|ehemalige[rn]?|fruhere[rn]?)\s*|[前元])$/;
const FORMER_BEFORE =
  /(?:(?:^|\s)(?:ex-?|former|formerly|ancien(?:ne)?|ehemalige[rn]?|fruhere[rn]?|previously|most recently|ex-executivo da|ex-executivo)\s*|[前元])$/;
const RIVAL_BEFORE =
  /(?:rivals?|competitors?|concurrent(?:e)?|concorrente|konkurrent(?:en)?|rival|competidor(?:a)?|pesaing)\s*(?:of|de|d'|di|del|des|du|von|dell')?\s*$/;
const POSSESSIVE_BEFORE =
  /(?:^|\s)(?:their|his|her|its|leurs?|ses|son|sa|suoi|sua|seine[nr]?|ihre[nr]?|sus|su|seus|zijn|hun)\s+$/;
const OBJ_SKIP =
  /^(?:\s+(?:la|le|les|l'|il|lo|the|a|an|o|os|as|el|los|die|der|das|den|de|het|su|sua|sa|son|his|her|in|at|bei|chez|en|em|na|no|nella|nel|rival|rivale|concurrent|concurrente|concorrente|competitor|konkurrent|competidor|concorrent|pesaing|startup|start-up)(?![a-z0-9]))*\s*/;
const CAP_CHAIN = /^(\p{Lu}(?:[\p{L}\p{N}&-]|\.(?=\p{L}))*(?:\s\p{Lu}(?:[\p{L}\p{N}&-]|\.(?=\p{L}))*){0,2})/u;
const NOT_ORG = new Set(['I', 'He', 'She', 'We', 'Il', 'Elle', 'Paris', 'London', 'Londres', 'Berlin', 'Rome', 'Roma']);
const NOT_ORG2 = new Set([
  'Madrid',
  'Milano',
  'Milan',
  'Tokyo',
  'New',
  'San',
  'Los',
  'The',
  'La',
  'Le',
  'X',
  'Twitter',
]);

export interface Dest {
  name: string;
  explicit: boolean;
}

function near(list: OrgMention[], at: number): OrgMention | undefined {
  let best: OrgMention | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const o of list) {
    const d = o.end <= at ? at - o.end : Math.max(0, o.start - at);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

const before = (ctx: Ctx, o: OrgMention, n: number): string => ctx.text.slice(Math.max(0, o.start - n), o.start);

/** A capitalised name right after a cue that is not a known org: "dejo Datalia", "entro in Nexora". */
export function objectOrgName(ctx: Ctx, cue: Cue): string | null {
  if (ctx.lower) return null;
  // Within the cue's sentence: a title's last word is not followed by the summary's first.
  const s = ctx.sentences.find((x) => cue.start >= x.start && cue.start < x.end);
  const after = ctx.text.slice(cue.end, Math.min(s?.end ?? ctx.text.length, cue.end + 60));
  const skip = OBJ_SKIP.exec(after)?.[0].length ?? 0;
  const pos = cue.end + skip;
  if (ctx.persons.some((p) => p.start <= pos && p.end > pos)) return null;
  const a = ctx.f.map[pos];
  if (a === undefined) return null;
  const m = CAP_CHAIN.exec(ctx.f.orig.slice(a, a + 60));
  if (!m?.[1]) return null;
  const name = m[1].replace(/[.,]+$/, '');
  const first = name.split(' ')[0] ?? '';
  if (NOT_ORG.has(first) || NOT_ORG2.has(first) || name.length < 3 || notOrgName(name)) return null;
  // "vertrekt de Nederlander X", "holt Ex-Chef X zurück": a chain that holds a person or a role is no company.
  const endPos = pos + fold(name).length;
  if (ctx.persons.some((p) => p.start < endPos && p.end > pos)) return null;
  if (name.split(/[\s-]/).some((w) => ROLE_WORD.test(fold(w)))) return null;
  if (/^(?:CEO|CTO|CFO|COO|CPO|CSO|CAIO|VP|SVP|EVP|PDG|DG|AD)$/.test(first)) return null;
  const key = fold(first);
  const known = ctx.names.orgAliases.get(key) ?? ctx.names.orgAliases.get(key.replace(/s$/, ''));
  if (known && !known.exact) return ctx.names.orgs[known.org]?.name ?? name;
  return name;
}

function personOrgs(ctx: Ctx, personIdx: number): string[] {
  const rec = ctx.names.people[personIdx];
  const mine = rec ? orgsAt(rec, ctx.year) : [];
  const au = ctx.author ? ctx.names.people[ctx.author.person] : undefined;
  if (!au || au.idx === personIdx) return mine;
  // In a colleague's post, the shared organisation comes first.
  return [...mine.filter((o) => au.orgs.includes(o)), ...mine.filter((o) => !au.orgs.includes(o))];
}

/** Prefer organisations the watchlist knows for this person, then the nearest. */
function pick(list: OrgMention[], at: number, mine: string[]): OrgMention | undefined {
  const own = list.filter((o) => mine.includes(o.name));
  return near(own.length > 0 ? own : list, at);
}

export function destinationFor(ctx: Ctx, cue: Cue, s: Sentence, left: string | null): Dest | null {
  const clause = clauseAt(s, cue.start);
  const inClause = orgsIn(ctx, clause.start, clause.end);
  if (cue.flags.includes('<')) {
    const b = inClause.filter((o) => o.end <= cue.start);
    const o = b[b.length - 1] ?? orgsIn(ctx, s.start, cue.start).pop();
    if (o) return { name: o.name, explicit: true };
  }
  const lim = cue.end + Math.round(70 / ctx.w);
  const leftByCue = (o: OrgMention): boolean =>
    ctx.cues.some((c) => (c.type === 'departure' || c.type === 'fired') && c.end <= o.start && o.start - c.end <= 15);
  for (const o of inClause) {
    if (o.start < cue.end || o.start > lim) continue;
    const b = before(ctx, o, 22);
    if (SOURCE_BEFORE.test(b) || RIVAL_BEFORE.test(b) || POSSESSIVE_BEFORE.test(b) || o.name === left || leftByCue(o))
      continue;
    if (ctx.persons.some((p) => p.start >= cue.end && p.end <= o.start)) break;
    return { name: o.name, explicit: true };
  }
  if (ctx.cjk) {
    const b = inClause.filter((o) => o.end <= cue.start && o.name !== left && !SOURCE_BEFORE.test(before(ctx, o, 3)));
    const o = b[b.length - 1];
    if (o) return { name: o.name, explicit: true };
  }
  const obj = objectOrgName(ctx, cue);
  if (obj) return { name: obj, explicit: true };
  // Fallback: another organisation in this or a neighbouring sentence.
  for (const idx of [s.idx, s.idx + 1, s.idx - 1]) {
    const t = ctx.sentences[idx];
    if (!t) continue;
    const cands = orgsIn(ctx, t.start, t.end).filter(
      (x) => x.name !== left && x.known && !leftByCue(x) && !FORMER_BEFORE.test(before(ctx, x, 20)),
    );
    const o = near(cands, cue.start);
    if (o) return { name: o.name, explicit: false };
  }
  return null;
}

/** The organisation the person held the role at. `avoid` are destinations seen in the item. */
export function orgFor(
  ctx: Ctx,
  cue: Cue,
  s: Sentence,
  person: PersonMention | null,
  personIdx: number,
  dest: string | null,
  avoid: Set<string>,
): string | null {
  const clause = clauseAt(s, cue.start);
  const mine = personOrgs(ctx, personIdx);
  const ok = (o: OrgMention): boolean => o.name !== dest;
  const appo = person ? appositionOrg(ctx, person, cue.type === 'appointed') : undefined;
  if (appo && ok(appo)) return appo.name;
  const guessed = person && personIdx < 0 && cue.type !== 'founded' ? roleOrgOf(ctx, person) : null;
  if (guessed && guessed !== dest) return guessed;
  const far = (o: OrgMention): boolean => ok(o) && !avoid.has(o.name) && !FORMER_BEFORE.test(before(ctx, o, 20));
  // "resigns after three months, joins OpenAI": an organisation behind a later cue is that cue's.
  const inClause = orgsIn(ctx, clause.start, clause.end).filter(
    (o) => ok(o) && (o.start < cue.end || !cueBetween(ctx, cue.end, o.start, cue)),
  );
  const lim = cue.end + Math.round(50 / ctx.w);
  if (cue.type === 'departure' || cue.type === 'fired' || cue.type === 'leave' || cue.type === 'appointed') {
    const obj = inClause.find((o) => o.start >= cue.end && o.start <= lim && !SOURCE_BEFORE.test(before(ctx, o, 12)));
    if (obj) return obj.name;
  }
  if (cue.type !== 'appointed') {
    const src = inClause.find((o) => SOURCE_BEFORE.test(before(ctx, o, 12)));
    if (src) return src.name;
  }
  const at = person ? person.start : cue.start;
  const o1 = pick(
    inClause.filter((o) => !avoid.has(o.name)),
    at,
    mine,
  );
  if (o1) return o1.name;
  const o2 = pick(orgsIn(ctx, s.start, s.end).filter(far), at, mine);
  if (o2) return o2.name;
  if (person && (person.start < s.start || person.end > s.end)) {
    const ps = ctx.sentences.find((x) => person.start >= x.start && person.start < x.end);
    const o3 = ps ? pick(orgsIn(ctx, ps.start, ps.end).filter(far), at, mine) : undefined;
    if (o3) return o3.name;
  }
  const title = ctx.sentences[0];
  if (title && s.part !== 0) {
    const o = orgsIn(ctx, title.start, ctx.titleEnd).filter(far);
    const own = o.filter((x) => mine.includes(x.name));
    const first = own[0] ?? o[0];
    if (first) return first.name;
  }
  for (let i = s.idx - 1; i >= 0 && i >= s.idx - 3; i--) {
    const t = ctx.sentences[i];
    if (!t) continue;
    const o = orgsIn(ctx, t.start, t.end).filter((x) => far(x) && x.known);
    const own = o.filter((x) => mine.includes(x.name));
    const last = own[own.length - 1] ?? o[o.length - 1];
    if (last) return last.name;
  }
  const seen = mine.find((m) => m !== dest && ctx.orgs.some((o) => o.name === m));
  if (seen) return seen;
  if (mine.length === 0 && cue.type !== 'founded') {
    const left = cue.type === 'departure' || cue.type === 'fired' ? objectOrgName(ctx, cue) : null;
    if (left && left !== dest) return left;
    const g = guessOrg(ctx, s);
    if (g && g !== dest) return g;
  }
  if (cue.type === 'founded') return null;
  return mine.find((m) => m !== dest) ?? null;
}

export function boardContext(ctx: Ctx, cue: Cue, s: Sentence): boolean {
  return hasMarker(ctx, 'boardNoun', cue.end, Math.min(s.end, cue.end + 40));
}

export function roleAfter(ctx: Ctx, cue: Cue, s: Sentence): boolean {
  const end = Math.min(s.end, cue.end + 50);
  return hasMarker(ctx, 'interim', cue.end, end);
}

/**
 * "Character.AI co-founder returns to Google": a return to an organisation the watchlist does not have
 * the person at in the item's year is a move from where they were (a boomerang hire), not a return to
 * a role just lost.
 */
export function isBoomerang(ctx: Ctx, person: number, to: string): boolean {
  const rec = ctx.names.people[person];
  if (!rec || ctx.year === null) return false;
  const was = orgsAt(rec, ctx.year)[0];
  return was !== undefined && was !== to;
}

/** Words that tie a role to its organisation after a name ("X, chief financial officer of Y"). */
const ROLE_OF = /^\s*(?:of|at|for|de|du|des|d'|di|del|della|dello|da|do|bei|von|der|van|chez|en|em|in|w|v|ve|på|hos|i|ved)\s*$/;

/**
 * The organisation a name stands in apposition to: "Apple AI chief X", "xAI CFO X", "Nissan's new CEO
 * X", "X, chief financial officer of Y", "X (Y)". That is where the person holds the role, whatever
 * else the sentence names; a former one ("former Google executive X") is not where an appointee goes.
 */
export function appositionOrg(ctx: Ctx, p: PersonMention, skipFormer: boolean): OrgMention | undefined {
  const { text } = ctx;
  const s = ctx.sentences.find((x) => p.start >= x.start && p.start < x.end);
  if (!s) return undefined;
  const clause = clauseAt(s, p.start);
  const clean = (a: number, b: number): boolean =>
    !ctx.persons.some((q) => q !== p && q.start >= a && q.end <= b) && !ctx.cues.some((c) => c.start < b && c.end > a);
  for (let i = ctx.orgs.length - 1; i >= 0; i--) {
    const o = ctx.orgs[i] as OrgMention;
    if (o.end > p.start) continue;
    if (o.start < clause.start || p.start - o.end > Math.round(32 / ctx.w)) break;
    const gap = text.slice(o.end, p.start);
    if (!/^[\p{L}\p{N}\s'.&-]*$/u.test(gap) || !clean(o.end, p.start)) break;
    const roleInGap = markersIn(ctx, 'role', o.end, p.start).length > 0;
    if (!roleInGap && !/^(?:'s|s)?\s*$/.test(gap)) break;
    if (skipFormer && FORMER_BEFORE.test(before(ctx, o, 20))) break;
    return o;
  }
  const after = text.slice(p.end, p.end + 4);
  if (!/^\s?[,(]/.test(after)) return undefined;
  const end = Math.min(clause.end, s.end, p.end + Math.round(70 / ctx.w));
  const o = ctx.orgs.find((x) => x.start > p.end && x.start <= end);
  if (!o || !clean(p.end, o.start)) return undefined;
  if (/^\s?\(\s*$/.test(text.slice(p.end, o.start))) return o;
  const roles = markersIn(ctx, 'role', p.end, o.start);
  const last = roles[roles.length - 1];
  if (!last || /[,;:]/.test(text.slice(p.end + 2, last.start))) return undefined;
  return ROLE_OF.test(text.slice(last.end, o.start)) ? o : undefined;
}
