/**
 * Adaptive polling through the real pipeline: the real fetcher and rss-parser against a loopback feed
 * server, a real SQLite store, and a clock the test moves a minute per tick (no timing asserted).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSpec, Store } from '../../src/core/ports.ts';
import { type CycleDeps, createPipeline } from '../../src/pipeline/cycle.ts';
import { DEFAULT_HOST_LIMITS } from '../../src/pipeline/hosts.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { createStore } from '../../src/store/index.ts';
import { sqliteBackend } from '../../src/store/sqlite.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { memoryLog } from '../fakes/recording.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
let now = T0;
let server: FeedServer;
let dir: string;

function rss(items: { id: string; at: number }[], extra = ''): string {
  const body = items
    .map((i) => `<item><title>Story ${i.id}</title><link>https://news.example.com/${i.id}</link><guid>${i.id}</guid><pubDate>${new Date(i.at).toUTCString()}</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>${extra}${body}</channel></rss>`;
}

/** Serves `body()` with an ETag and 304s on a match, plus `headers`. */
function conditional(body: () => string, headers: Record<string, string> = {}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const text = body();
    const etag = `"${text.length}-${Buffer.from(text).reduce((a, b) => (a * 31 + b) % 1e9, 7)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...headers });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag, ...headers });
    res.end(text);
  };
}

/** Publishes every 2 minutes for an hour, then falls silent. */
const rhythm = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, at: T0 + 10 * MIN + i * 2 * MIN }));
const old = [{ id: 'old', at: T0 - 30 * 86_400_000 }];

beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-adaptive-'));
  server.setRoute('/rhythm.xml', conditional(() => rss(rhythm.filter((i) => i.at <= now))));
  server.setRoute('/ttl.xml', conditional(() => rss(old, '<ttl>30</ttl>')));
  server.setRoute('/sy.xml', conditional(() => rss(old, '<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>3</sy:updateFrequency>')));
  server.setRoute('/max-age.xml', conditional(() => rss(old), { 'cache-control': 'max-age=900' }));
  for (const path of MANY) server.setRoute(path, conditional(() => rss(old)));
  server.setRoute('/limited.xml', (_req, res) => {
    res.writeHead(429, { 'retry-after': '1200' });
    res.end();
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const spec = (path: string): FeedSpec => ({ kind: 'feed', id: path, name: path, url: `${server.url}${path}`, lang: null });
/** Forty quiet feeds (one old item, no hints): the longest interval, 10 minutes here. */
const MANY = Array.from({ length: 40 }, (_, n) => `/many/${n}.xml`);
const PATHS = ['/rhythm.xml', '/ttl.xml', '/sy.xml', '/max-age.xml', '/limited.xml'];

function pipeline(store: Store, overrides: Partial<CycleDeps> = {}) {
  const clock = { now: () => new Date(now) };
  return createPipeline({
    sources: PATHS.map(spec),
    fetcher: createFeedFetcher({ now: clock.now }),
    store,
    detect: () => [],
    notifiers: [],
    routes: async () => [],
    clock,
    log: memoryLog().log,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: 4,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 0,
    random: () => 0.5,
    leaseMs: MIN,
    polling: { minMs: MIN, maxMs: 10 * MIN, feedHints: true, graceMs: 30_000 },
    hosts: DEFAULT_HOST_LIMITS,
    ...overrides,
  });
}

/** Runs one tick a minute from `from` to `to` (exclusive); returns the minutes at which each path was asked. */
async function ticks(p: ReturnType<typeof pipeline>, from: number, to: number): Promise<Record<string, number[]>> {
  const asked: Record<string, number[]> = Object.fromEntries(PATHS.map((path) => [path, []]));
  for (now = from; now < to; now += MIN) {
    const before = PATHS.map((path) => server.requests(path));
    await p.runCycle(`tick-${now}`);
    PATHS.forEach((path, i) => {
      if (server.requests(path) > (before[i] as number)) asked[path]?.push((now - T0) / MIN);
    });
  }
  return asked;
}

describe('adaptive polling through the pipeline', () => {
  it('follows a publisher’s rhythm and honours ttl, sy:updatePeriod, max-age and Retry-After; the schedule survives a restart', async () => {
    const file = join(dir, 'adaptive.sqlite');
    let store = createStore(sqliteBackend(file));
    const first = await ticks(pipeline(store), T0, T0 + 150 * MIN);

    // A quiet start (one poll at the longest interval), every minute or two while it publishes every two
    // minutes, then ever longer gaps up to the longest once it falls silent.
    const rhythmPolls = first['/rhythm.xml'] as number[];
    const between = (a: number, b: number) => rhythmPolls.filter((m) => m >= a && m < b).length;
    expect(between(20, 70)).toBeGreaterThanOrEqual(20);
    expect(between(110, 150)).toBeLessThanOrEqual(5);
    const lastGaps = rhythmPolls.slice(-3).map((m, i, all) => (i === 0 ? 0 : m - (all[i - 1] as number))).slice(1);
    expect(lastGaps).toEqual([10, 10]);

    // <ttl>30</ttl>: every 30 minutes, beyond the 10-minute bound; sy: hourly / 3 = 20 minutes.
    expect(first['/ttl.xml']).toEqual([0, 30, 60, 90, 120]);
    expect(first['/sy.xml']).toEqual([0, 20, 40, 60, 80, 100, 120, 140]);
    // Cache-Control max-age=900 on the 200 and on every 304 after it.
    expect(first['/max-age.xml']).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120, 135]);
    // 429 with Retry-After: 1200 s: twenty minutes, though the backoff alone would try again after one.
    expect((first['/limited.xml'] as number[]).slice(0, 3)).toEqual([0, 20, 40]);

    const saved = await store.getFeedState('/ttl.xml');
    expect(saved).toMatchObject({ pollIntervalMs: 30 * MIN, pollReason: 'ttl', nextPollAt: new Date(T0 + 150 * MIN).toISOString() });
    await store.close();

    // A new process on the same store keeps the schedule: nothing is due at once.
    store = createStore(sqliteBackend(file));
    const after = await ticks(pipeline(store), T0 + 150 * MIN, T0 + 151 * MIN);
    expect(after['/ttl.xml']).toEqual([150]);
    expect(after['/sy.xml']).toEqual([]);
    expect(after['/max-age.xml']).toEqual([150]);
    await store.close();
  });

  it('lets an interval set from outside (push) replace the learnt one', async () => {
    const store = createStore(sqliteBackend(join(dir, 'override.sqlite')));
    const p = pipeline(store, { pollOverride: (s) => (s.id === '/rhythm.xml' ? 45 * MIN : undefined) });
    const asked = await ticks(p, T0 + 10 * MIN, T0 + 100 * MIN);
    expect(asked['/rhythm.xml']).toEqual([10, 55]);
    expect(await store.getFeedState('/rhythm.xml')).toMatchObject({ pollReason: 'override', pollIntervalMs: 45 * MIN });
    await store.close();
  });

  it('polls every feed at every tick without a polling policy (as before)', async () => {
    const store = createStore(sqliteBackend(join(dir, 'fixed.sqlite')));
    const asked = await ticks(pipeline(store, { polling: undefined }), T0, T0 + 5 * MIN);
    expect(asked['/ttl.xml']).toEqual([0, 1, 2, 3, 4]);
    await store.close();
  });

  it('spreads the next polls of feeds first seen at one tick, and after a restart with no stored next poll, over the interval', async () => {
    const store = createStore(sqliteBackend(join(dir, 'spread.sqlite')));
    /** How many of the forty feeds each tick of a new process polled, from `from` to ten minutes later. */
    const perTick = async (from: number) => {
      const p = pipeline(store, { sources: MANY.map(spec) });
      const counts: number[] = [];
      for (now = from; now <= from + 10 * MIN; now += MIN) {
        const before = MANY.reduce((n, path) => n + server.requests(path), 0);
        await p.runCycle(`tick-${now}`);
        counts.push(MANY.reduce((n, path) => n + server.requests(path), 0) - before);
      }
      return counts;
    };
    /**
     * The second polls (one each: a feed's next is 10 minutes on) spread over the ticks of the interval,
     * where they all fell on the tenth minute before.
     */
    const expectSpread = (counts: number[]) => {
      expect(counts[0]).toBe(40);
      const second = counts.slice(1);
      expect(second.reduce((a, b) => a + b, 0)).toBe(40);
      expect(second.filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
      expect(Math.max(...second)).toBeLessThanOrEqual(12);
    };
    expectSpread(await perTick(T0));

    // States from before adaptive polling (no next poll stored): the first tick polls them all, then the same spread.
    for (const path of MANY) {
      const { nextPollAt: _n, pollIntervalMs: _i, pollReason: _r, ...rest } = (await store.getFeedState(path)) ?? {};
      await store.setFeedState(path, rest);
    }
    expectSpread(await perTick(T0 + 60 * MIN));
    await store.close();
  });
});
