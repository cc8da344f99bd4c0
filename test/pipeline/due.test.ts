import { describe, expect, it } from 'vitest';
import type { FeedState } from '../../src/core/types.ts';
import { DEFAULT_POLICY, dueAt, HINT_CAP_MS, isDue, learnedInterval, phaseOf, plan, recordTimes, scheduled } from '../../src/pipeline/due.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const policy = { ...DEFAULT_POLICY, minMs: MIN, maxMs: 30 * MIN };
const iso = (t: number) => new Date(t).toISOString();

/**
 * A publisher driven on a simulated clock: it publishes at `publishAt` times; the feed is polled whenever
 * due at a tick each minute, and learns from what it finds. Returns the poll times.
 */
function simulate(publishAt: number[], until: number): number[] {
  let state: FeedState = {};
  const polls: number[] = [];
  let firstSight = true;
  for (let now = T0; now <= until; now += MIN) {
    if (!isDue(state, now, policy)) continue;
    polls.push(now);
    const items = publishAt.filter((t) => t <= now).map((t) => ({ published: iso(t), fresh: !firstSight && t > (polls.at(-2) ?? 0) }));
    state = scheduled({ ...state, publishTimes: recordTimes(state.publishTimes, items, now, firstSight) }, now, policy);
    firstSight = false;
  }
  return polls;
}

const gaps = (polls: number[], from: number, to: number) => {
  const inside = polls.filter((p) => p >= from && p < to);
  return inside.slice(1).map((p, i) => (p - (inside[i] as number)) / MIN);
};

describe('adaptive schedule (pure)', () => {
  it('learns a publisher that changes rhythm: sooner while it publishes often, later when it goes quiet', () => {
    // Every 30 minutes for 4 hours, then every 2 minutes for an hour, then silence for 4 hours.
    const slow = Array.from({ length: 8 }, (_, i) => T0 + i * 30 * MIN);
    const fastStart = T0 + 4 * 60 * MIN;
    const fast = Array.from({ length: 30 }, (_, i) => fastStart + i * 2 * MIN);
    const quietStart = fastStart + 60 * MIN;
    const polls = simulate([...slow, ...fast], quietStart + 4 * 60 * MIN);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const during = median(gaps(polls, fastStart + 20 * MIN, quietStart));
    const before = median(gaps(polls, T0 + 60 * MIN, fastStart));
    const after = median(gaps(polls, quietStart + 120 * MIN, quietStart + 240 * MIN));
    expect(before).toBeGreaterThanOrEqual(5);
    expect(during).toBeLessThanOrEqual(2);
    expect(after).toBe(30);
    expect(during).toBeLessThan(before);
  });

  it('polls a feed it knows nothing about at the longest interval, and never outside the bounds', () => {
    expect(learnedInterval(undefined, T0, policy)).toEqual({ ms: 30 * MIN, reason: 'unknown' });
    const busy = [0, 1, 2, 3].map((k) => Math.floor((T0 - k * 1000) / 1000)).reverse();
    expect(learnedInterval(busy, T0, policy).ms).toBe(MIN);
    expect(learnedInterval([Math.floor((T0 - 86_400_000) / 1000)], T0, policy)).toEqual({ ms: 30 * MIN, reason: 'quiet' });
  });

  it('keeps the newest appearance times, a batch of one second as one, and no future dates', () => {
    const items = [
      { published: iso(T0 - 5 * MIN), fresh: false },
      { published: iso(T0 - 5 * MIN), fresh: false },
      { published: iso(T0 + 86_400_000), fresh: true },
      { published: null, fresh: true },
    ];
    expect(recordTimes(undefined, items, T0, false)).toEqual([(T0 - 5 * MIN) / 1000, T0 / 1000]);
    // An undated item seen at first sight tells nothing about when it appeared.
    expect(recordTimes(undefined, [{ published: null, fresh: true }], T0, true)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => ({ published: iso(T0 - i * MIN), fresh: true }));
    const kept = recordTimes(undefined, many, T0, false);
    expect(kept).toHaveLength(12);
    expect(kept.at(-1)).toBe(T0 / 1000);
  });

  it('never polls sooner than ttl, sy:updatePeriod, max-age or Retry-After, even past the longest interval', () => {
    const busy: FeedState = { publishTimes: [T0 / 1000 - 120, T0 / 1000 - 60, T0 / 1000] };
    expect(plan(busy, T0, policy)).toMatchObject({ intervalMs: MIN, reason: 'rhythm' });
    expect(plan({ ...busy, feedTtlMs: 45 * MIN }, T0, policy)).toMatchObject({ intervalMs: 45 * MIN, reason: 'ttl' });
    expect(plan({ ...busy, feedTtlMs: 45 * MIN }, T0, { ...policy, feedHints: false })).toMatchObject({ reason: 'rhythm' });
    expect(plan({ ...busy, freshUntil: iso(T0 + 40 * MIN) }, T0, policy)).toMatchObject({ at: T0 + 40 * MIN, reason: 'max-age' });
    expect(plan({ ...busy, retryAfterAt: iso(T0 + 50 * MIN) }, T0, policy)).toMatchObject({ at: T0 + 50 * MIN, reason: 'retry-after' });
    // A hint of a year is capped: a bogus header never silences a feed for good.
    expect(plan({ ...busy, feedTtlMs: 365 * 86_400_000 }, T0, policy).intervalMs).toBe(HINT_CAP_MS);
  });

  it('takes an interval set from outside (push keeps a slow safety poll), the publisher’s hints still applying', () => {
    const busy: FeedState = { publishTimes: [T0 / 1000 - 60, T0 / 1000] };
    expect(plan(busy, T0, policy, 60 * MIN)).toMatchObject({ intervalMs: 60 * MIN, reason: 'override' });
    expect(plan({ ...busy, retryAfterAt: iso(T0 + 90 * MIN) }, T0, policy, 60 * MIN)).toMatchObject({ reason: 'retry-after' });
  });

  it('is due at the latest of its next poll, its backoff and its Retry-After, within the grace of a tick', () => {
    expect(dueAt(undefined)).toBe(Number.NEGATIVE_INFINITY);
    const state: FeedState = { nextPollAt: iso(T0 + MIN), nextAttemptAt: iso(T0 + 3 * MIN), retryAfterAt: iso(T0 + 2 * MIN) };
    expect(dueAt(state)).toBe(T0 + 3 * MIN);
    expect(isDue(state, T0 + 3 * MIN - 10_000, { graceMs: 30_000 })).toBe(true);
    expect(isDue(state, T0 + 2 * MIN, { graceMs: 30_000 })).toBe(false);
  });

  it('spreads the first schedules of many feeds seen at once over their interval, by feed id', () => {
    const ids = Array.from({ length: 1000 }, (_, n) => `https://news.example.com/feed/${n}.xml`);
    // First seen at T0, no dates to learn from: the longest interval, 30 minutes.
    const firsts = ids.map((id) => plan({ lastOkAt: iso(T0) }, T0, policy, undefined, id));
    for (const p of firsts) {
      expect(p.intervalMs).toBe(30 * MIN);
      expect(p.at).toBeGreaterThanOrEqual(T0 + MIN);
      expect(p.at).toBeLessThan(T0 + 30 * MIN);
    }
    // Every 5-minute stretch of the interval gets a share near its length's (a sixth, 1/6 of 29 minutes
    // for the first), not all at T0 + 30 min as before.
    for (let from = 0; from < 30; from += 5) {
      const inside = firsts.filter((p) => p.at >= T0 + from * MIN && p.at < T0 + (from + 5) * MIN).length;
      const expected = (1000 * (Math.min(from + 5, 30) - Math.max(from, 1))) / 29;
      expect(Math.abs(inside - expected)).toBeLessThan(expected * 0.35);
    }
    // The same id always lands at the same point (every replica, every restart).
    expect(plan({}, T0, policy, undefined, ids[7]).at).toBe(firsts[7]?.at);
    expect(phaseOf('a')).not.toBe(phaseOf('b'));
  });

  it('keeps the learnt interval once a next poll is stored, and does not spread what is already due every minute', () => {
    const id = 'https://news.example.com/feed.xml';
    expect(plan({ nextPollAt: iso(T0) }, T0, policy, undefined, id).at).toBe(T0 + 30 * MIN);
    const busy: FeedState = { publishTimes: [T0 / 1000 - 60, T0 / 1000] };
    expect(plan(busy, T0, policy, undefined, id).at).toBe(T0 + MIN);
    // The publisher's word still wins over the spread.
    expect(plan({ feedTtlMs: 45 * MIN }, T0, policy, undefined, id)).toMatchObject({ at: T0 + 45 * MIN, reason: 'ttl' });
  });
});
