/**
 * Adaptive polling against today's fixed schedule, on a simulated clock: the scheduler is a pure function
 * of a feed's state and the time (src/pipeline/due.ts), so a day of ticks over 1,000 feeds runs in
 * seconds. 10% of the feeds publish every few minutes, the rest rarely. An item's latency is the time from
 * its publication to the first poll that finds it (what the pipeline adds after that poll is the same
 * under both schedules, and is figure 4).
 */
import type { FeedState } from '../src/core/types.ts';
import { DEFAULT_POLICY, dueAt, isDue, type PollingPolicy, recordTimes, scheduled } from '../src/pipeline/due.ts';
import type { Figure } from './figures.ts';
import { median, seededRandom } from './stats.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Entries a feed shows (newest first): the scheduler sees their dates, as rss-parser gives them. */
const WINDOW = 10;

export interface MixOptions {
  feeds: number;
  /** Share of the feeds that publish often. */
  activeShare: number;
  /** Mean time between two items, ms: active and quiet feeds (exponential gaps). */
  activeGapMs: number;
  quietGapMs: number;
  /** Learning time before the measured span, and the span. */
  warmupMs: number;
  spanMs: number;
  tickMs: number;
  seed: number;
}

export const DEFAULT_MIX: MixOptions = {
  feeds: 1000,
  activeShare: 0.1,
  activeGapMs: 4 * MIN,
  quietGapMs: 12 * HOUR,
  warmupMs: 4 * HOUR,
  spanMs: 12 * HOUR,
  tickMs: MIN,
  seed: 42,
};

interface Feed {
  active: boolean;
  /** Publication times, ascending. */
  items: number[];
}

function makeMix(o: MixOptions): Feed[] {
  const rnd = seededRandom(o.seed);
  const end = o.warmupMs + o.spanMs;
  return Array.from({ length: o.feeds }, (_, n) => {
    const active = n < o.feeds * o.activeShare;
    const gap = active ? o.activeGapMs : o.quietGapMs;
    // Items before the start too, so the first poll sees a history like a real feed's.
    const items: number[] = [];
    for (let t = -WINDOW * gap * rnd(); t < end; t += -Math.log(1 - rnd()) * gap) items.push(Math.round(t));
    return { active, items };
  });
}

export interface ScheduleResult {
  requestsPerHour: number;
  /** Latencies (ms) of the active feeds' items published in the measured span. */
  activeP50Ms: number;
  allP50Ms: number;
}

/** Polls and latencies when each feed is polled at the given times (`polls` ascending). */
function measure(feed: Feed, polls: number[], o: MixOptions, into: { active: number[]; all: number[] }): void {
  let k = 0;
  for (const p of feed.items) {
    if (p < o.warmupMs || p >= o.warmupMs + o.spanMs) continue;
    while (k < polls.length && (polls[k] as number) < p) k++;
    const found = polls[k];
    if (found === undefined) continue;
    (feed.active ? into.active : into.all).push(found - p);
    if (feed.active) into.all.push(found - p);
  }
}

function summary(polls: number[][], feeds: Feed[], o: MixOptions): ScheduleResult {
  const lat = { active: [] as number[], all: [] as number[] };
  let requests = 0;
  feeds.forEach((f, n) => {
    const mine = polls[n] ?? [];
    requests += mine.filter((t) => t >= o.warmupMs && t < o.warmupMs + o.spanMs).length;
    measure(f, mine, o, lat);
  });
  return { requestsPerHour: requests / (o.spanMs / HOUR), activeP50Ms: median(lat.active), allP50Ms: median(lat.all) };
}

/** Where the simulated clock starts (the feeds' times are relative to it). */
const T0 = Date.UTC(2026, 0, 1);

/** The adaptive schedule: at each tick, the due feeds are polled and learn from what they find. */
export function simulateAdaptive(o: MixOptions, policy: PollingPolicy): ScheduleResult {
  const feeds = makeMix(o);
  const polls: number[][] = feeds.map(() => []);
  const states: FeedState[] = feeds.map(() => ({}));
  const shownUpTo = feeds.map(() => 0);
  // As the pipeline's tick.ts does: a feed's due time is kept as a number, its state read when due.
  const due = feeds.map(() => Number.NEGATIVE_INFINITY);
  for (let rel = 0; rel < o.warmupMs + o.spanMs; rel += o.tickMs) {
    const now = T0 + rel;
    feeds.forEach((f, n) => {
      const state = states[n] as FeedState;
      if ((due[n] as number) > now + policy.graceMs || !isDue(state, now, policy)) return;
      // The entries the feed shows now: its last WINDOW items published by now.
      let end = shownUpTo[n] as number;
      while (end < f.items.length && (f.items[end] as number) <= rel) end++;
      shownUpTo[n] = end;
      const last = polls[n]?.at(-1);
      const appearances = f.items
        .slice(Math.max(0, end - WINDOW), end)
        .map((t) => ({ published: new Date(T0 + t).toISOString(), fresh: last === undefined || t > last }));
      const publishTimes = recordTimes(state.publishTimes, appearances, now, last === undefined);
      const next = scheduled({ ...state, publishTimes }, now, policy);
      states[n] = next;
      due[n] = dueAt(next);
      polls[n]?.push(rel);
    });
  }
  return summary(polls, feeds, o);
}

/** Today's schedule: every feed every `intervalMs`, the feeds' phases spread evenly over the interval. */
export function simulateFixed(o: MixOptions, intervalMs: number): ScheduleResult {
  const feeds = makeMix(o);
  const polls = feeds.map((_, n) => {
    const out: number[] = [];
    for (let t = (n / feeds.length) * intervalMs; t < o.warmupMs + o.spanMs + intervalMs; t += intervalMs) out.push(t);
    return out;
  });
  return summary(polls, feeds, o);
}

export interface AdaptiveFigure {
  adaptive: ScheduleResult;
  /** Fixed schedule with as many requests per hour as the adaptive one. */
  sameRequests: ScheduleResult & { intervalMs: number };
  /** Fixed schedule whose active-feed p50 equals the adaptive one's. */
  sameLatency: ScheduleResult & { intervalMs: number };
  policy: PollingPolicy;
}

export function adaptiveFigure(o: MixOptions = DEFAULT_MIX, policy: PollingPolicy = DEFAULT_POLICY): AdaptiveFigure {
  const adaptive = simulateAdaptive(o, policy);
  const sameReqInterval = (o.feeds * HOUR) / adaptive.requestsPerHour;
  // p50 of the wait for a fixed interval is half of it: the fixed schedule as fast as the adaptive one.
  const sameLatInterval = 2 * adaptive.activeP50Ms;
  return {
    adaptive,
    sameRequests: { ...simulateFixed(o, sameReqInterval), intervalMs: sameReqInterval },
    sameLatency: { ...simulateFixed(o, sameLatInterval), intervalMs: sameLatInterval },
    policy,
  };
}

const minutes = (ms: number) => `${(ms / MIN).toFixed(1)} min`;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export const adaptivePollingFigure: Figure = {
  title: 'adaptive polling against a fixed schedule (simulated clock, 1,000 feeds, 10% publishing every ~4 min, the rest every ~12 h)',
  async run({ quick }) {
    const mix = quick ? { ...DEFAULT_MIX, feeds: 200, spanMs: 4 * HOUR } : DEFAULT_MIX;
    const f = adaptiveFigure(mix, DEFAULT_POLICY);
    const latencyRatio = f.adaptive.activeP50Ms / f.sameRequests.activeP50Ms;
    const requestRatio = f.adaptive.requestsPerHour / f.sameLatency.requestsPerHour;
    // The fixed schedule is set to the adaptive p50 (interval = 2 x p50); "equal" allows the sampling
    // noise of its own p50, a few percent.
    const equalOrBetter = f.adaptive.activeP50Ms <= f.sameLatency.activeP50Ms * 1.05;
    console.log(
      `  adaptive (${minutes(f.policy.minMs)} to ${minutes(f.policy.maxMs)}): ${Math.round(f.adaptive.requestsPerHour)} requests/h, ` +
        `active p50 ${seconds(f.adaptive.activeP50Ms)}; fixed every ${minutes(f.sameRequests.intervalMs)}: p50 ${seconds(f.sameRequests.activeP50Ms)}; ` +
        `fixed every ${minutes(f.sameLatency.intervalMs)}: ${Math.round(f.sameLatency.requestsPerHour)} requests/h, p50 ${seconds(f.sameLatency.activeP50Ms)}`,
    );
    return [
      {
        measure: '9. active feeds’ p50 item → poll, adaptive / fixed at the same requests per hour',
        value: `${latencyRatio.toFixed(2)} (${seconds(f.adaptive.activeP50Ms)} / ${seconds(f.sameRequests.activeP50Ms)})`,
        target: '<= 0.5',
        pass: latencyRatio <= 0.5,
      },
      {
        measure: '10. requests per hour, adaptive / fixed at equal active p50',
        value: `${requestRatio.toFixed(2)} (${Math.round(f.adaptive.requestsPerHour)} / ${Math.round(f.sameLatency.requestsPerHour)})`,
        target: '<= 0.5, latency equal or better',
        pass: requestRatio <= 0.5 && equalOrBetter,
      },
    ];
  },
};
