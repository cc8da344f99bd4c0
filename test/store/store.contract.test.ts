import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.ts';
import type { EventRecord } from '../../src/core/types.ts';
import { type Backend, createStore, openBackend } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { redisBackend } from '../../src/store/redis.ts';
import { sqliteBackend } from '../../src/store/sqlite.ts';

const tmp = mkdtempSync(join(tmpdir(), 'exits-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function record(key: string, published: string, person = 'Mira Murati'): EventRecord {
  return {
    key,
    person,
    org: 'OpenAI',
    type: 'departure',
    role: 'CTO',
    destination: null,
    evidence: `${person} leaves OpenAI`,
    confidence: 0.9,
    itemId: `url:example.com/${key}`,
    title: `${person} leaves OpenAI`,
    url: `https://example.com/${key}`,
    source: 'test',
    published,
    lang: 'en',
    detectedAt: '2026-11-01T00:00:00.000Z',
    reports: [],
  };
}

let run = 0;
const drivers: [string, () => Backend, boolean][] = [
  ['memory', () => memoryBackend(), true],
  ['sqlite', () => sqliteBackend(join(tmp, `s${run++}.sqlite`)), true],
  [
    'redis',
    () => redisBackend(process.env.REDIS_URL ?? '', { prefix: `exits-test-${process.pid}-${run++}` }),
    Boolean(process.env.REDIS_URL),
  ],
];

for (const [name, make, enabled] of drivers) {
  describe.runIf(enabled)(`store contract: ${name}`, () => {
    let backend: Backend;
    let store: Store;
    beforeEach(() => {
      backend = make();
      store = createStore(backend, { seenTtlMs: 60_000 });
    });
    afterEach(async () => {
      for (const c of ['seen', 'feeds', 'events', 'people', 'posts', 'watch', 'outbox', 'leases', 'undeliverable']) await backend.collection(c).kv.clear();
      await store.close();
    });

    it('remembers seen ids, in order, and only those', async () => {
      expect(await store.seenMany(['a', 'b', 'c'])).toEqual([false, false, false]);
      await store.markSeen(['a', 'c']);
      expect(await store.seenMany(['a', 'b', 'c'])).toEqual([true, false, true]);
      expect(await store.seenMany([])).toEqual([]);
    });

    it('forgets seen ids after their TTL', async () => {
      const short = createStore(backend, { seenTtlMs: 400 });
      await short.markSeen(['x:1']);
      expect(await short.seenMany(['x:1'])).toEqual([true]);
      await new Promise((r) => setTimeout(r, 700));
      expect(await short.seenMany(['x:1'])).toEqual([false]);
    });

    it('keeps per-feed state', async () => {
      expect(await store.getFeedState('https://example.com/feed')).toBeUndefined();
      await store.setFeedState('https://example.com/feed', {
        etag: '"abc"',
        lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
      });
      expect(await store.getFeedState('https://example.com/feed')).toEqual({
        etag: '"abc"',
        lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
      });
      expect(await store.getFeedState('https://example.com/other')).toBeUndefined();
      await store.setFeedState('https://example.com/third', { etag: '"3"' });
      expect(await store.getFeedStates(['https://example.com/third', 'https://example.com/other', 'https://example.com/feed'])).toEqual([
        { etag: '"3"' },
        undefined,
        { etag: '"abc"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' },
      ]);
      expect(await store.getFeedStates([])).toEqual([]);
    });

    it('writes and reads many feed states at once, each as its own write would', async () => {
      const ids = Array.from({ length: 2500 }, (_, n) => `https://example.com/many/${n}`);
      await store.setFeedStates?.(ids.map((id, n) => ({ id, state: { etag: `"${n}"`, nextPollAt: '2026-12-02T12:00:00.000Z' } })));
      const read = await store.getFeedStates([...ids, 'https://example.com/none']);
      expect(read).toHaveLength(2501);
      expect(read[0]).toEqual({ etag: '"0"', nextPollAt: '2026-12-02T12:00:00.000Z' });
      expect(read[2499]).toEqual({ etag: '"2499"', nextPollAt: '2026-12-02T12:00:00.000Z' });
      expect(read[2500]).toBeUndefined();
      expect(await store.getFeedState(ids[7] as string)).toEqual({ etag: '"7"', nextPollAt: '2026-12-02T12:00:00.000Z' });
    });

    it('saves events, finds them by key and by person, lists them newest first', async () => {
      const a = record('k1', '2024-09-25T10:00:00.000Z');
      const b = record('k2', '2024-05-14T10:00:00.000Z', 'Ilya Sutskever');
      const c = record('k3', '2023-11-17T10:00:00.000Z');
      for (const e of [a, b, c]) await store.saveEvent(e);
      expect(await store.getEvent('k1')).toEqual(a);
      expect(await store.getEvent('nope')).toBeUndefined();
      expect((await store.eventsOf('Mira Murati')).map((e) => e.key).sort()).toEqual(['k1', 'k3']);
      expect((await store.eventsOf('mira murati')).map((e) => e.key).sort()).toEqual(['k1', 'k3']);
      expect(await store.eventsOf('Nobody')).toEqual([]);
      expect((await store.listEvents()).map((r) => r.key)).toEqual(['k1', 'k2', 'k3']);
      const recent = await store.listEvents(new Date('2024-09-01T00:00:00Z'));
      expect(recent.map((r) => r.person)).toEqual(['Mira Murati']);
    });

    it('finds a person written in Traditional or Simplified Chinese characters by either', async () => {
      await store.saveEvent({ ...record('t1', '2026-05-20T10:00:00.000Z', '張一鳴'), latin: 'Zhang Yiming' });
      await store.saveEvent(record('s1', '2026-05-21T10:00:00.000Z', '张一鸣'));
      for (const name of ['張一鳴', '张一鸣']) expect((await store.eventsOf(name)).map((e) => e.key).sort()).toEqual(['s1', 't1']);
      expect((await store.getEvent('t1'))?.latin).toBe('Zhang Yiming');
    });

    it('replaces an event saved again under its key', async () => {
      const a = record('k1', '2024-09-25T10:00:00.000Z');
      await store.saveEvent(a);
      await store.saveEvent({ ...a, destination: 'Thinking Machines Lab', type: 'joined' });
      expect(await store.listEvents()).toHaveLength(1);
      expect((await store.eventsOf('Mira Murati'))[0]).toMatchObject({ type: 'joined', destination: 'Thinking Machines Lab' });
    });

    it('keeps collections apart: one key in events, posts and outbox is three records', async () => {
      await store.saveEvent(record('same', '2024-09-25T10:00:00.000Z'));
      await store.addPosts('same', [{ notifier: 'slack', channel: 'C1', id: '1.2' }]);
      await store.outboxAdd('same', '2026-11-23T10:00:00.000Z');
      expect((await store.getEvent('same'))?.person).toBe('Mira Murati');
      expect(await store.getPosts('same')).toEqual([{ notifier: 'slack', channel: 'C1', id: '1.2' }]);
      expect(await store.outboxList()).toEqual([{ key: 'same', since: '2026-11-23T10:00:00.000Z' }]);
      expect((await store.listEvents()).map((e) => e.key)).toEqual(['same']);
    });

    it('grants a lease to one owner at a time, even to concurrent claimers of two store instances', async () => {
      const other = createStore(backend);
      const both = await Promise.all([store.claim('feed:a', 'r1', 5000), other.claim('feed:a', 'r2', 5000)]);
      expect(both.filter(Boolean)).toHaveLength(1);
      const winner = both[0] ? 'r1' : 'r2';
      const loser = both[0] ? 'r2' : 'r1';
      expect(await store.claim('feed:a', loser, 5000)).toBe(false);
      expect(await store.claim('feed:a', winner, 5000)).toBe(true);
      expect(await store.claim('feed:b', loser, 5000)).toBe(true);
      await store.release('feed:a', loser);
      expect(await store.claim('feed:a', loser, 5000)).toBe(false);
      await store.release('feed:a', winner);
      expect(await store.claim('feed:a', loser, 5000)).toBe(true);
    });

    it('finds its marker again until the data is gone, then writes it anew', async () => {
      expect(await store.marker('m1')).toBe('m1');
      expect(await store.marker('m2')).toBe('m1');
      await backend.collection('watch').kv.clear();
      expect(await store.marker('m3')).toBe('m3');
      expect(await store.marker('m4')).toBe('m3');
    });

    it('gives processes starting together on an empty store one marker', async () => {
      const ids = await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.marker(id)));
      expect(new Set(ids).size).toBe(1);
    });

    it('lets another owner take an expired lease', async () => {
      // A lease long enough that a loaded machine still asks again before it lapses.
      expect(await store.claim('outbox:k', 'r1', 1500)).toBe(true);
      expect(await store.claim('outbox:k', 'r2', 1500)).toBe(false);
      await new Promise((r) => setTimeout(r, 1800));
      expect(await store.claim('outbox:k', 'r2', 5000)).toBe(true);
      expect(await store.claim('outbox:k', 'r1', 5000)).toBe(false);
    });

    it('keeps the outbox in the order alerts were written', async () => {
      expect(await store.outboxList()).toEqual([]);
      await store.outboxAdd('b2', '2026-11-23T10:00:01.000Z');
      await store.outboxAdd('a1', '2026-11-23T10:00:00.000Z');
      await store.outboxAdd('c3', '2026-11-23T10:00:01.000Z');
      expect((await store.outboxList()).map((e) => e.key)).toEqual(['a1', 'b2', 'c3']);
      await store.outboxRemove('b2');
      expect(await store.outboxList()).toEqual([
        { key: 'a1', since: '2026-11-23T10:00:00.000Z' },
        { key: 'c3', since: '2026-11-23T10:00:01.000Z' },
      ]);
      // A send that began is noted on its entry (and noting a gone entry brings nothing back).
      await store.outboxTried('c3');
      await store.outboxTried('b2');
      expect(await store.outboxList()).toEqual([
        { key: 'a1', since: '2026-11-23T10:00:00.000Z' },
        { key: 'c3', since: '2026-11-23T10:00:01.000Z', tried: true },
      ]);
    });

    it('counts refusals on an outbox entry and sets an alert aside, out of the outbox, until removed', async () => {
      await store.outboxAdd('a1', '2026-11-23T10:00:00.000Z');
      expect(await store.outboxRefused('a1', 'invalid_blocks')).toBe(1);
      expect(await store.outboxRefused('a1', 'invalid_blocks')).toBe(2);
      expect(await store.outboxRefused('gone', 'invalid_blocks')).toBe(0);
      const entry = { key: 'a1', since: '2026-11-23T10:00:00.000Z', at: '2026-11-23T11:00:00.000Z', reason: 'slack: invalid_blocks', tries: 3, title: 'T' };
      await store.setAside(entry);
      expect(await store.outboxList()).toEqual([]);
      expect(await store.setAsideList()).toEqual([entry]);
      expect(await store.setAsideRemove('a1')).toBe(true);
      expect(await store.setAsideRemove('a1')).toBe(false);
      expect(await store.setAsideList()).toEqual([]);
    });

    it('keeps where cards were posted and channel watchlists', async () => {
      expect(await store.getPosts('k1')).toEqual([]);
      await store.addPosts('k1', [{ notifier: 'discord', channel: '1', id: 'm1' }]);
      await store.addPosts('k1', [{ notifier: 'slack', channel: 'C1', id: '1.2' }]);
      expect(await store.getPosts('k1')).toEqual([
        { notifier: 'discord', channel: '1', id: 'm1' },
        { notifier: 'slack', channel: 'C1', id: '1.2' },
      ]);
      expect(await store.getWatch('discord', '1')).toBeUndefined();
      await store.setWatch('discord', '1', { people: ['Mira Murati'], companies: ['Anthropic'] });
      expect(await store.getWatch('discord', '1')).toEqual({ people: ['Mira Murati'], companies: ['Anthropic'] });
      expect(await store.getWatch('slack', '1')).toBeUndefined();
    });

    it('keeps the feeds added at run time, in order, apart from the watchlists', async () => {
      expect(await store.getAddedFeeds()).toEqual([]);
      const feeds = [
        { url: 'https://a.example/rss', name: 'A', addedBy: 'cli', addedAt: '2024-09-26T12:00:00.000Z' },
        { url: 'https://b.example/atom', name: 'B', addedBy: 'slack:U1', addedAt: '2024-09-26T12:01:00.000Z' },
      ];
      await store.setAddedFeeds(feeds);
      await store.setWatch('discord', '1', { people: ['Jan Leike'] });
      expect(await store.getAddedFeeds()).toEqual(feeds);
      await store.setAddedFeeds(feeds.slice(1));
      expect((await store.getAddedFeeds()).map((f) => f.name)).toEqual(['B']);
    });

    it('stores many ids in one batch', async () => {
      const ids = Array.from({ length: 2000 }, (_, i) => `url:example.com/${i}`);
      await store.markSeen(ids);
      const seen = await store.seenMany([...ids.slice(0, 3), 'url:example.com/other']);
      expect(seen).toEqual([true, true, true, false]);
    });
  });
}

describe('store URLs', () => {
  it('rejects an unknown scheme with a clear message', () => {
    expect(() => openBackend('postgres://x')).toThrow(/unknown store URL "postgres:\/\/x"/);
    expect(() => openBackend('sqlite://')).toThrow(/names no file/);
  });

  it('checks the time parameters of a store URL', () => {
    expect(() => openBackend('sqlite:///tmp/x.sqlite?busyTimeoutMs=soon')).toThrow(/busyTimeoutMs must be a positive whole number/);
    expect(() => openBackend('sqlite:///tmp/x.sqlite?timeout=3')).toThrow(/unknown parameter "timeout"/);
    expect(() => openBackend('redis://127.0.0.1:6379/?commandTimeoutMs=0')).toThrow(/commandTimeoutMs must be a positive whole number/);
  });

  it('notices an SQLite file deleted under the open store', async () => {
    const file = join(tmp, 'deleted.sqlite');
    const store = createStore(sqliteBackend(file));
    expect(await store.marker('m1')).toBe('m1');
    expect(await store.marker('m2')).toBe('m1');
    rmSync(file);
    expect(await store.marker('m3')).toBeNull();
    await store.close();
  });

  it('keeps SQLite data across reopen', async () => {
    const file = join(tmp, 'reopen.sqlite');
    const first = createStore(openBackend(`sqlite://${file}`));
    await first.markSeen(['guid:f:1']);
    await first.close();
    const second = createStore(openBackend(`sqlite://${file}`));
    expect(await second.seenMany(['guid:f:1', 'guid:f:2'])).toEqual([true, false]);
    await second.close();
  });
});

describe('leases across two connections to one store, as two replicas have', () => {
  const pairs: [string, () => [Backend, Backend], boolean][] = [
    [
      'sqlite',
      () => {
        const file = join(tmp, 'leases.sqlite');
        return [sqliteBackend(file), sqliteBackend(file)];
      },
      true,
    ],
    [
      'redis',
      () => {
        const prefix = `exits-lease-${process.pid}`;
        return [redisBackend(process.env.REDIS_URL ?? '', { prefix }), redisBackend(process.env.REDIS_URL ?? '', { prefix })];
      },
      Boolean(process.env.REDIS_URL),
    ],
  ];
  for (const [name, make, enabled] of pairs) {
    it.runIf(enabled)(`${name}: exactly one of many concurrent claimers wins`, async () => {
      const [a, b] = make();
      const one = createStore(a);
      const two = createStore(b);
      try {
        const names = Array.from({ length: 20 }, (_, i) => `tick:${i}`);
        const results = await Promise.all(
          names.flatMap((n) => [one.claim(n, 'replica-1', 10_000), two.claim(n, 'replica-2', 10_000)]),
        );
        for (let i = 0; i < names.length; i++) {
          expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
        }
      } finally {
        await a.collection('leases').kv.clear();
        await one.close();
        await two.close();
      }
    });
  }
});

describe('listing while another replica removes entries', () => {
  it.runIf(Boolean(process.env.REDIS_URL))('redis: the outbox and the history list without failing, and only what is there', async () => {
    const prefix = `exits-vanish-${process.pid}`;
    const a = redisBackend(process.env.REDIS_URL ?? '', { prefix });
    const b = redisBackend(process.env.REDIS_URL ?? '', { prefix });
    const lister = createStore(a);
    const remover = createStore(b);
    try {
      const keys = Array.from({ length: 400 }, (_, i) => `k${i}`);
      for (const k of keys) {
        await remover.outboxAdd(k, '2026-12-01T00:00:00.000Z');
        await remover.saveEvent(record(k, '2026-11-30T00:00:00.000Z', `Person ${k}`));
      }
      // One client removes entries one by one while the other lists: some vanish between a listing's
      // key scan and its read of the values.
      let removing = true;
      const removal = (async () => {
        for (const k of keys) {
          if (!removing) break;
          await remover.outboxRemove(k);
          await b.collection('events').kv.delete(k);
        }
      })();
      for (let round = 0; round < 30; round++) {
        const [entries, events] = await Promise.all([lister.outboxList(), lister.listEvents()]);
        for (const e of entries) expect(keys).toContain(e.key);
        for (const e of events) expect(keys).toContain(e.key);
      }
      removing = false;
      await removal;
    } finally {
      for (const c of ['outbox', 'events', 'people']) await a.collection(c).kv.clear();
      await lister.close();
      await remover.close();
    }
  });
});
