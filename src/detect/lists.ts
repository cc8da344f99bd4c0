/** Lists of people: who is listed with whom ("A, B and C resigned", "named three directors: A, B and C"). */
import { type Ctx, markersIn, personsIn } from './context.ts';
import type { Cue } from './lexcompile.ts';
import type { PersonMention } from './mentions.ts';
import type { Sentence, Span } from './segment.ts';

const GENITIVE_BEFORE =
  /(?:^|[\s(])(?:of|di|de|d'|del|della|dello|dell'|dei|degli|du|des|von|vom|der|da|dal|dalla|do|dos|das|van)\s*$/;
const LIST_GAP =
  /[,&\u3001]|(?:^|\s)(?:and|et|e|ed|und|y|en|as well as|ainsi que|sowie|nonche|и|dan|serta|ou|o|or)(?:\s|$)|[和与及と및]/;
const NOT_LIST_GAP =
  /(?:^|[\s'])(?:that|que|qu|che|dass|dat|who|which|qui|said|says|a dit|ha detto|while|mentre|alors|whereas|but|mais|ma|aber|pero|mas|maar|hanno|ont|have|has)(?:\s|$|')/;
/** "Schulman to Anthropic, Brockman ...": a destination phrase closes a list item. */
export function itemBoundary(ctx: Ctx, a: number, b: number): boolean {
  for (const m of markersIn(ctx, 'destPrep', a, b)) {
    if (ctx.orgs.some((o) => o.start >= m.end && o.start - m.end <= 4 && o.end <= b)) return true;
  }
  return false;
}
export function isGenitive(ctx: Ctx, m: PersonMention): boolean {
  const before = ctx.text.slice(Math.max(0, m.start - 8), m.start);
  if (GENITIVE_BEFORE.test(before)) return true;
  return (
    /^'s?\s/.test(ctx.text.slice(m.end, m.end + 3)) &&
    !/^'s?\s+(?:departure|exit|resignation|ouster|firing|return|appointment|move)/.test(
      ctx.text.slice(m.end, m.end + 20),
    )
  );
}

export function dist(ctx: Ctx, a: number, b: number): number {
  return Math.max(0, b - a) * ctx.w;
}

/** Extend a chosen person to the people listed with it ("A, B and C resigned"). */
const CONJ_GAP =
  /(?:^|\s)(?:and|et|e|ed|und|y|en|as well as|ainsi que|sowie|nonche|и|dan|serta|ou|o|or)(?:\s|$)|[&\u3001和与及と및]/;


/** "A, B have also resigned": a plural verb right after the last name makes a comma list one subject. */
const PLURAL_VERB =
  /^,?\s(?:have|are|were|both|hanno|sono|ont|sont|haben|sind|hebben|zijn|han|sao|foram|maja)(?:\s|$)/;

/** "..., with CEO A, B is returning": a singular verb after the last name ends a comma list at it. */
const SINGULAR_VERB = /^\s(?:is|was|has|ist|war|hat|wird|est|sera|fue|foi|tem|vai|heeft|wordt|werd)\s/;

export function expandList(ctx: Ctx, cands: PersonMention[], at: number, dir: number, span: Span): PersonMention[] {
  const out = [cands[at] as PersonMention];
  let cur = cands[at] as PersonMention;
  let conj = false;
  let commaOnly = false;
  for (let i = at + dir; i >= 0 && i < cands.length; i += dir) {
    const next = cands[i] as PersonMention;
    const a = dir > 0 ? cur.end : next.end;
    const b = dir > 0 ? next.start : cur.start;
    if (a < span.start || b > span.end) break;
    const gap = ctx.text.slice(a, b);
    if (dist(ctx, a, b) > 75 || !LIST_GAP.test(gap) || NOT_LIST_GAP.test(gap)) break;
    if (itemBoundary(ctx, a, b)) break;
    if (ctx.cues.some((c) => c.start >= a && c.start < b)) break;
    if (CONJ_GAP.test(gap)) conj = true;
    else if (gap.split(/[\s,]+/).filter(Boolean).length > 2) break;
    else commaOnly = true;
    if (next.person !== cur.person || next.name !== cur.name) out.push(next);
    cur = next;
  }
  if (commaOnly && !conj && out.length > 1) {
    // "A, B" is a list only when it goes on with a conjunction or straight into the verb; and not even
    // then when A is the object of a verb before it ("a licencié Sam Altman, Mira Murati a été nommée":
    // the comma ends one clause and B starts the next).
    const last = out.reduce((m, p) => (p.end > m.end ? p : m));
    const first = out.reduce((m, p) => (p.start < m.start ? p : m));
    const after = ctx.text.slice(last.end, last.end + 10);
    const cueNext =
      ctx.cues.some((c) => c.start >= last.end && c.start - last.end <= 8) || PLURAL_VERB.test(after);
    const object = ctx.cues.some((c) => c.end <= first.start && first.start - c.end <= 8);
    // ("è stata nominata" folds to "e stata", which reads like "and": an object's list needs a real "and B".)
    const singular = SINGULAR_VERB.test(after);
    if (object || singular || (!cueNext && !CONJ_GAP.test(after.slice(0, 6)))) return [cands[at] as PersonMention];
  }
  return out;
}

/**
 * "named three new directors: A, B and C", "will be filled by three executives: Orbis CEO A; B; and C":
 * a cue whose clause ends in a colon with nobody after the cue is about the people listed after it.
 */
export function colonList(ctx: Ctx, cue: Cue, s: Sentence, clause: Span, cands: PersonMention[]): PersonMention[] {
  if (cue.flags.includes('#') || clause.end - cue.end > 50 || cands.some((p) => p.start >= cue.end)) return [];
  if (ctx.text[clause.end] !== ':') return [];
  const out: PersonMention[] = [];
  for (const c of s.clauses) {
    if (c.start <= clause.end) continue;
    const ps = personsIn(ctx, c.start, c.end).filter((p) => !isGenitive(ctx, p));
    const first = ps[0];
    if (!first || dist(ctx, c.start, first.start) > 100) break;
    for (const p of expandList(ctx, ps, 0, +1, c)) if (!out.includes(p)) out.push(p);
  }
  return out;
}
