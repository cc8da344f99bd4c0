/**
 * Stage three, building events: each cue's people (attach.ts) with the change each one makes, its type
 * refined by what stands around it (a destination makes a departure a move, a board makes a join an
 * appointment), successions' other parties, then the organisation, evidence and confidence of each.
 */
import type { ChangeType } from '../core/types.ts';
import { objectOk, suppressed, type Target, targetsFor } from './attach.ts';
import { type Ctx, clauseAt, hasMarker, markersIn, type RawEvent, sentenceAt } from './context.ts';
import type { CompiledLexicon, Cue } from './lexcompile.ts';
import { boardContext, destinationFor, isBoomerang, orgFor, roleAfter } from './orgsel.ts';
import type { PersonMention } from './mentions.ts';
import type { Sentence } from './segment.ts';
import { otherParty } from './succession.ts';

export interface Pending {
  cue: Cue;
  s: Sentence;
  t: Target;
  type: ChangeType;
  dest: string | null;
  /** Set on the other party of a succession cue ("Y" in "X löst Y ab"). */
  other?: boolean;
}

const none = new Set<string>();

/** May this cue make a change here at all (not suppressed, its object and role conditions met)? */
function cueHolds(ctx: Ctx, cue: Cue, s: Sentence, lexes: CompiledLexicon[]): boolean {
  if (suppressed(ctx, cue, s)) return false;
  if (cue.lang === 'en' && lexes[0]?.lang !== 'en' && !englishSentence(ctx.text, s)) return false;
  if (cue.flags.includes('~') && !objectOk(ctx, cue, s, cue.type === 'founded')) return false;
  if (cue.flags.includes('+') && !hasMarker(ctx, 'role', cue.end, Math.min(s.end, cue.end + 45))) return false;
  return !(
    cue.type === 'founded' &&
    cue.flags.includes('<') &&
    !ctx.orgs.some((o) => o.end <= cue.start && cue.start - o.end <= 3)
  );
}

/** Every cue's people and their changes, pruned of what the item tells as someone else's or as the past. */
export function pendingEvents(ctx: Ctx, lexes: CompiledLexicon[]): Pending[] {
  const pending: Pending[] = [];
  for (const cue of ctx.cues) {
    const s = sentenceAt(ctx, cue.start);
    if (!s || !cueHolds(ctx, cue, s, lexes)) continue;
    const targets = targetsFor(ctx, cue, s);
    const other = otherParty(ctx, cue, s, targets);
    if (other) {
      const m = other.mention;
      const t = { person: m.person, name: m.name, mention: m, firstPerson: false };
      pending.push({ cue, s, t, type: other.type, dest: null, other: true });
    }
    for (const t of targets) pending.push({ cue, s, t, ...typeFor(ctx, cue, s, t) });
  }
  dropPredecessorRoles(pending);
  propagateCompanions(ctx, pending);
  return pending.filter((p) => !((p.type === 'departure' || p.type === 'fired') && calledFormer(ctx, p.t)));
}

/** "ex Intel CEO X", "der frühere Velora-Chef X", "il predecessore X", "X 전 CEO", "前CEO X". */
const FORMER_WORD =
  /(?:^|[\s('"])(?:ex|former|ancien(?:ne)?|ehemalige[nr]?|fruhere[nr]?|voormalige?|oud|predecessor|predecessore|predecesseur|vorganger(?:in)?|voorganger|antecessor(?:a)?|antiguo|antigua|antigo|antiga)(?:[\s-](?:[^,;.!?\n]*))?,?\s*$/;
const FORMER_CJK_BEFORE = /(?:(?:^|[^\p{Script=Han}])(?:前|元)(?:ceo|cfo|cto|社長|会長|总裁|董事长|首席\p{Script=Han}{1,3}官)?|(?:^|\s)전\s?(?:ceo|대표|회장|사장)?\s?)$/u;
const FORMER_CJK_AFTER = /^\s?(?:전|前|元)\s?(?:ceo|cfo|cto|대표|회장|사장|부회장|최고경영자|社長|会長|首席)/u;

/**
 * A person the item calls former ("ex Intel CEO X") left before this news: their leaving, told again,
 * is background ("X, who left the company, …"; "the decision to step down was hard, says ex CEO X").
 */
function calledFormer(ctx: Ctx, t: Target): boolean {
  const same = (p: PersonMention): boolean => (t.person >= 0 ? p.person === t.person : p.name === t.name);
  for (const m of ctx.persons) {
    if (!same(m)) continue;
    const from = Math.max(0, m.start - 40);
    const before = ctx.text.slice(from, m.start);
    const blocked = ctx.cues.some((c) => c.start >= from && c.end <= m.start);
    if (!blocked && !ctx.persons.some((q) => q.end <= m.start && q.end > from) && FORMER_WORD.test(before)) return true;
    if (ctx.cjk && (FORMER_CJK_BEFORE.test(ctx.text.slice(Math.max(0, m.start - 8), m.start)) || FORMER_CJK_AFTER.test(ctx.text.slice(m.end, m.end + 8))))
      return true;
  }
  return false;
}

/** The change a cue makes for one person: its own type, refined by destinations, boards and returns. */
function typeFor(ctx: Ctx, cue: Cue, s: Sentence, t: Target): { type: ChangeType; dest: string | null } {
  let type: ChangeType = cue.type;
  let dest: string | null = null;
  if (type === 'joined' && boardContext(ctx, cue, s)) type = 'appointed';
  if (
    type === 'joined' &&
    !cue.flags.includes('<') &&
    cue.lang !== 'ar' && // Arabic puts the subject after the verb: "انضم X إلى …" is X joining.
    ctx.persons.some((p) => p.start >= cue.end && p.start - cue.end <= 6)
  )
    type = 'appointed';
  if (type === 'departure' && !cue.flags.includes('#')) {
    const moved = leavesFor(ctx, cue, s);
    if (moved) {
      type = 'joined';
      dest = moved;
    }
  }
  if (type === 'joined' && !dest) {
    let d = destinationFor(ctx, cue, s, null);
    if (!d?.explicit) d = destinationFor(ctx, cue, s, orgFor(ctx, cue, s, t.mention, t.person, null, none));
    if (d && !d.explicit && roleAfter(ctx, cue, s)) type = 'appointed';
    else dest = d?.name ?? null;
  }
  if (type === 'founded') dest = foundedName(ctx, cue, s);
  if (type === 'reinstated') {
    const org = orgFor(ctx, cue, s, t.mention, t.person, null, none);
    const back = org ? destinationFor(ctx, { ...cue, flags: '' }, s, org) : null;
    const clause = clauseAt(s, cue.start);
    const close =
      back?.explicit && ctx.orgs.some((o) => o.name === back.name && o.start >= cue.end && o.start < clause.end);
    if (back && close && ctx.orgs.some((o) => o.name === org && o.end <= cue.start && o.start >= clause.start)) {
      type = 'joined';
      dest = back.name;
    } else if (org && t.person >= 0 && isBoomerang(ctx, t.person, org)) {
      type = 'joined';
      dest = org;
    }
  }
  return { type, dest };
}

/** Pending changes to raw events: organisation, evidence span, confidence. */
export function toRawEvents(ctx: Ctx, pending: Pending[]): RawEvent[] {
  const raws: RawEvent[] = [];
  for (const { cue, s, t, type, dest } of pending) {
    const avoid = new Set<string>();
    for (const p of pending) if (p.dest && (p.t.person !== t.person || p.t.name !== t.name)) avoid.add(p.dest);
    const org = orgFor(ctx, cue, s, t.mention, t.person, dest, avoid);
    let conf = 0.55 + (t.person >= 0 ? 0.2 : 0) + (org ? 0.08 : 0) + (s.part === 0 ? 0.1 : 0);
    if (cue.flags.includes('!')) conf -= 0.15;
    if (t.firstPerson && t.person < 0) conf -= 0.1;
    raws.push({
      person: t.person,
      name: t.name,
      type,
      org,
      destination: type === 'joined' || type === 'founded' ? dest : null,
      evidence: evidenceSpan(cue, s),
      cues: [{ start: cue.start, end: cue.end }],
      confidence: Math.max(0.05, Math.min(0.97, Math.round(conf * 100) / 100)),
      inTitle: s.part === 0,
      firstPerson: t.firstPerson,
    });
  }
  return raws;
}

const EN_WORDS =
  /(?:^|[^a-z'])(?:the|and|of|to|is|was|has|have|with|for|at|from|my|i'm|i've|this|that|after|will|his|her|as)(?=[^a-z']|$)/g;

/** In a non-English item, English cues only count inside English sentences (quotes, embedded posts). */
function englishSentence(text: string, s: Sentence): boolean {
  const hits = new Set(text.slice(s.start, s.end).match(EN_WORDS) ?? []);
  return hits.size >= 3;
}

/** "Avec lui et Brockman, d'autres membres ... sont X, Y et Z": the others share the event. */
function propagateCompanions(
  ctx: Ctx,
  pending: { cue: Cue; s: Sentence; t: Target; type: ChangeType; dest: string | null }[],
): void {
  for (const s of ctx.sentences) {
    const comp = markersIn(ctx, 'companion', s.start, Math.min(s.end, s.start + 24)).filter((m) => m.start <= s.start + 3);
    if (comp.length === 0) continue;
    const comma = ctx.text.indexOf(',', s.start);
    if (comma < 0 || comma > s.end) continue;
    const heads = ctx.persons.filter((p) => p.start >= s.start && p.end <= comma);
    const model = pending.find(
      (e) =>
        heads.some((h) => h.person === e.t.person && h.name === e.t.name) && e.s.idx < s.idx && e.type !== 'appointed',
    );
    if (!model) continue;
    for (const p of ctx.persons.filter((x) => x.start > comma && x.end <= s.end)) {
      if (pending.some((e) => e.t.person === p.person && e.t.name === p.name)) continue;
      pending.push({ ...model, s, t: { person: p.person, name: p.name, mention: p, firstPerson: false } });
    }
  }
}

/**
 * "A 接替 B 出任 CEO", "X replaces Y as CEO": the title after the predecessor is the successor's; the
 * one who leaves does not also get an appointment from a later cue of the same sentence.
 */
function dropPredecessorRoles(
  pending: { cue: Cue; s: Sentence; t: Target; type: ChangeType; other?: boolean }[],
): void {
  const left = pending.filter((p) => p.type === 'departure' && (p.other || p.cue.flags.includes('%')));
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p || p.other || p.type !== 'appointed') continue;
    const same = (q: { t: Target }): boolean =>
      q.t.person >= 0 ? q.t.person === p.t.person : q.t.name === p.t.name;
    if (left.some((q) => same(q) && q.s === p.s && q.cue.start < p.cue.start)) pending.splice(i, 1);
  }
  // Someone the watchlist does not know who leaves in this item is rarely also appointed in it: such an
  // "appointment" is the old one told as background ("内田社長は2019年に社長に就任して以来", "became CEO in
  // 2021"). Watchlist people keep both (an interim role, then a departure, told in one profile).
  const leaving = (q: { t: Target; type: ChangeType }): boolean =>
    q.t.person < 0 && (q.type === 'departure' || q.type === 'fired');
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p || p.type !== 'appointed' || p.t.person >= 0) continue;
    if (pending.some((q) => leaving(q) && q.t.name === p.t.name)) pending.splice(i, 1);
  }
  // The predecessor's leaving, when the item already tells it in its own words, is that one.
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p?.other || p.type !== 'departure') continue;
    const told = pending.some(
      (q) =>
        !q.other &&
        (q.type === 'departure' || q.type === 'fired') &&
        (q.t.person >= 0 ? q.t.person === p.t.person : q.t.name === p.t.name),
    );
    if (told) pending.splice(i, 1);
  }
}

/** "leaves OpenAI for Anthropic", "lascia OpenAI per la rivale Anthropic". */
function leavesFor(ctx: Ctx, cue: Cue, s: Sentence): string | null {
  const clause = clauseAt(s, cue.start);
  const lim = Math.min(clause.end, cue.end + 45);
  const preps = markersIn(ctx, 'destPrep', cue.end, lim);
  for (const p of preps) {
    const objOrg = ctx.orgs.find((o) => o.start >= cue.end && o.end <= p.start);
    const o = ctx.orgs.find((x) => x.start >= p.end && x.start <= p.end + 25 && x.start < clause.end);
    if (o && o.name !== objOrg?.name) return o.name;
  }
  return null;
}

function foundedName(ctx: Ctx, cue: Cue, s: Sentence): string | null {
  if (cue.flags.includes('<')) {
    const before = ctx.orgs.filter((o) => o.end <= cue.start && o.start >= s.start);
    return before[before.length - 1]?.name ?? null;
  }
  const clause = clauseAt(s, cue.start);
  const lim = cue.end + Math.round(60 / ctx.w);
  const o = ctx.orgs.find((x) => x.start >= cue.end && x.start <= lim && x.start < clause.end);
  if (o && !ctx.persons.some((p) => p.start >= cue.end && p.end <= o.start)) return o.name;
  if (ctx.cjk) {
    const b = ctx.orgs.filter((x) => x.end <= cue.start && x.start >= clause.start);
    const last = b[b.length - 1];
    if (last && cue.start - last.end < 6) return last.name;
  }
  return null;
}

function evidenceSpan(cue: Cue, s: Sentence): { start: number; end: number } {
  if (s.end - s.start <= 300) return { start: s.start, end: s.end };
  const c = clauseAt(s, cue.start);
  if (c.end - c.start <= 300) return { start: c.start, end: c.end };
  const start = Math.max(c.start, cue.start - 150);
  return { start, end: Math.min(c.end, start + 300) };
}

