/**
 * Adaptive polling: when each feed is polled next. A pure function of the feed's state and the time, so
 * it is the same in every replica, survives restarts (the state is in the store) and can be driven by a
 * simulated clock (bench/adaptive.ts, test/pipeline/due.test.ts).
 *
 * A feed that publishes often is polled sooner, down to `minMs`; a quiet one later, up to `maxMs`. The
 * rhythm is learnt from when its recent items appeared: the mean gap between them, or the silence since
 * the last one when that is longer (a publisher that stopped is polled less and less often). A feed is
 * never polled sooner than its <ttl> / sy:updatePeriod (when `feedHints`), its last answer's Cache-Control
 * max-age / Expires, or a 429/503's Retry-After allow, whatever `maxMs` says: they are the publisher's.
 */
import type { FeedState } from '../core/types.ts';

export interface PollingPolicy {
  /** The shortest interval between two polls of a feed, ms. */
  minMs: number;
  /** The longest, ms, unless the feed or its server asks for longer. */
  maxMs: number;
  /** Honour the feed's <ttl> and sy:updatePeriod (HTTP max-age and Retry-After are always honoured). */
  feedHints: boolean;
  /**
   * A feed whose next poll falls within this of a tick is polled at that tick (ticks and polls do not
   * land on the same millisecond). Half the tick interval.
   */
  graceMs: number;
}

export const DEFAULT_POLICY: PollingPolicy = { minMs: 60_000, maxMs: 300_000, feedHints: true, graceMs: 30_000 };

/** No hint may hold a feed back longer than this: a bogus header or a <ttl> of a year never silences it for good. */
export const HINT_CAP_MS = 24 * 3_600_000;
/**
 * Polls per typical gap between items. Four keeps an item's wait near an eighth of the gap on average;
 * the requests this costs on busy feeds are saved many times over on quiet ones (bench figure 10).
 */
const POLLS_PER_GAP = 4;
/** Appearance times kept per feed (the rhythm is their mean gap). */
export const KEEP_TIMES = 12;
/** A date this far ahead of now is the publisher's clock, not a future item. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Not polled before this time (ms): its schedule, its backoff after failures, a Retry-After. */
export function dueAt(state: FeedState | undefined): number {
  if (!state) return Number.NEGATIVE_INFINITY;
  let at = Number.NEGATIVE_INFINITY;
  for (const iso of [state.nextPollAt, state.nextAttemptAt, state.retryAfterAt]) {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (t > at) at = t;
  }
  return at;
}

export function isDue(state: FeedState | undefined, now: number, policy: Pick<PollingPolicy, 'graceMs'>): boolean {
  return dueAt(state) <= now + policy.graceMs;
}

/** An item as the scheduler sees it: when it says it was published, and whether this poll saw it first. */
export interface Appearance {
  published: string | null;
  fresh: boolean;
}

/**
 * The feed's recent appearance times (epoch seconds, oldest first) after a poll that read `items`. A dated
 * item counts at its date (a feed seen for the first time tells its rhythm at once); an undated new one
 * at now. Times the same to the second are one (a batch published together is one appearance).
 */
export function recordTimes(previous: number[] | undefined, items: Appearance[], now: number, firstSight: boolean): number[] {
  const times = new Set(previous ?? []);
  for (const item of items) {
    const t = item.published ? Date.parse(item.published) : Number.NaN;
    if (!Number.isNaN(t) && t <= now + CLOCK_SKEW_MS) times.add(Math.floor(Math.min(t, now) / 1000));
    else if (item.fresh && !firstSight) times.add(Math.floor(now / 1000));
  }
  return [...times].sort((a, b) => a - b).slice(-KEEP_TIMES);
}

export interface Plan {
  intervalMs: number;
  /** Epoch ms. */
  at: number;
  /** What decided it: 'rhythm', 'quiet', 'unknown', 'override', 'ttl', 'max-age', 'retry-after'. */
  reason: string;
}

/** The interval the feed's rhythm calls for, within the policy's bounds. */
export function learnedInterval(times: number[] | undefined, now: number, policy: PollingPolicy): { ms: number; reason: string } {
  const clamp = (ms: number) => Math.min(policy.maxMs, Math.max(policy.minMs, Math.round(ms)));
  const last = times?.at(-1);
  const first = times?.[0];
  if (!times || last === undefined || first === undefined) return { ms: policy.maxMs, reason: 'unknown' };
  const silence = Math.max(0, now - last * 1000);
  const gap = times.length >= 2 ? ((last - first) * 1000) / (times.length - 1) : 0;
  return silence > gap ? { ms: clamp(silence / POLLS_PER_GAP), reason: 'quiet' } : { ms: clamp(gap / POLLS_PER_GAP), reason: 'rhythm' };
}

/**
 * Where in [0, 1) a feed's first schedule falls: FNV-1a of its id, so the same in every replica and
 * after every restart, and even over many ids.
 */
export function phaseOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/**
 * The next poll of a feed just polled at `now`. `overrideMs` replaces the learnt interval (a feed with an
 * active WebSub subscription keeps only a slow safety poll: src/push); the publisher's hints still apply.
 *
 * A feed planned for the first time (no next poll stored: first seen, or states from before adaptive
 * polling) whose learnt interval is longer than `minMs` is next polled at a point of that interval its id
 * picks (`phaseOf`), no sooner than `minMs`: 10,000 feeds seen at one tick are then not all due again at
 * one later tick, and keep their spread afterwards (the next polls follow from these). `id` absent: no
 * spread (the simulations of bench/adaptive.ts and the unit tests of the rhythm).
 */
export function plan(state: FeedState, now: number, policy: PollingPolicy, overrideMs?: number, id?: string): Plan {
  const learnt = learnedInterval(state.publishTimes, now, policy);
  const first = id !== undefined && state.nextPollAt === undefined && learnt.ms > policy.minMs;
  const wait = first ? Math.round(policy.minMs + phaseOf(id) * (learnt.ms - policy.minMs)) : learnt.ms;
  let best: Plan =
    overrideMs === undefined
      ? { intervalMs: learnt.ms, at: now + wait, reason: learnt.reason }
      : { intervalMs: overrideMs, at: now + overrideMs, reason: 'override' };
  const later = (at: number | undefined, reason: string) => {
    if (at === undefined || Number.isNaN(at)) return;
    const capped = Math.min(at, now + HINT_CAP_MS);
    if (capped > best.at) best = { intervalMs: capped - now, at: capped, reason };
  };
  if (policy.feedHints && state.feedTtlMs) later(now + state.feedTtlMs, 'ttl');
  if (state.freshUntil) later(Date.parse(state.freshUntil), 'max-age');
  if (state.retryAfterAt) later(Date.parse(state.retryAfterAt), 'retry-after');
  return best;
}

/** The state with its next poll written in (`id`: spread a first schedule, see plan). */
export function scheduled(state: FeedState, now: number, policy: PollingPolicy, overrideMs?: number, id?: string): FeedState {
  const next = plan(state, now, policy, overrideMs, id);
  return { ...state, pollIntervalMs: next.intervalMs, nextPollAt: new Date(next.at).toISOString(), pollReason: next.reason };
}
