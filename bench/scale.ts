/**
 * 10,000 feeds in one process, through the real pipeline (real fetcher, rss-parser, detector, SQLite
 * store, adaptive polling, per-host limits) against the loopback feed server. Run in a child process of
 * its own (`scale BASE COUNT DIR`), so its peak RSS is the bot's alone, with the heap flag of npm start.
 *
 * The clock is simulated: the first cycle sees every feed for the first time; then the clock jumps past
 * every feed's next poll, so a tick finds all 10,000 due (the worst tick, mostly 304s); then a tick a
 * minute later finds none due (the usual tick between two). Per tick it counts the feed states read.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Store } from '../src/core/ports.ts';
import { createPipeline, type Log } from '../src/pipeline/cycle.ts';
import { DEFAULT_POLICY } from '../src/pipeline/due.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import { createStore } from '../src/store/index.ts';
import { sqliteBackend } from '../src/store/sqlite.ts';
import { CONCURRENCY, feedSpecs } from './cycle.ts';
import type { Figure } from './figures.ts';
import { firstMessage, forkScript, startRemoteFeeds } from './remote.ts';
import { fmt, median } from './stats.ts';

export interface ScaleResult {
  feeds: number;
  primeWallMs: number;
  /** A tick with every feed due: CPU and wall per cycle (medians), how the feeds answered. */
  dueCpuMs: number;
  dueWallMs: number;
  dueStatus: Record<string, number>;
  /** A tick with no feed due. */
  idleCpuMs: number;
  statesReadDue: number;
  statesReadIdle: number;
  /** One getFeedStates of every feed on SQLite, ms: what each tick would cost without the due book. */
  readAllMs: number;
  peakRssMb: number;
  /** Longest event-loop delay during the steady ticks (monitorEventLoopDelay, 10 ms resolution). */
  stallMs: number;
}

const silent: Log = { info() {}, warn() {}, error() {}, debug() {} };
const MIN = 60_000;

/** The store, counting the feed states each cycle reads. */
function counting(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const wrapped = Object.create(store) as Store;
  wrapped.getFeedStates = (ids) => {
    reads += ids.length;
    return store.getFeedStates(ids);
  };
  return { store: wrapped, reads: () => reads };
}

export async function runScale(base: string, count: number, dir: string, rounds: number): Promise<ScaleResult> {
  const real = createStore(sqliteBackend(join(dir, 'scale.sqlite')));
  const { store, reads } = counting(real);
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const sources = feedSpecs((n) => `${base}/f/${n}.xml`, count);
  const pipeline = createPipeline({
    sources,
    fetcher: createFeedFetcher({ now: clock.now }),
    store,
    // The steady ticks are 304s, which never reach the detector; with it, the first sight of 10,000 feeds of
    // leadership news (merges, history writes) would take minutes before anything is measured.
    detect: () => [],
    notifiers: [],
    routes: async () => [],
    clock,
    log: silent,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: CONCURRENCY,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 60_000,
    leaseMs: 10 * MIN,
    polling: DEFAULT_POLICY,
    // One loopback host stands for the 10,000 hosts of a deployment: its limit is the pipeline's.
    hosts: { perHost: { concurrency: CONCURRENCY, gapMs: 0 }, hosts: {} },
  });
  const cycle = async (slot: string) => {
    const before = reads();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await pipeline.runCycle(slot);
    const used = process.cpuUsage(cpu);
    const status: Record<string, number> = {};
    for (const f of report.feeds) status[f.status] = (status[f.status] ?? 0) + 1;
    return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start, status, read: reads() - before };
  };

  const primeStart = performance.now();
  await cycle('prime');
  const primeWallMs = performance.now() - primeStart;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const due: Awaited<ReturnType<typeof cycle>>[] = [];
  const idle: Awaited<ReturnType<typeof cycle>>[] = [];
  for (let r = 0; r < rounds; r++) {
    // Past every feed's next poll (the fixture asks for <ttl>15</ttl>), then one minute on.
    now += 16 * MIN;
    due.push(await cycle(`due-${r}`));
    now += MIN;
    idle.push(await cycle(`idle-${r}`));
  }
  delay.disable();
  const t = performance.now();
  await real.getFeedStates(sources.map((s) => s.id));
  const readAllMs = performance.now() - t;
  await real.close();
  return {
    feeds: count,
    primeWallMs,
    dueCpuMs: median(due.map((d) => d.cpuMs)),
    dueWallMs: median(due.map((d) => d.wallMs)),
    dueStatus: due.at(-1)?.status ?? {},
    idleCpuMs: median(idle.map((d) => d.cpuMs)),
    statesReadDue: due.at(-1)?.read ?? 0,
    statesReadIdle: idle.at(-1)?.read ?? 0,
    readAllMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    stallMs: delay.max / 1e6,
  };
}

// Child entry: measure, send the result, exit.
if (process.argv[1] && import.meta.filename === process.argv[1] && process.send) {
  const [base = '', count = '10000', dir = '.', rounds = '3'] = process.argv.slice(2);
  const result = await runScale(base, Number(count), dir, Number(rounds));
  process.send(result, () => process.exit(0));
}

const SCALE_FEEDS = 10_000;

export const scaleFigure: Figure = {
  title: `${SCALE_FEEDS.toLocaleString('en')} feeds in one process, real pipeline, SQLite, adaptive polling (child process)`,
  async run({ quick, heapCap, dir }) {
    const count = quick ? 1000 : SCALE_FEEDS;
    const feeds = await startRemoteFeeds(count, 3);
    try {
      const args = [feeds.base, String(count), dir, quick ? '1' : '3'];
      const r = await firstMessage<ScaleResult>(forkScript('./scale.ts', args, heapCap ? [heapCap] : []), 1_800_000);
      const statuses = Object.entries(r.dueStatus)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      console.log(
        `  first sight of ${count} feeds: ${fmt(r.primeWallMs / 1000, 1)} s; all due: ${statuses}; ` +
          `states read per tick: ${r.statesReadDue} all due, ${r.statesReadIdle} none due (reading all on SQLite: ${fmt(r.readAllMs)} ms)`,
      );
      return [
        {
          measure: `11. CPU of a tick with all ${fmt(count)} feeds due (304s) | none due`,
          value: `${fmt(r.dueCpuMs)} ms (${fmt(r.dueWallMs)} ms wall) | ${fmt(r.idleCpuMs, 1)} ms`,
          target: '',
        },
        { measure: `12. peak RSS, ${fmt(count)} feeds (node ${heapCap}, as npm start)`, value: `${fmt(r.peakRssMb)} MB`, target: '<= 300 MB', pass: r.peakRssMb <= 300 },
        {
          measure: `13. longest event-loop stall, steady ticks over ${fmt(count)} feeds`,
          value: `${fmt(r.stallMs)} ms`,
          target: '<= 100 ms',
          pass: r.stallMs <= 100,
        },
      ];
    } finally {
      await feeds.close();
    }
  },
};
