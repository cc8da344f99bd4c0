/**
 * Child process of the memory measure, so that its peak RSS is that of a poller alone.
 *
 *   fill DB EVENTS              saves EVENTS EventRecords through Store.saveEvent into the SQLite file DB
 *   poll DB BASE FEEDS CYCLES   opens DB, polls FEEDS feeds of the bench server at BASE: a first-sight
 *                               cycle, then CYCLES steady cycles with new items in 1% of the feeds
 *
 * Each mode answers one IPC message and exits.
 */
import type { EventRecord } from '../src/core/types.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import { createStore } from '../src/store/index.ts';
import { sqliteBackend } from '../src/store/sqlite.ts';
import { benchPipeline, departureItem, nextSlot, expectFeeds, feedSpecs, loadWatchlist, timedDetector, timedNotifier, uniqueName } from './cycle.ts';

export interface FillResult {
  events: number;
  ms: number;
  sampleHistory: number;
}

/** Peaks of one phase, sampled every 5 ms. */
export interface Phase {
  name: string;
  peakRssMb: number;
  peakHeapMb: number;
}

export interface PollResult {
  /** The kernel's figure for the whole life of the process (getrusage maxrss). */
  peakRssMb: number;
  phases: Phase[];
  rssMb: number;
  heapUsedMb: number;
  cycles: number;
  historyOfSample: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;

type Query = (sql: string) => Promise<unknown>;

/** A history entry like the pipeline writes: a change with one to three reports. */
function record(i: number, people: string[]): EventRecord {
  // Watchlist people get a long history; the rest is spread over many names, a handful each.
  const person = i % 10 === 0 ? (people[(i / 10) % people.length] ?? 'Sam Altman') : uniqueName(i % 20_000);
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString();
  const reports = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    itemId: `url:https://news.example.com/${i}/${k}`,
    title: `${person} steps down as chief executive of Example Corp ${i % 97}, the company said`,
    url: `https://news.example.com/${i}/${k}`,
    source: `Example News ${k}`,
    published: day,
    lang: 'en',
    evidence: `${person} steps down as chief executive`,
    confidence: 0.8,
  }));
  const first = reports[0];
  return {
    key: `bench${i.toString(36)}`,
    person,
    org: `Example Corp ${i % 97}`,
    type: 'departure',
    role: 'chief executive',
    destination: null,
    evidence: first?.evidence ?? '',
    confidence: 0.8,
    itemId: first?.itemId ?? '',
    title: first?.title ?? '',
    url: first?.url ?? null,
    source: first?.source ?? '',
    published: day,
    lang: 'en',
    detectedAt: day,
    reports,
    postedAt: day,
  };
}

async function fill(db: string, count: number): Promise<FillResult> {
  const backend = sqliteBackend(db);
  const store = createStore(backend);
  const people = loadWatchlist().people.map((p) => p.name);
  // Only for the fill: no disk sync per write (WAL keeps it consistent); the poll opens the file anew.
  for (const name of ['events', 'people']) {
    const adapter = (backend.collection(name).kv as unknown as { store: { query: Query } }).store;
    await adapter.query('PRAGMA synchronous=NORMAL');
  }
  const start = performance.now();
  let next = 0;
  // Concurrent writers never touch the same person at once: neighbours in `i` are different people.
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) await store.saveEvent(record(next++, people));
    }),
  );
  const ms = performance.now() - start;
  const sampleHistory = (await store.eventsOf(people[0] ?? 'Sam Altman')).length;
  await store.close();
  return { events: count, ms, sampleHistory };
}

/** Samples RSS and heap; `phase(name)` closes the phase under way and starts the next. */
function phases(first: string): { phase: (name: string) => void; done: () => Phase[] } {
  const out: Phase[] = [];
  let current: Phase = { name: first, peakRssMb: 0, peakHeapMb: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    current.peakRssMb = Math.max(current.peakRssMb, mb(m.rss));
    current.peakHeapMb = Math.max(current.peakHeapMb, mb(m.heapUsed));
  };
  sample();
  const timer = setInterval(sample, 5);
  return {
    phase(name) {
      sample();
      out.push(current);
      current = { name, peakRssMb: 0, peakHeapMb: 0 };
      sample();
    },
    done() {
      clearInterval(timer);
      sample();
      out.push(current);
      return out;
    },
  };
}

async function poll(db: string, base: string, count: number, cycles: number): Promise<PollResult> {
  const sampler = phases('modules loaded, store opened');
  const store = createStore(sqliteBackend(db));
  const specs = feedSpecs((n) => `${base}/f/${n}.xml`, count);
  const watchlist = loadWatchlist();
  const { notifier } = timedNotifier();
  const detector = timedDetector(watchlist);
  const seed = benchPipeline({ sources: specs, fetcher: createFeedFetcher(), store, detect: () => [], notifier });
  const real = benchPipeline({ sources: specs, fetcher: createFeedFetcher(), store, detect: detector.detect, notifier });
  await store.getFeedState('f0');
  sampler.phase('first-sight cycle (detection off)');
  expectFeeds({ cpuMs: 0, gcMs: 0, wallMs: 0, report: await seed.runCycle(nextSlot()) }, 'memory: first sight');
  sampler.phase(`${cycles} steady cycles (1% new items, detection on)`);
  for (let c = 0; c < cycles; c++) {
    for (let k = 0; k < Math.max(1, count / 100); k++) {
      const item = departureItem(1_000_000 + c * 1000 + k, 'memory');
      const n = Math.floor(Math.random() * count);
      await fetch(`${base}/_ctl/add?${new URLSearchParams({ feed: String(n), ...item })}`, { method: 'POST' });
    }
    expectFeeds({ cpuMs: 0, gcMs: 0, wallMs: 0, report: await real.runCycle(nextSlot()) }, 'memory: steady');
  }
  const historyOfSample = (await store.eventsOf(watchlist.people[0]?.name ?? 'Sam Altman')).length;
  const usage = process.memoryUsage();
  await store.close();
  return {
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    phases: sampler.done(),
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    cycles: cycles + 1,
    historyOfSample,
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1] && process.send) {
  const [mode, db = '', ...rest] = process.argv.slice(2);
  const answer =
    mode === 'fill' ? await fill(db, Number(rest[0])) : await poll(db, rest[0] ?? '', Number(rest[1]), Number(rest[2]));
  process.send(answer, () => process.exit(0));
}
