/**
 * Where the CPU of a steady 304 cycle goes, per feed: the conditional request through the fetcher's HTTP
 * code (undici request), the same request through node:http with a keep-alive agent, the whole poll of
 * the fetcher (request, validators, the next state), and the one read of every feed's state that a cycle
 * starts with, on SQLite. What a cycle costs beyond these is the 1% of feeds that changed (parse, detect,
 * merge, send) and the cycle's own book-keeping.
 */
import { Agent, request } from 'node:http';
import type { FeedSpec, Store } from '../src/core/ports.ts';
import type { FeedState } from '../src/core/types.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import { fetchFeedBytes } from '../src/sources/http.ts';
import { CONCURRENCY } from './cycle.ts';
import type { RemoteFeeds } from './remote.ts';
import { median } from './stats.ts';

export interface Breakdown {
  /** CPU µs per 304 through fetchFeedBytes (undici request, one deadline timer). */
  fetch304Us: number;
  /** CPU µs per 304 through node:http with a keep-alive agent. */
  http304Us: number;
  /** CPU µs per 304 through the fetcher's poll (fetchFeedBytes, validators, the next feed state). */
  poll304Us: number;
  /** CPU µs per feed of getFeedStates over all the feeds (one batch, as a cycle reads them). */
  stateUs: number;
}

async function bounded<T>(inputs: T[], work: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < inputs.length) await work(inputs[next++] as T);
    }),
  );
}

async function cpuPer(n: number, run: () => Promise<void>): Promise<number> {
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

function httpGet(agent: Agent, url: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'if-none-match': etag, accept: 'application/rss+xml' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function breakdown(feeds: RemoteFeeds, count: number, store: Store, rounds: number): Promise<Breakdown> {
  await feeds.setMode('conditional');
  const urls = Array.from({ length: count }, (_, n) => feeds.url(n));
  // The ids feedSpecs gives the bench's feeds, whose states the steady cycles stored.
  const ids = Array.from({ length: count }, (_, n) => `f${n}`);
  const etags = new Map<string, string>();
  await bounded(urls, async (url) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    etags.set(url, res.headers.get('etag') ?? '');
  });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const fetchRuns: number[] = [];
  const httpRuns: number[] = [];
  const stateRuns: number[] = [];
  const pollRuns: number[] = [];
  const fetcher = createFeedFetcher();
  const states = new Map<string, FeedState | undefined>(urls.map((url) => [url, { etag: etags.get(url), lastOkAt: new Date().toISOString(), firstSeenAt: new Date().toISOString(), failures: 0 }]));
  const specs: FeedSpec[] = urls.map((url, n) => ({ kind: 'feed', id: `f${n}`, name: `f${n}`, url, lang: null }));
  let unexpected = 0;
  for (let r = 0; r < rounds; r++) {
    fetchRuns.push(
      await cpuPer(count, () =>
        bounded(urls, async (url) => {
          const res = await fetchFeedBytes(url, { etag: etags.get(url) });
          if (!res.notModified) unexpected++;
        }),
      ),
    );
    httpRuns.push(
      await cpuPer(count, () =>
        bounded(urls, async (url) => {
          if ((await httpGet(agent, url, etags.get(url) ?? '')) !== 304) unexpected++;
        }),
      ),
    );
    pollRuns.push(
      await cpuPer(count, () =>
        bounded(specs, async (spec) => {
          const res = await fetcher.poll(spec, states.get(spec.url));
          if (res.status !== 'not-modified') unexpected++;
          states.set(spec.url, res.state);
        }),
      ),
    );
    stateRuns.push(
      await cpuPer(count, async () => {
        const states = await store.getFeedStates(ids);
        if (states.filter(Boolean).length !== count) unexpected++;
      }),
    );
  }
  agent.destroy();
  if (unexpected > 0) throw new Error(`breakdown: ${unexpected} answers were not 304, or feed states missing`);
  return { fetch304Us: median(fetchRuns), http304Us: median(httpRuns), poll304Us: median(pollRuns), stateUs: median(stateRuns) };
}
