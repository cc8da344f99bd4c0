/**
 * Push latency (issue 19): a publisher adds an item and pings a loopback WebSub hub, which fetches the
 * feed and delivers it, signed, to the bot's callback (the health server); the figure is the time from the
 * item's appearance to its card reaching the notifier, through the real fetcher, SQLite store, detector,
 * pipeline and outbox. Items one after the other; p50 and p99 over N.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHealth } from '../src/app/health.ts';
import { createLogger } from '../src/app/logger.ts';
import { composePush } from '../src/app/push.ts';
import type { FeedSpec } from '../src/core/ports.ts';
import { compileWatchlist, detect } from '../src/detect/index.ts';
import { createPipeline } from '../src/pipeline/cycle.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import { createStore } from '../src/store/index.ts';
import { sqliteBackend } from '../src/store/sqlite.ts';
import { startFakeHub } from '../test/fakes/fake-hub.ts';
import { departureItem, loadWatchlist, timedNotifier } from './cycle.ts';
import { fmt, percentile, type Row } from './stats.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A publisher's Atom feed advertising the hub, newest 30 entries. */
async function startPublisher(hubUrl: () => string) {
  const entries: string[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/atom+xml' });
    res.end(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Push bench</title><id>urn:push</id>` +
        `<link rel="hub" href="${hubUrl()}"/><link rel="self" href="${url}"/>${entries.slice(0, 30).join('')}</feed>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  return {
    url,
    add(item: { title: string; url: string; text: string }) {
      const at = new Date().toISOString();
      entries.unshift(
        `<entry><id>${item.url}</id><title>${esc(item.title)}</title><link href="${item.url}"/><updated>${at}</updated><summary>${esc(item.text)}</summary></entry>`,
      );
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function pushLatency(n: number): Promise<{ p50: number; p99: number; max: number; delivered: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'exits-bench-push-'));
  const hub = await startFakeHub();
  const feed = await startPublisher(() => hub.url);
  const store = createStore(sqliteBackend(join(dir, 'push.sqlite')));
  const log = createLogger('silent');
  const { notifier, arrivals } = timedNotifier();
  const compiled = compileWatchlist(loadWatchlist());
  const fetcher = createFeedFetcher();
  const sources: FeedSpec[] = [{ kind: 'feed', id: feed.url, name: 'Push bench', url: feed.url, lang: 'en' }];
  const deps = {
    sources,
    fetcher,
    store,
    detect: (input: Parameters<typeof detect>[0]) => detect(input, compiled),
    notifiers: [notifier],
    routes: async () => [{ platform: notifier.name, channel: 'bench' }],
    clock: { now: () => new Date() },
    log,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: 8,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 60_000,
  };
  const pipeline = createPipeline(deps);
  const health = await startHealth(0, log, '127.0.0.1');
  const push = composePush({
    config: {
      push: { publicUrl: `http://127.0.0.1:${health.port}`, leaseDays: 1, safetyPollMinutes: 60 },
      http: { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, userAgent: 'exits-bench', allowPrivateAddresses: false },
    },
    store,
    fetcher,
    pipeline,
    sources: async () => sources,
    log,
    owner: 'bench',
    metrics: () => health.push,
  });
  if (!push) throw new Error('push not composed');
  health.mount(push.handle);
  const latencies: number[] = [];
  try {
    await pipeline.runCycle('first-sight');
    await push.manager.reconcile();
    await hub.settled();
    if (hub.subscriptions.size !== 1) throw new Error('the bench hub holds no verified subscription');
    for (let i = 0; i < n; i++) {
      const item = departureItem(i, 'push');
      const published = Date.now();
      feed.add(item);
      await hub.publish(feed.url);
      const deadline = Date.now() + 10_000;
      while (!arrivals.has(item.url) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      const at = arrivals.get(item.url);
      if (at !== undefined) latencies.push(at - published);
    }
  } finally {
    await health.close();
    await store.close();
    await hub.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), delivered: latencies.length };
}

/** The figure's rows for bench/run.ts. */
export async function pushRows(quick: boolean): Promise<Row[]> {
  const n = quick ? 20 : 100;
  console.log(`push latency: ${n} items through a loopback WebSub hub`);
  const r = await pushLatency(n);
  return [
    {
      measure: `push: latency item → card via WebSub, p50 / p99 (${r.delivered}/${n} cards)`,
      value: `${fmt(r.p50 / 1000, 3)} / ${fmt(r.p99 / 1000, 3)} s (max ${fmt(r.max / 1000, 3)})`,
      target: 'p99 <= 2 s',
      pass: r.p99 <= 2000 && r.delivered === n,
    },
  ];
}

// `npx tsx bench/push.ts [N]` runs this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await pushLatency(Number(process.argv[2] ?? 100));
  console.log(`push latency over ${r.delivered} cards: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms`);
}
