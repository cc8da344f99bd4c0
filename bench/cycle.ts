/**
 * What the measures share: a real createPipeline over bench feeds, a naive fetcher for the baselines,
 * a timing notifier, an event-loop stall monitor, and new items the detector fires on.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { ExitsError } from '../src/core/errors.ts';
import type { FeedFetcher, FeedSpec, Notifier, Store } from '../src/core/ports.ts';
import type { DetectedEvent, DetectInput, EventRecord, Watchlist } from '../src/core/types.ts';
import { compileWatchlist, detect } from '../src/detect/index.ts';
import { loadGivenNames } from '../src/app/givennames.ts';
import { type CycleReport, createPipeline, type Log, type Pipeline } from '../src/pipeline/cycle.ts';
import { decodeFeed } from '../src/sources/charset.ts';
import { fetchFeedBytes } from '../src/sources/http.ts';
import { newsItems } from '../src/sources/news.ts';
import { parseFeed } from '../src/sources/parse.ts';

/** As in config/default.yaml. */
export const CONCURRENCY = 8;

// The detector as the bot runs it: with the world's given names.
await loadGivenNames();

const silent: Log = { info() {}, warn() {}, error() {}, debug() {} };

export function loadWatchlist(): Watchlist {
  const read = (file: string) => JSON.parse(readFileSync(new URL(`../config/${file}`, import.meta.url), 'utf8'));
  return { people: read('people.json'), orgs: read('orgs.json') };
}

export type Detect = (input: DetectInput) => DetectedEvent[];

/** The real detector, plus the time spent in it (to split a cycle's cost in the report). */
export function timedDetector(watchlist: Watchlist): { detect: Detect; ms: () => number } {
  const compiled = compileWatchlist(watchlist);
  let spent = 0;
  return {
    detect(input) {
      const start = performance.now();
      try {
        return detect(input, compiled);
      } finally {
        spent += performance.now() - start;
      }
    },
    ms: () => spent,
  };
}

export function feedSpecs(urlOf: (n: number) => string, count: number): FeedSpec[] {
  return Array.from({ length: count }, (_, n) => ({ kind: 'feed', id: `f${n}`, name: `Bench feed ${n}`, url: urlOf(n), lang: null }));
}

/** A notifier that notes when each card arrived, by the URL of its article. */
export function timedNotifier(name = 'bench'): { notifier: Notifier; arrivals: Map<string, number> } {
  const arrivals = new Map<string, number>();
  const notifier: Notifier = {
    name,
    async send(event: EventRecord, channels: string[]) {
      const at = Date.now();
      for (const r of event.reports) if (r.url && !arrivals.has(r.url)) arrivals.set(r.url, at);
      return channels.map((channel) => ({ notifier: name, channel, id: `${channel}/${event.key}` }));
    },
    async update() {},
  };
  return { notifier, arrivals };
}

export function benchPipeline(opts: {
  sources: FeedSpec[];
  fetcher: FeedFetcher;
  store: Store;
  detect: Detect;
  notifier: Notifier;
}): Pipeline {
  return createPipeline({
    sources: opts.sources,
    fetcher: opts.fetcher,
    store: opts.store,
    detect: opts.detect,
    notifiers: [opts.notifier],
    routes: async () => [{ platform: opts.notifier.name, channel: 'bench' }],
    clock: { now: () => new Date() },
    log: silent,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: CONCURRENCY,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 60_000,
  });
}

/**
 * The baseline with conditional GET and body hashing off: every poll fetches without validators and
 * parses whatever comes, through the same HTTP, decoding, parsing and item code as the real fetcher.
 */
export function naiveFetcher(): FeedFetcher {
  return {
    async poll(spec, previous) {
      const now = new Date().toISOString();
      const state = { ...previous, lastOkAt: now, firstSeenAt: previous?.firstSeenAt ?? now, failures: 0 };
      try {
        if (spec.kind !== 'feed') throw new Error('the naive fetcher reads plain feeds only');
        const res = await fetchFeedBytes(spec.url, {}, { timeoutMs: 15_000, maxBytes: 5 * 2 ** 20 });
        if (res.notModified) return { status: 'not-modified', state };
        const feed = await parseFeed(decodeFeed(res.bytes, res.contentType).text, res.contentType);
        // The validators are kept though never sent: the real fetcher's cycles, interleaved with these,
        // then meet a state as current as their own.
        const validators = { etag: res.etag ?? previous?.etag, lastModified: res.lastModified ?? previous?.lastModified };
        return { status: 'ok', items: newsItems(spec, feed), state: { ...state, ...validators } };
      } catch (err) {
        const error = err instanceof ExitsError ? err : new ExitsError('INTERNAL', String(err));
        return { status: 'error', error, state: { ...previous, failures: (previous?.failures ?? 0) + 1 } };
      }
    },
  };
}

/** The longest gap between ticks of a 2 ms timer: the longest time the event loop could not run. */
export function stallMonitor(): { stop: () => number } {
  let last = performance.now();
  let max = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 2);
  return {
    stop() {
      clearInterval(tick);
      return Math.max(max, performance.now() - last);
    },
  };
}

export interface Measured {
  /** User + system CPU of this process during the cycle, ms. */
  cpuMs: number;
  /** Of the cycle's wall time, the garbage collector's pauses of the main thread, ms. */
  gcMs: number;
  wallMs: number;
  report: CycleReport;
}

let ticks = 0;

/** A scheduled tick, as `exits run` has: its own slot (feed leases on a shared store, backoff honoured). */
export function nextSlot(): string {
  return `bench-tick-${ticks++}`;
}

/** The main thread's GC pauses, as perf_hooks reports them (start time and duration, ms). */
const gcPauses: { at: number; ms: number }[] = [];
let gcWatch: PerformanceObserver | undefined;

export async function measureCycle(pipeline: Pipeline): Promise<Measured> {
  if (!gcWatch) {
    gcWatch = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPauses.push({ at: e.startTime, ms: e.duration });
    });
    gcWatch.observe({ entryTypes: ['gc'] });
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  const report = await pipeline.runCycle(nextSlot());
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  // The observer's entries arrive a turn later; this wait is outside the measured CPU.
  await new Promise((r) => setImmediate(r));
  const gcMs = gcPauses.filter((p) => p.at >= start && p.at < end).reduce((sum, p) => sum + p.ms, 0);
  gcPauses.length = 0;
  return { cpuMs: (used.user + used.system) / 1000, gcMs, wallMs: end - start, report };
}

/** Fails loudly when a cycle did not do what the measure assumes (a broken server would look fast). */
export function expectFeeds(m: Measured, what: string): void {
  const failed = m.report.feeds.filter((f) => f.status === 'error');
  if (failed.length > 0) {
    throw new Error(`${what}: ${failed.length} feeds failed, e.g. ${JSON.stringify(failed[0]?.error)}`);
  }
}

export function countStatus(m: Measured): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of m.report.feeds) out[f.status] = (out[f.status] ?? 0) + 1;
  return out;
}

const FIRST = ['Marta', 'Daniel', 'Priya', 'Tomas', 'Sara', 'Lukas', 'Elena', 'Omar', 'Ingrid', 'Kenji', 'Amara', 'Felix'];
const SYLLABLES = ['ko', 'var', 'len', 'dra', 'mi', 'sto', 'bel', 'ru', 'tan', 'zel', 'po', 'kar'];
const ORGS = ['Acme Robotics', 'Nimbus AI', 'Helix Labs', 'Orion Systems', 'Quanta Cloud'];

/** A name no one else in the run has: same person twice would merge into one card. */
export function uniqueName(i: number): string {
  let rest = Math.floor(i / FIRST.length);
  let surname = '';
  for (let k = 0; k < 3; k++) {
    surname += SYLLABLES[rest % SYLLABLES.length] ?? '';
    rest = Math.floor(rest / SYLLABLES.length);
  }
  return `${FIRST[i % FIRST.length]} ${surname[0]?.toUpperCase()}${surname.slice(1)}vic`;
}

/** A new article announcing a departure, which the detector turns into one event. */
export function departureItem(i: number, tag: string): { title: string; url: string; text: string } {
  const name = uniqueName(i);
  const org = ORGS[i % ORGS.length] ?? 'Acme Robotics';
  return {
    title: `${org} CEO ${name} steps down`,
    url: `https://bench.example.com/${tag}/${i}`,
    text: `${name}, who led ${org} for six years, is leaving the company, according to a memo seen by staff.`,
  };
}
