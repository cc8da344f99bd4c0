/**
 * Succession: one cue, two people. "X löst Y ab" gives X appointed and Y departure; "X wird durch Y
 * ersetzt" gives X departure and Y appointed. The subject is attached as for any cue (attach.ts, which
 * keeps the person after a succession cue out of its choice); this stage finds the other party.
 */
import { type Ctx, clauseAt } from './context.ts';
import type { ChangeType } from '../core/types.ts';
import type { Cue } from './lexcompile.ts';
import type { PersonMention } from './mentions.ts';
import type { Sentence } from './segment.ts';

/** How far after the cue the other party may stand (characters, Latin script). */
const REACH = 70;

/** The other party of a succession cue and the change it makes, or null. */
export function otherParty(
  ctx: Ctx,
  cue: Cue,
  s: Sentence,
  subjects: { person: number; name: string }[],
): { mention: PersonMention; type: ChangeType } | null {
  if (cue.flags.includes('=')) {
    const owner = successorOwner(ctx, cue, s);
    return owner ? { mention: owner, type: 'departure' } : null;
  }
  const type: ChangeType | null = cue.flags.includes('%') ? 'appointed' : cue.flags.includes('^') ? 'departure' : null;
  if (!type) return null;
  const clause = clauseAt(s, cue.start);
  const limit = Math.min(s.end, cue.end + Math.round(REACH / ctx.w));
  const mention = ctx.persons.find(
    (p) =>
      p.start >= cue.start &&
      p.start < limit &&
      p.start < Math.max(clause.end, cue.end + 1) + REACH &&
      !subjects.some((t) => (t.person >= 0 ? t.person === p.person : t.name === p.name)),
  );
  return mention ? { mention, type } : null;
}

const GENITIVE_GAP = /(?:^|\s)(?:of|to|for|de|d'|di|del|della|von|vom|van|des|du|do|da|dos|das|der)(?:\s|$)/;
/** Other prepositions: "his successor at Credit Suisse" names a place, not the successor. */
const PLACE_GAP = /(?:^|\s)(?:at|chez|bei|bij|en|in|a|au|presso|em|na|no|op|alla|al|im|am)(?:\s|$)/;
/** "is", "will be", "wird": "X wird Nachfolger", "the successor of Y is X". */
const COPULA = /(?:^|\s)(?:is|will be|becomes|est|sera|devient|e|sara|diventa|es|ist|wird|wordt|word|sera|sera|torna|é|fica)(?:\s|$)/;

const IN_PLACE = /(?:lugar|place|posto|stelle|plaats)$/;

function shortGap(ctx: Ctx, a: number, b: number, max: number): string | null {
  const gap = ctx.text.slice(a, b);
  if (/[.!?;\u3002]/.test(gap)) return null;
  if (ctx.cjk) return gap.length <= 25 ? gap : null;
  return gap.trim().split(/\s+/).filter(Boolean).length <= max ? gap : null;
}

/**
 * A successor noun ("successor", "Nachfolger", "後任") names the one who takes over: a name close after
 * it ("his successor, Jane Roe", "Nachfolger wird Porsche-Chef Oliver Blume"), the name after a copula
 * ("the successor of Y is X"), or a subject before a copula ("X wird Nachfolger"); never its owner.
 */
export function successorTargets(ctx: Ctx, cue: Cue, s: Sentence): PersonMention[] {
  const after = ctx.persons.filter((p) => p.start >= cue.end && p.start < s.end);
  const next = after[0];
  // "in his place, the board chose Y": the cue is the place itself, so a preposition after it is no place.
  const inPlace = IN_PLACE.test(ctx.text.slice(cue.start, cue.end));
  const gap = next ? shortGap(ctx, cue.end, next.start, inPlace ? 4 : 3) : null;
  if (next && gap !== null && (ctx.cjk || inPlace || (!GENITIVE_GAP.test(gap) && !PLACE_GAP.test(gap)))) return [next];
  if (next && gap !== null && GENITIVE_GAP.test(gap)) {
    const then = after[1];
    const g2 = then ? shortGap(ctx, next.end, then.start, 8) : null;
    if (then && g2 !== null && COPULA.test(g2)) return [then];
  }
  const before = ctx.persons.filter((p) => p.end <= cue.start && p.start >= s.start);
  const subj = before[before.length - 1];
  const g0 = subj ? shortGap(ctx, subj.end, cue.start, 4) : null;
  return subj && g0 !== null && !ctx.cjk && COPULA.test(g0) ? [subj] : [];
}

/** "successor of Y", "Nachfolger des Briten Y": the owner named after the noun is the one who leaves. */
export function successorOwner(ctx: Ctx, cue: Cue, s: Sentence): PersonMention | null {
  if (ctx.cjk) return ownerBefore(ctx, cue, s);
  const next = ctx.persons.find((p) => p.start >= cue.end && p.start < s.end);
  const gap = next ? shortGap(ctx, cue.end, next.start, 3) : null;
  return next && gap !== null && GENITIVE_GAP.test(gap) ? next : null;
}

/** Korean, Japanese, Chinese put the owner first: "X 사장의 후임으로", "X氏の後任", "X的继任者" (a title may stand between). */
const OWNER_GAP = /^\s?(?:[가-힣]{1,4}|氏|副?社[長长]|会[長长]|取締役|ceo|cfo|coo|cto)?\s?(?:의|の|的)\s?$/u;
function ownerBefore(ctx: Ctx, cue: Cue, s: Sentence): PersonMention | null {
  if (cue.lang !== 'ko' && cue.lang !== 'ja' && cue.lang !== 'zh') return null;
  const before = ctx.persons.filter((p) => p.end <= cue.start && p.start >= s.start);
  const last = before[before.length - 1];
  return last && OWNER_GAP.test(ctx.text.slice(last.end, cue.start)) ? last : null;
}
