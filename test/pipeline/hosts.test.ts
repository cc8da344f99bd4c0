/** Politeness per host: the scheduler of requests alone, then through the real pipeline on loopback servers. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSpec } from '../../src/core/ports.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import { HostGate, mapPolite } from '../../src/pipeline/hosts.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { memoryLog } from '../fakes/recording.ts';

describe('mapPolite', () => {
  it('keeps each host within its limit, and a host that hangs holds back only its own inputs', async () => {
    const gate = new HostGate({ perHost: { concurrency: 2, gapMs: 0 }, hosts: { slow: { concurrency: 1, gapMs: 0 } } });
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const releaseSlow: (() => void)[] = [];
    const order: string[] = [];
    const inputs = [...Array.from({ length: 4 }, (_, i) => `slow/${i}`), ...Array.from({ length: 6 }, (_, i) => `fast/${i}`)];
    const run = mapPolite(
      inputs,
      { limit: 3, host: (s) => s.split('/')[0] as string, gate, deadline: Number.POSITIVE_INFINITY },
      async (s) => {
        const host = s.split('/')[0] as string;
        active.set(host, (active.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host) ?? 0));
        if (host === 'slow') await new Promise<void>((r) => releaseSlow.push(r));
        else await new Promise((r) => setImmediate(r));
        active.set(host, (active.get(host) ?? 0) - 1);
        order.push(s);
        return s.toUpperCase();
      },
      (s) => `skipped ${s}`,
    );
    // Every fast input finishes while the first slow one still hangs.
    while (order.filter((s) => s.startsWith('fast')).length < 6) await new Promise((r) => setTimeout(r, 1));
    expect(order.filter((s) => s.startsWith('slow'))).toEqual([]);
    for (let k = 0; k < 4; k++) {
      while (releaseSlow.length === 0) await new Promise((r) => setTimeout(r, 1));
      releaseSlow.shift()?.();
    }
    expect(await run).toEqual(inputs.map((s) => s.toUpperCase()));
    expect(peak.get('slow')).toBe(1);
    expect(peak.get('fast')).toBe(2);
  });

  it('spaces the starts at one host by its gap, and leaves what cannot start before the deadline', async () => {
    const gate = new HostGate({ perHost: { concurrency: 4, gapMs: 0 }, hosts: { g: { concurrency: 4, gapMs: 100 } } });
    const starts: number[] = [];
    const t0 = Date.now();
    const result = await mapPolite(
      ['g1', 'g2', 'g3', 'g4', 'o1'],
      { limit: 8, host: (s) => (s.startsWith('g') ? 'g' : 'o'), gate, deadline: t0 + 250 },
      async (s) => {
        if (s.startsWith('g')) starts.push(Date.now() - t0);
        return s;
      },
      (s) => `deferred ${s}`,
    );
    // g1 at once, g2 after 100 ms, g3 after 200; g4 could start only after the deadline.
    expect(result).toEqual(['g1', 'g2', 'g3', 'deferred g4', 'o1']);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99);
  });
});

/** A feed server that counts requests in flight and notes when each began; `delayMs` before each answer. */
async function countingServer(delayMs: number) {
  let active = 0;
  let peak = 0;
  const starts: number[] = [];
  const server: Server = createServer((req, res) => {
    active++;
    peak = Math.max(peak, active);
    starts.push(performance.now());
    setTimeout(() => {
      active--;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${req.url}</title><item><title>x</title><guid>${req.url}</guid></item></channel></rss>`);
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, peak: () => peak, starts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('per-host limits through the pipeline', () => {
  let throttled: Awaited<ReturnType<typeof countingServer>>;
  let other: Awaited<ReturnType<typeof countingServer>>;
  beforeAll(async () => {
    throttled = await countingServer(30);
    other = await countingServer(0);
  });
  afterAll(async () => {
    await Promise.all([throttled.close(), other.close()]);
  });

  it('asks a throttling host at most 2 at once, 50 ms apart, while the other host is read at full speed', async () => {
    const feeds = (host: string, n: number): FeedSpec[] =>
      Array.from({ length: n }, (_, i) => ({ kind: 'feed', id: `${host}/${i}`, name: `${host} ${i}`, url: `http://${host}/search/${i}`, lang: null }));
    // When each poll leaves the pipeline for the fetcher (the server's arrival times carry connection set-up).
    const sent: { host: string; at: number }[] = [];
    const real = createFeedFetcher();
    const pipeline = createPipeline({
      sources: [...feeds(throttled.host, 10), ...feeds(other.host, 10)],
      fetcher: {
        poll(spec, previous) {
          sent.push({ host: spec.kind === 'feed' ? new URL(spec.url).host : '', at: performance.now() });
          return real.poll(spec, previous);
        },
      },
      store: createStore(memoryBackend()),
      detect: () => [],
      notifiers: [],
      routes: async () => [],
      clock: { now: () => new Date() },
      log: memoryLog().log,
      maxAgeMs: 48 * 3_600_000,
      postOnFirstSight: false,
      concurrency: 8,
      mergeWindowMs: 14 * 86_400_000,
      updateThrottleMs: 0,
      hosts: { perHost: { concurrency: 8, gapMs: 0 }, hosts: { [throttled.host]: { concurrency: 2, gapMs: 50 } } },
    });
    expect((await pipeline.runCycle()).feeds.map((f) => f.status)).toEqual(Array(20).fill('ok'));
    // Measured on a second cycle: the first request of a new connection pool arrives late (set-up).
    throttled.starts.length = 0;
    other.starts.length = 0;
    sent.length = 0;
    const report = await pipeline.runCycle();
    expect(report.feeds.map((f) => f.status)).toEqual(Array(20).fill('not-modified'));
    expect(throttled.peak()).toBeLessThanOrEqual(2);
    // The other host's feeds did not wait behind the throttled one's.
    expect(Math.max(...other.starts)).toBeLessThan(Math.max(...throttled.starts));
    const starts = sent.filter((s) => s.host === throttled.host).map((s) => s.at);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(starts).toHaveLength(10);
    // The gate spaces the polls 50 ms apart when it lets them go; each then reads its feed's state before
    // the request, which on a loaded machine delays one more than the next by a few ms. So: no two polls
    // in a burst, and ten polls spread over at least nine gaps (without the gap they come within a few ms).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25);
    expect((starts[9] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(9 * 50 - 10);
  });
});
