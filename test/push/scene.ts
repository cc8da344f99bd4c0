/**
 * Push scenes: a loopback publisher (the feed server), a loopback WebSub hub, and the bot's real parts —
 * fetcher, store, pipeline with the real detector, the health server serving the callback, and push as
 * app/push.ts composes it. A recording notifier stands for the chat. Time is driven through the clock.
 */
import { startHealth } from '../../src/app/health.ts';
import { composePush, pollOnlyForSafety } from '../../src/app/push.ts';
import { createDetector } from '../../src/app/compose.ts';
import type { SourceSpec, Store } from '../../src/core/ports.ts';
import type { PushSubscription } from '../../src/core/types.ts';
import { type CycleDeps, createPipeline } from '../../src/pipeline/cycle.ts';
import type { PollingPolicy } from '../../src/pipeline/due.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { loadWatchlist } from '../../bench/cycle.ts';
import { captureLog } from '../discord/helpers.ts';
import { type FakeHub, startFakeHub } from '../fakes/fake-hub.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { recordingNotifier } from '../fakes/recording.ts';

const detect = createDetector(loadWatchlist());

/** How the feed names its hub: Atom <link rel="hub">, RSS <atom:link rel="hub">, or HTTP Link headers. */
export type Advertise = 'atom' | 'rss' | 'header' | 'none';

/** A publisher's feed at `path`: entries added by the test, the hub advertised as asked. */
export function publisher(server: FeedServer, hubUrl: string, path = '/wire.xml', advertise: Advertise = 'atom') {
  const url = `${server.url}${path}`;
  const entries: { id: string; title: string; at: string }[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const atom = () =>
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>` +
    (advertise === 'atom' ? `<link rel="hub" href="${hubUrl}"/><link rel="self" href="${url}"/>` : '') +
    `<updated>${entries[0]?.at ?? '2026-01-01T00:00:00Z'}</updated>` +
    entries
      .map((e) => `<entry><id>${e.id}</id><title>${esc(e.title)}</title><link href="https://news.example/${e.id}"/><updated>${e.at}</updated><summary>${esc(e.title)}</summary></entry>`)
      .join('') +
    '</feed>';
  const rss = () =>
    `<?xml version="1.0"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title><link>https://news.example/</link>` +
    `<atom:link rel="hub" href="${hubUrl}"/><atom:link rel="self" type="application/rss+xml" href="${url}"/>` +
    entries
      .map((e) => `<item><guid>${e.id}</guid><title>${esc(e.title)}</title><link>https://news.example/${e.id}</link><pubDate>${new Date(e.at).toUTCString()}</pubDate></item>`)
      .join('') +
    '</channel></rss>';
  server.setRoute(path, (_req, res) => {
    const headers: Record<string, string> = { 'content-type': advertise === 'rss' ? 'application/rss+xml' : 'application/atom+xml' };
    if (advertise === 'header') headers.link = `<${hubUrl}>; rel="hub", <${url}>; rel="self"`;
    res.writeHead(200, headers);
    res.end(advertise === 'rss' ? rss() : atom());
  });
  return {
    url,
    /** Publishes an entry (newest first, as feeds list them). */
    add(id: string, title: string, at: Date) {
      entries.unshift({ id, title, at: at.toISOString() });
    },
  };
}

export interface SceneOptions {
  /** Adaptive polling, as exits run has it by default (absent: every feed at every tick). */
  polling?: PollingPolicy;
  store?: Store;
  feeds?: FeedServer;
  hub?: FakeHub;
  advertise?: Advertise;
  owner?: string;
  /** Lease asked of the hub, seconds (default 1000). */
  leaseSeconds?: number;
  maxBytes?: number;
  /** Another scene's publisher (replicas watch the same feed). */
  feed?: ReturnType<typeof publisher>;
}

export async function pushScene(o: SceneOptions = {}) {
  const feeds = o.feeds ?? (await startFeedServer());
  const hub = o.hub ?? (await startFakeHub());
  const feed = o.feed ?? publisher(feeds, hub.url, '/wire.xml', o.advertise ?? 'atom');
  const store = o.store ?? createStore(memoryBackend());
  const { log, lines } = captureLog();
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const recording = recordingNotifier();
  const fetcher = createFeedFetcher({ now: clock.now });
  const sources: SourceSpec[] = [{ kind: 'feed', id: feed.url, name: 'Wire', url: feed.url, lang: 'en' }];
  const deps: CycleDeps = {
    sources,
    fetcher,
    store,
    detect,
    notifiers: [recording.notifier],
    routes: async () => [{ platform: 'recording', channel: 'c1' }],
    clock,
    log,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: 2,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 0,
    owner: o.owner ?? 'replica-a',
    polling: o.polling,
  };
  const pipeline = createPipeline(deps);
  const health = await startHealth(0, log, '127.0.0.1');
  const publicUrl = `http://127.0.0.1:${health.port}`;
  const push = composePush({
    config: {
      push: { publicUrl, leaseDays: (o.leaseSeconds ?? 1000) / 86_400, safetyPollMinutes: 60 },
      http: { timeoutMs: 5000, maxBytes: o.maxBytes ?? 1024 * 1024, userAgent: 'exits-test', allowPrivateAddresses: false },
    },
    store,
    fetcher,
    pipeline,
    sources: async () => deps.sources,
    log,
    owner: o.owner ?? 'replica-a',
    metrics: () => health.push,
    clock,
  });
  if (!push) throw new Error('push not composed');
  health.mount(push.handle);
  pollOnlyForSafety(deps, push.manager);
  let tick = 0;
  return {
    feeds,
    hub,
    feed,
    store,
    pipeline,
    push,
    health,
    publicUrl,
    lines,
    deps,
    sent: recording.sent,
    now: () => now,
    /** Moves the clock on. */
    later(ms: number) {
      now += ms;
    },
    /** One scheduled tick: a cycle, then push upkeep (as exits run does), then the hub's verifications. */
    async tick() {
      const report = await pipeline.runCycle(`slot-${o.owner ?? 'a'}-${++tick}`);
      await push.manager.reconcile();
      await hub.settled();
      return report;
    },
    async subscription(): Promise<PushSubscription | undefined> {
      return (await store.listSubscriptions())[0];
    },
    async metrics(): Promise<string> {
      return (await fetch(`${publicUrl}/metrics`)).text();
    },
    async close(shared = false) {
      await health.close();
      await store.close();
      if (!shared) {
        await hub.close();
        await feeds.close();
      }
    },
  };
}

/** Waits until `check` holds, polling; fails after a generous deadline (not a timing assertion). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
