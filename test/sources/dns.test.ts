import { execFileSync } from 'node:child_process';
import { close, closeSync, mkdtempSync, open, openSync, rmSync } from 'node:fs';
import type { LookupAddress } from 'node:dns';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundedLookup, defaultMaxConcurrent, type ResolveAll } from '../../src/sources/dns.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { openStore } from '../../src/store/index.ts';
import { feedSpec } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'exits-dns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A resolver whose answers the test gives by hand. */
function manualResolver() {
  const pending: { host: string; answer: (addresses: LookupAddress[]) => void }[] = [];
  const resolve: ResolveAll = (host, cb) => pending.push({ host, answer: (a) => cb(null, a) });
  return { resolve, pending, asked: () => pending.map((p) => p.host) };
}

function ask(lookup: ReturnType<typeof boundedLookup>, host: string, options: { all?: boolean; family?: number } = {}) {
  return new Promise<{ err: (Error & { code?: string }) | null; address: unknown; family?: number }>((resolve) =>
    lookup(host, options, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('bounded lookups', () => {
  it('runs at most N lookups at once, shares one lookup per host and reuses answers', async () => {
    const r = manualResolver();
    const lookup = boundedLookup({ resolve: r.resolve, maxConcurrent: 2 });
    const a = ask(lookup, 'a.example');
    const a2 = ask(lookup, 'a.example', { all: true });
    const b = ask(lookup, 'b.example');
    const c = ask(lookup, 'c.example');
    expect(r.asked()).toEqual(['a.example', 'b.example']);
    r.pending[0]?.answer([{ address: '2001:db8::1', family: 6 }, { address: '192.0.2.1', family: 4 }]);
    expect(await a).toEqual({ err: null, address: '2001:db8::1', family: 6 });
    expect((await a2).address).toEqual([{ address: '2001:db8::1', family: 6 }, { address: '192.0.2.1', family: 4 }]);
    expect(r.asked()).toEqual(['a.example', 'b.example', 'c.example']);
    // Answered from the cache: no new lookup, the family asked for.
    expect(await ask(lookup, 'a.example', { family: 4 })).toEqual({ err: null, address: '192.0.2.1', family: 4 });
    expect(r.asked()).toHaveLength(3);
    r.pending[1]?.answer([{ address: '192.0.2.2', family: 4 }]);
    r.pending[2]?.answer([{ address: '192.0.2.3', family: 4 }]);
    expect([(await b).address, (await c).address]).toEqual(['192.0.2.2', '192.0.2.3']);
    // An address needs no lookup.
    expect(await ask(lookup, '192.0.2.9')).toEqual({ err: null, address: '192.0.2.9', family: 4 });
  });

  it('fails a lookup that waits too long with DNS_TIMEOUT, and a hung lookup keeps its slot', async () => {
    const r = manualResolver();
    const lookup = boundedLookup({ resolve: r.resolve, maxConcurrent: 1, timeoutMs: 50 });
    const [hung, queued] = await Promise.all([ask(lookup, 'hung.example'), ask(lookup, 'queued.example')]);
    expect(hung.err?.code).toBe('DNS_TIMEOUT');
    expect(queued.err?.message).toBe('no address for queued.example within 50 ms (the resolver is slow)');
    // queued.example never reached the resolver, and gave its place up when its caller stopped waiting.
    expect(r.asked()).toEqual(['hung.example']);
    r.pending[0]?.answer([{ address: '192.0.2.1', family: 4 }]);
    const later = ask(lookup, 'queued.example');
    expect(r.asked()).toEqual(['hung.example', 'queued.example']);
    r.pending[1]?.answer([{ address: '192.0.2.5', family: 4 }]);
    expect((await later).address).toBe('192.0.2.5');
  });

  it('takes half of libuv’s thread pool by default', () => {
    expect(defaultMaxConcurrent()).toBe(2);
    expect(defaultMaxConcurrent(64)).toBe(32);
    expect(defaultMaxConcurrent(1)).toBe(1);
  });
});

describe('a resolver that hangs on feed hosts', () => {
  it('leaves the thread pool to the store: SQLite answers while eight feed lookups hang', async () => {
    // Opening a FIFO that no one writes blocks the thread that opens it: a real hung getaddrinfo, as far
    // as libuv's thread pool (4 threads here) can tell.
    const fifo = join(dir, 'resolver');
    execFileSync('mkfifo', [fifo]);
    const hanging: ResolveAll = (_host, cb) =>
      open(fifo, 'r', (err, fd) => {
        if (!err) close(fd, () => {});
        cb(Object.assign(new Error('resolver gave up'), { code: 'EAI_AGAIN' }), []);
      });
    const fetcher = createFeedFetcher({ lookup: boundedLookup({ resolve: hanging, timeoutMs: 60_000 }), timeoutMs: 60_000 });
    const polls = Array.from({ length: 8 }, (_, i) => fetcher.poll(feedSpec(`http://feed-${i}.example/rss`, { id: `f${i}` }), undefined));

    const store = openStore(`sqlite://${join(dir, 'state.sqlite')}`);
    const feed = { url: 'https://news.example/rss', name: 'News', addedBy: 'cli', addedAt: '2026-12-01T00:00:00.000Z' };
    await store.setAddedFeeds([feed]);
    expect(await store.getAddedFeeds()).toEqual([feed]);
    await store.close();

    // The resolver recovers: every feed then fails with a coded error, none hangs.
    const writer = openSync(fifo, 'w');
    const results = await Promise.all(polls);
    closeSync(writer);
    expect(results.map((r) => (r.status === 'error' ? r.error.code : r.status))).toEqual(Array(8).fill('NETWORK'));
  });
});
