/**
 * Notices a store that lost its data under a running bot: Redis restarted without persistence, a
 * flushed database, an SQLite file deleted. Every feed then looks new again, and what was published
 * meanwhile is recorded as first sight without being posted; the loss cannot be undone, but it must not
 * pass in silence.
 */
import type { CycleDeps } from './cycle.ts';
import { tellAdmin } from './poll.ts';

export function storeLossWatch(deps: CycleDeps): () => Promise<boolean> {
  let first = true;
  let lost = false;
  /** True in the cycle that finds the loss (once per loss: the marker is written again). */
  return async () => {
    const holds = await deps.store.holdsMarker();
    // The first look of a process finds a new store, or one written before it started: both are fine.
    if (first) {
      first = false;
      return false;
    }
    if (holds) {
      lost = false;
      return false;
    }
    if (lost) return false;
    lost = true;
    const text =
      'exits: the store lost its data while the bot ran (a Redis without persistence restarted, a flushed ' +
      'database or a deleted SQLite file): every feed is read as new, and changes published meanwhile are ' +
      'recorded without being posted. Give Redis persistence (appendonly yes).';
    deps.log.error({ code: 'STORE_LOST', admin: true }, text);
    await tellAdmin(deps, text);
    return true;
  };
}
