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
