/**
 * npm run bench: figures measured in one run on this machine, against loopback servers. Each figure is
 * a median of several rounds, because the machines are noisy; compare ratios rather than absolute
 * numbers across machines. BENCH_QUICK=1 shrinks every size for a smoke run (its figures are not the
 * targets' figures).
 *
 * Files: feeds.ts (the feed server, its own process), remote.ts (child processes), cycle.ts (pipeline
 * set-up, naive fetcher, stall monitor), measures.ts (steady CPU, latency), memory.ts (the memory child),
 * micro.ts (single-component figures, the detector's), stats.ts; figures.ts lists the figures measured
 * after these (adaptive.ts: adaptive polling on a simulated clock; scale.ts: 10,000 feeds).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../src/store/index.ts';
import { sqliteBackend } from '../src/store/sqlite.ts';
import { breakdown } from './breakdown.ts';
import { loadWatchlist, timedDetector, timedNotifier } from './cycle.ts';
import { FIGURES } from './figures.ts';
import { latency, steady, WARMUP_ROUNDS } from './measures.ts';
import type { FillResult, PollResult } from './memory.ts';
import { bigFeedStall, cliStart, detectorLongArticles, detectorThroughput, parseThroughput, sqliteSeenBatch } from './micro.ts';
import { pushRows } from './push.ts';
import { firstMessage, forkScript, startRemoteFeeds } from './remote.ts';
import { fmt, type Row, table } from './stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZE = {
  feeds: QUICK ? 100 : 1000,
  steadyRounds: QUICK ? 3 : 5,
  intervalMs: 2000,
  latencyMs: QUICK ? 12_000 : 60_000,
  injections: QUICK ? 12 : 100,
  history: QUICK ? 10_000 : 100_000,
  memoryCycles: 3,
};

/**
 * The heap flag npm start (and the Docker image) runs the bot with: with a limit V8 sizes the heap to
 * what is live instead of letting garbage grow towards a limit derived from the machine's memory.
 */
const HEAP_CAP = /--max-old-space-size=\d+/.exec(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start)?.[0] ?? '';

const started = performance.now();
const elapsed = () => `${fmt((performance.now() - started) / 1000)} s`;
console.log(
  `exits bench${QUICK ? ' (BENCH_QUICK: reduced sizes)' : ''}, Node ${process.version}, ${new Date().toISOString()}, ` +
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
);

const cli = cliStart();
const detector = detectorThroughput();
const long = detectorLongArticles();
await parseThroughput();
await sqliteSeenBatch();
await bigFeedStall();

const dir = mkdtempSync(join(tmpdir(), 'exits-bench-'));
const feeds = await startRemoteFeeds(SIZE.feeds);
try {
  console.log(`feed server: ${SIZE.feeds} feeds of ${fmt((await feeds.bodyBytes()) / SIZE.feeds / 1024)} KiB (30 items), concurrency 8 [${elapsed()}]`);
  const watchlist = loadWatchlist();

  console.log(`2-3, 6. steady-state cycles over ${SIZE.feeds} feeds, sqlite store [${elapsed()}]`);
  const store = createStore(sqliteBackend(join(dir, 'main.sqlite')));
  const { notifier, arrivals } = timedNotifier();
  const ctx = { feeds, count: SIZE.feeds, store, detect: timedDetector(watchlist).detect, notifier };
  const st = await steady(ctx, SIZE.steadyRounds);
  const bd = await breakdown(feeds, SIZE.feeds, store, 3);
  console.log(
    `  per feed, CPU of a 304: ${fmt(bd.fetch304Us)} µs through fetchFeedBytes, ${fmt(bd.poll304Us)} µs through the fetcher's poll, ` +
      `${fmt(bd.http304Us)} µs through node:http; ` +
      `every feed state read in one batch on SQLite: ${fmt(bd.stateUs)} µs per feed`,
  );

  console.log(`4. latency, cycle every ${SIZE.intervalMs / 1000} s for ${SIZE.latencyMs / 1000} s [${elapsed()}]`);
  const lat = await latency({ ...ctx, arrivals }, SIZE.latencyMs, SIZE.intervalMs, SIZE.injections);
  await store.close();

  console.log(`5. memory: ${fmt(SIZE.history)} events in the history, ${SIZE.feeds} feeds polled, in child processes [${elapsed()}]`);
  const db = join(dir, 'memory.sqlite');
  const filled = await firstMessage<FillResult>(forkScript('./memory.ts', ['fill', db, String(SIZE.history)]), 600_000);
  console.log(`  filled ${fmt(filled.events)} events via saveEvent in ${fmt(filled.ms / 1000, 1)} s (${filled.sampleHistory} for the first watchlist person)`);
  const pollChild = async (flags: string[]) => {
    const args = ['poll', db, feeds.base, String(SIZE.feeds), String(SIZE.memoryCycles)];
    const mem = await firstMessage<PollResult>(forkScript('./memory.ts', args, flags), 600_000);
    console.log(`  node ${flags.join(' ') || '(default flags)'}: peak RSS ${fmt(mem.peakRssMb)} MB over ${mem.cycles} cycles (getrusage)`);
    for (const p of mem.phases) console.log(`    ${p.name}: peak RSS ${fmt(p.peakRssMb)} MB, peak heap ${fmt(p.peakHeapMb)} MB`);
    return mem;
  };
  const mem = await pollChild([HEAP_CAP]);
  const uncapped = await pollChild([]);

  const condRatio = st.conditionalRatio;
  const hashRatio = st.hashedCpuMs / st.naiveCpuMs;
  const latencyTarget = SIZE.intervalMs + 500;
  const stall = Math.max(st.stallMs, lat.stallMs);
  const rows: Row[] = [
    {
      measure: '1. detector: items/s on short items (dev.jsonl) | ms per KB on long articles (seed bodies), one core',
      value: `${fmt(detector.perSecond)} | ${long.msPerKb.toFixed(3)} ms/KB (${fmt(1024 / long.msPerKb)} KB/s)`,
      target: '> 5,000 items/s',
      pass: detector.perSecond > 5000,
    },
    {
      measure: `2. CPU, 99% 304 / naive (${SIZE.feeds} feeds; median of each round's ratio, ${WARMUP_ROUNDS} warm-up rounds left out)`,
      value: `${fmt(condRatio, 3)} (medians ${fmt(st.conditionalCpuMs)} / ${fmt(st.naiveCpuMs)} ms)`,
      target: '<= 0.05',
      pass: condRatio <= 0.05,
    },
    {
      measure: '   of which: a 304 cycle with no feed changed, per feed | a bare 304 (fetchFeedBytes)',
      value: `${fmt((st.unchangedCpuMs * 1000) / SIZE.feeds)} µs | ${fmt(bd.fetch304Us)} µs`,
      target: '',
    },
    {
      measure: '3. CPU, no validators + body hash / naive',
      value: `${fmt(hashRatio, 3)} (${fmt(st.hashedCpuMs)} / ${fmt(st.naiveCpuMs)} ms)`,
      target: '<= 0.25',
      pass: hashRatio <= 0.25,
    },
    {
      measure: '   cycle wall: 304 / no validators / naive',
      value: `${fmt(st.conditionalWallMs)} / ${fmt(st.hashedWallMs)} / ${fmt(st.naiveWallMs)} ms`,
      target: '',
    },
    {
      measure: `4. latency item → card, p50 / p99 (${lat.delivered}/${lat.injected} cards)`,
      value: `${fmt(lat.p50 / 1000, 2)} / ${fmt(lat.p99 / 1000, 2)} s (max ${fmt(lat.max / 1000, 2)})`,
      target: `p99 <= ${fmt(latencyTarget / 1000, 1)} s (interval ${fmt(SIZE.intervalMs / 1000)} s)`,
      pass: lat.p99 <= latencyTarget && lat.delivered === lat.injected,
    },
    {
      measure: `5. peak RSS, ${SIZE.feeds} feeds + ${fmt(SIZE.history)} events (node ${HEAP_CAP}, as npm start)`,
      value: `${fmt(mem.peakRssMb)} MB`,
      target: '<= 200 MB',
      pass: mem.peakRssMb <= 200,
    },
    { measure: '   same without the heap flag', value: `${fmt(uncapped.peakRssMb)} MB`, target: '' },
    {
      measure: `6. longest event-loop stall, cycles over ${SIZE.feeds} feeds`,
      value: `${fmt(stall)} ms`,
      target: '<= 100 ms',
      pass: stall <= 100,
    },
    {
      measure: '   stall: first-sight cycle / naive cycle',
      value: `${fmt(st.primeStallMs)} / ${fmt(st.naiveStallMs)} ms`,
      target: '',
    },
    { measure: '7. detector items/s (dev.jsonl, one core)', value: fmt(detector.perSecond), target: '' },
    {
      measure: '8. CLI start: exits --help / node -e 0',
      value: `${fmt(cli.helpMs / cli.bareMs, 2)} (${fmt(cli.helpMs)} / ${fmt(cli.bareMs)} ms)`,
      target: '<= 4',
      pass: cli.helpMs / cli.bareMs <= 4,
    },
  ];
  for (const figure of FIGURES) {
    console.log(`${figure.title} [${elapsed()}]`);
    rows.push(...(await figure.run({ quick: QUICK, heapCap: HEAP_CAP, dir })));
  }
  rows.push(...(await pushRows(QUICK)));
  console.log(`\nresults (${elapsed()} in all; medians of rounds, CPU = user + system of the bench process only)`);
  console.log(table(rows));
} finally {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
}
