/**
 * Notices a store that lost its data under a running bot: Redis restarted without persistence, a
 * flushed database, an SQLite file deleted. Every feed then looks new again; what the store held is gone,
 * but this process remembers when it last found the store whole, and the poll uses that (see recovery in
 * poll.ts) so that what was published since is posted, not recorded as a first sight.
 */
import { randomUUID } from 'node:crypto';
import type { CycleDeps } from './cycle.ts';
import { tellAdmin } from './poll.ts';

export interface StoreLook {
  /** True in the cycle that finds the loss (once per loss). */
  lost: boolean;
  /** With `lost`: when this process last found the store whole (ms); everything written before was there. */
  wholeAt?: number;
}

export function storeLossWatch(deps: CycleDeps): () => Promise<StoreLook> {
  /** The marker id this process saw last; undefined before its first look. */
  let known: string | null | undefined;
  let wholeAt: number | undefined;
  return async () => {
    const at = deps.clock.now().getTime();
    const id = await deps.store.marker(randomUUID());
    // The first look of a process finds a new store, or one written before it started: both are fine.
    if (known === undefined) {
      known = id;
      if (id !== null) wholeAt = at;
      return { lost: false };
    }
    if (id !== null && id === known) {
      wholeAt = at;
      return { lost: false };
    }
    // Another id (another process wrote it anew after a loss, or this one just did) or the file gone.
    const already = known === null && id === null;
    known = id;
    if (already) return { lost: false };
    const text =
      'exits: the store lost its data while the bot ran (a Redis without persistence restarted, a flushed ' +
      'database or a deleted SQLite file): its history is gone; feeds are read as new, and what they ' +
      'published since the store was last seen whole is posted (cards already in the channels are looked ' +
      'for first). Give Redis persistence (appendonly yes).';
    deps.log.error({ code: 'STORE_LOST', admin: true, wholeAt: wholeAt && new Date(wholeAt).toISOString() }, text);
    await tellAdmin(deps, text);
    return { lost: true, wholeAt };
  };
}
