/**
 * Single-component figures (kept from the first bench): detector, rss-parser, SQLite batches, and the
 * stall of parsing one big feed in the worker versus inline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import type { DetectInput } from '../src/core/types.ts';
import { compileWatchlist, detect } from '../src/detect/index.ts';
import { parseFeed } from '../src/sources/parse.ts';
import { createStore } from '../src/store/index.ts';
import { sqliteBackend } from '../src/store/sqlite.ts';
import { loadWatchlist, stallMonitor } from './cycle.ts';
import { fmt, median } from './stats.ts';

const CORPUS = process.env.EXITS_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus');

function rounds(n: number, fn: () => number): number {
  return median(Array.from({ length: n }, fn));
}

/** Items per second of detect() over the dev corpus, one core. */
export function detectorThroughput(): { perSecond: number; items: number } {
  const compiled = compileWatchlist(loadWatchlist());
  const items: DetectInput[] = readFileSync(join(CORPUS, 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  for (const it of items) detect(it, compiled); // warm-up
  const perSecond = rounds(7, () => {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 300) {
      for (const it of items) detect(it, compiled);
      n += items.length;
    }
    return n / ((performance.now() - start) / 1000);
  });
  console.log(`detector: ${fmt(perSecond)} items/s on dev.jsonl (${items.length} items, one core)`);
  return { perSecond, items: items.length };
}

/** ms per KB of detect() over long articles: the seeds' full bodies (title, summary and body). */
export function detectorLongArticles(): { msPerKb: number; articles: number; kb: number } {
  const compiled = compileWatchlist(loadWatchlist());
  const items: DetectInput[] = readFileSync(join(CORPUS, 'seeds', 'seeds.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const kb = items.reduce((a, it) => a + Buffer.byteLength(`${it.title}${it.summary}${it.body ?? ''}`), 0) / 1024;
  for (const it of items) detect(it, compiled); // warm-up
  const msPerKb = rounds(7, () => {
    const start = performance.now();
    let passes = 0;
    while (performance.now() - start < 300) {
      for (const it of items) detect(it, compiled);
      passes++;
    }
    return (performance.now() - start) / passes / kb;
  });
  console.log(`detector: ${msPerKb.toFixed(3)} ms per KB on long articles (${items.length} seed bodies, ${fmt(kb)} KB, one core)`);
  return { msPerKb, articles: items.length, kb };
}

export async function parseThroughput(): Promise<void> {
  const parser = new Parser();
  const xml = readFileSync('test/fixtures/feeds/news-rss2.xml', 'utf8');
  const items = (await parser.parseString(xml)).items.length;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    await parser.parseString(xml);
    times.push(performance.now() - start);
  }
  const ms = median(times);
  console.log(
    `rss-parser: ${ms.toFixed(2)} ms per parse of news-rss2.xml (${items} items, ${Math.round(xml.length / 1024)} KiB): ${fmt((items / ms) * 1000)} items/s`,
  );
}

export async function sqliteSeenBatch(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'exits-bench-'));
  const store = createStore(sqliteBackend(join(dir, 'b.sqlite')));
  const n = 5000;
  const ids = Array.from({ length: n }, (_, i) => `url:example.com/${i}`);
  let start = performance.now();
  await store.markSeen(ids);
  const write = performance.now() - start;
  start = performance.now();
  await store.seenMany(ids);
  const read = performance.now() - start;
  console.log(
    `sqlite store: markSeen ${((write * 1000) / n).toFixed(1)} µs/id, seenMany ${((read * 1000) / n).toFixed(1)} µs/id (batch of ${n})`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The longest event-loop stall while a 4 MiB feed is parsed: in the worker (as exits does) and inline. */
export async function bigFeedStall(): Promise<void> {
  const items = Array.from(
    { length: 9000 },
    (_, i) =>
      `<item><title>Item ${i} leaves Example</title><link>https://e.example.com/${i}</link><guid>g${i}</guid>` +
      `<description>${'Some words about the change. '.repeat(12)}</description></item>`,
  );
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>${items.join('')}</channel></rss>`;
  const measure = async (parse: () => Promise<unknown>) => {
    const monitor = stallMonitor();
    await parse();
    await new Promise((r) => setTimeout(r, 20));
    return monitor.stop();
  };
  await parseFeed(xml); // starts the worker
  const worker = await measure(() => parseFeed(xml));
  const inline = await measure(() => new Parser().parseString(xml));
  console.log(
    `event loop: longest stall while parsing a ${(xml.length / 2 ** 20).toFixed(1)} MiB feed: ${worker.toFixed(0)} ms in the worker, ${inline.toFixed(0)} ms inline`,
  );
}

/**
 * How long `exits --help` takes against a bare Node start, both as child processes, after a build (the
 * CLI runs dist/ when it is newer than src/, as after npm ci). Medians of `rounds` runs each.
 */
export function cliStart(rounds = 15): { helpMs: number; bareMs: number } {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
  const time = (args: string[]) =>
    median(
      Array.from({ length: rounds }, () => {
        const t = performance.now();
        execFileSync(process.execPath, args, { stdio: 'ignore' });
        return performance.now() - t;
      }),
    );
  const bareMs = time(['-e', '0']);
  const helpMs = time(['bin/exits.js', '--help']);
  console.log(`CLI start: exits --help ${fmt(helpMs)} ms, node -e 0 ${fmt(bareMs)} ms (medians of ${rounds})`);
  return { helpMs, bareMs };
}
