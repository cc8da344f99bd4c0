/** The pipeline measures run in the bench process: steady-state CPU, alert latency. */
import type { Notifier, Store } from '../src/core/ports.ts';
import type { Pipeline } from '../src/pipeline/cycle.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import {
  benchPipeline,
  countStatus,
  type Detect,
  departureItem,
  expectFeeds,
  feedSpecs,
  type Measured,
  measureCycle,
  naiveFetcher,
  stallMonitor,
} from './cycle.ts';
import type { RemoteFeeds } from './remote.ts';
import { fmt, list, median, percentile } from './stats.ts';

let injected = 0;

/** Adds a new departure item to `k` distinct random feeds, out of `count`. */
async function changeFeeds(feeds: RemoteFeeds, count: number, k: number, tag: string): Promise<void> {
  const picked = new Set<number>();
  while (picked.size < Math.min(k, count)) picked.add(Math.floor(Math.random() * count));
  for (const n of picked) await feeds.addItem(n, departureItem(injected++, tag));
}


export interface SteadyContext {
  feeds: RemoteFeeds;
  count: number;
  store: Store;
  detect: Detect;
  notifier: Notifier;
}

export interface Steady {
  primeWallMs: number;
  primeStallMs: number;
  conditionalCpuMs: number;
  /** The 304 cycle's CPU with no feed changed, median of 3, ms. */
  unchangedCpuMs: number;
  /** Median over the rounds of the 304 cycle's CPU / the naive cycle's CPU in the same round (figure 2). */
  conditionalRatio: number;
  /** Each round's ratio, in order. */
  conditionalRatios: number[];
  hashedCpuMs: number;
  naiveCpuMs: number;
  /** Longest stall over the cycles of the real fetcher (conditional and no-validators). */
  stallMs: number;
  naiveStallMs: number;
  naiveWallMs: number;
  conditionalWallMs: number;
  hashedWallMs: number;
}

/**
 * Cycles run before the measured ones. In the run of 2026-12-02 (one warm-up) the 304 cycles took 398,
 * 435, 471, 231 and 200 ms and the naive ones 9.2, 9.3, 6.2, 6.0 and 6.5 s: both kinds settle over the
 * first rounds (the JIT and the heap's growth after the naive cycles' garbage), so two are left out.
 */
export const WARMUP_ROUNDS = 2;

interface Series {
  cpu: number[];
  gc: number[];
  wall: number[];
  stall: number[];
}

/**
 * `rounds` measured cycles of each kind, after WARMUP_ROUNDS unmeasured cycles of each. Kinds alternate
 * round by round, so that a ratio between them is not skewed by the machine getting busier or quieter
 * in the middle of the run: a ratio is taken within each round, and its median over the rounds is the
 * figure (a median of each kind's cycles, divided, could pair a warm-up-like round of one with a settled
 * round of the other).
 */
async function series(
  ctx: SteadyContext,
  kinds: { pipeline: Pipeline; label: string }[],
  rounds: number,
  changes: number,
): Promise<Series[]> {
  const out: Series[] = kinds.map(() => ({ cpu: [], gc: [], wall: [], stall: [] }));
  for (let r = -WARMUP_ROUNDS; r < rounds; r++) {
    for (const [k, { pipeline, label }] of kinds.entries()) {
      const o = out[k] as Series;
      await changeFeeds(ctx.feeds, ctx.count, changes, label);
      const monitor = stallMonitor();
      const m: Measured = await measureCycle(pipeline);
      // Stalls count from every cycle, the warm-up too: the figure is a maximum, so more cycles is stricter.
      o.stall.push(monitor.stop());
      expectFeeds(m, label);
      if (r < 0) {
        console.log(`  ${label}, warm-up round: cpu ${fmt(m.cpuMs)} ms (gc pauses ${fmt(m.gcMs)} ms), left out`);
        continue;
      }
      o.cpu.push(m.cpuMs);
      o.gc.push(m.gcMs);
      o.wall.push(m.wallMs);
      if (r === 0) console.log(`  ${label}: feeds by status ${JSON.stringify(countStatus(m))}`);
    }
  }
  for (const [k, { label }] of kinds.entries()) {
    const o = out[k] as Series;
    console.log(`  ${label}: cpu ${list(o.cpu)} ms (of which gc pauses ${list(o.gc)} ms); wall ${list(o.wall)} ms; stall ${list(o.stall)} ms`);
  }
  return out;
}

/**
 * Steady-state cycles over `count` feeds, 1% of which got a new item before each cycle: with conditional
 * GET, against a server that ignores it (the body hash saves the parse), and the naive fetch+parse.
 */
export async function steady(ctx: SteadyContext, rounds: number): Promise<Steady> {
  const specs = feedSpecs((n) => ctx.feeds.url(n), ctx.count);
  const changes = Math.max(1, Math.round(ctx.count / 100));
  const real = benchPipeline({ sources: specs, fetcher: createFeedFetcher(), store: ctx.store, detect: ctx.detect, notifier: ctx.notifier });
  // First sight of every feed, with detection off: it marks the items seen and stores the validators.
  // (With detection on, 1,000 copies of the fixture's 99 changes would be merged into 99 events of 1,000 reports each.)
  const seed = benchPipeline({ sources: specs, fetcher: createFeedFetcher(), store: ctx.store, detect: () => [], notifier: ctx.notifier });
  await ctx.feeds.setMode('conditional');
  const monitor = stallMonitor();
  const prime = await measureCycle(seed);
  const primeStallMs = monitor.stop();
  expectFeeds(prime, 'prime');
  console.log(`  prime (first sight, detection off): ${fmt(prime.wallMs)} ms wall, ${fmt(prime.cpuMs)} ms cpu, stall ${fmt(primeStallMs)} ms`);

  await measureCycle(real); // every feed answers 304 from here on
  const naive = benchPipeline({ sources: specs, fetcher: naiveFetcher(), store: ctx.store, detect: ctx.detect, notifier: ctx.notifier });
  // The 304 cycles and the naive ones alternate (the server answers both in the same mode).
  const [conditional, naiveRuns] = (await series(
    ctx,
    [
      { pipeline: real, label: 'conditional GET' },
      { pipeline: naive, label: 'naive fetch+parse' },
    ],
    rounds,
    changes,
  )) as [Series, Series];
  // The same 304 cycle with no feed changed: what a cycle costs around its 304s, against a bare 304 (breakdown.ts).
  const still: number[] = [];
  for (let r = 0; r < 3; r++) {
    const m = await measureCycle(real);
    expectFeeds(m, 'unchanged');
    still.push(m.cpuMs);
  }
  console.log(`  conditional GET, no feed changed: cpu ${list(still)} ms (${fmt((median(still) * 1000) / ctx.count)} µs per feed)`);
  await ctx.feeds.setMode('no-validators');
  await measureCycle(real); // warm-up: every body fetched, all hashes match
  const [hashed] = (await series(ctx, [{ pipeline: real, label: 'no validators, body hash' }], rounds, changes)) as [Series];
  await ctx.feeds.setMode('conditional');
  const ratios = conditional.cpu.map((c, i) => c / (naiveRuns.cpu[i] ?? Number.NaN));
  console.log(`  304 / naive, round by round: ${ratios.map((r) => fmt(r, 3)).join(', ')} (median ${fmt(median(ratios), 3)})`);
  return {
    primeWallMs: prime.wallMs,
    conditionalRatio: median(ratios),
    unchangedCpuMs: median(still),
    conditionalRatios: ratios,
    primeStallMs,
    conditionalCpuMs: median(conditional.cpu),
    hashedCpuMs: median(hashed.cpu),
    naiveCpuMs: median(naiveRuns.cpu),
    stallMs: Math.max(...conditional.stall, ...hashed.stall),
    naiveStallMs: Math.max(...naiveRuns.stall),
    naiveWallMs: median(naiveRuns.wall),
    conditionalWallMs: median(conditional.wall),
    hashedWallMs: median(hashed.wall),
  };
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  injected: number;
  delivered: number;
  cycles: number;
  skipped: number;
  cycleWallMs: number;
  stallMs: number;
}

/**
 * A loop runs a cycle every `intervalMs` (a tick that finds a cycle running is skipped, as node-cron's
 * noOverlap does); items appear in random feeds at random times; latency is from the server starting to
 * serve an item to its card reaching the notifier.
 */
export async function latency(
  ctx: SteadyContext & { arrivals: Map<string, number> },
  durationMs: number,
  intervalMs: number,
  injections: number,
): Promise<Latency> {
  const specs = feedSpecs((n) => ctx.feeds.url(n), ctx.count);
  const pipeline = benchPipeline({ sources: specs, fetcher: createFeedFetcher(), store: ctx.store, detect: ctx.detect, notifier: ctx.notifier });
  await ctx.feeds.setMode('conditional');
  await pipeline.runCycle(); // feeds changed while validators were off get their ETag back

  const walls: number[] = [];
  let running: Promise<void> | null = null;
  let skipped = 0;
  const tick = () => {
    if (running) {
      skipped++;
      return;
    }
    running = measureCycle(pipeline)
      .then((m) => {
        expectFeeds(m, 'latency');
        walls.push(m.wallMs);
      })
      .finally(() => {
        running = null;
      });
  };
  const appeared = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const times = Array.from({ length: injections }, () => Math.random() * durationMs).sort((a, b) => a - b);
  const monitor = stallMonitor();
  const timers = times.map((t) =>
    setTimeout(() => {
      const item = departureItem(injected++, 'latency');
      const n = Math.floor(Math.random() * ctx.count);
      pending.push(ctx.feeds.addItem(n, item).then((at) => void appeared.set(item.url, at)));
    }, t),
  );
  tick();
  const loop = setInterval(tick, intervalMs);
  await new Promise((r) => setTimeout(r, durationMs));
  await Promise.all(pending);
  // Let the last items through: at most two more intervals and a cycle.
  const deadline = Date.now() + 2 * intervalMs + 2 * Math.max(1000, ...walls);
  while (Date.now() < deadline && [...appeared.keys()].some((u) => !ctx.arrivals.has(u))) {
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(loop);
  for (const t of timers) clearTimeout(t);
  await running;
  const stallMs = monitor.stop();
  const delays = [...appeared].flatMap(([url, at]) => {
    const arrived = ctx.arrivals.get(url);
    return arrived === undefined ? [] : [arrived - at];
  });
  console.log(
    `  latency: ${delays.length}/${appeared.size} cards, ${walls.length} cycles (median ${fmt(median(walls))} ms), ${skipped} ticks skipped; p50 ${fmt(percentile(delays, 50))} ms, p99 ${fmt(percentile(delays, 99))} ms`,
  );
  return {
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: Math.max(...delays),
    injected: appeared.size,
    delivered: delays.length,
    cycles: walls.length,
    skipped,
    cycleWallMs: median(walls),
    stallMs,
  };
}
