import { ExitsError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import type { EventRecord, FeedState } from '../core/types.ts';
import { type Backend, hashKey } from './backend.ts';
import { memoryBackend } from './memory.ts';
import { redisBackend } from './redis.ts';
import { sqliteBackend } from './sqlite.ts';

export type { Backend } from './backend.ts';
export { redactUrl } from './redis.ts';

export interface StoreOptions {
  /** How long an item id is remembered as seen (default 30 days). */
  seenTtlMs?: number;
}

const DAY = 86_400_000;

/** Opens the backend named by a store URL: sqlite://PATH, redis://HOST:PORT, rediss://… or memory://. */
export function openBackend(url: string): Backend {
  if (url === 'memory://' || url === 'memory:') return memoryBackend();
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path) throw new ExitsError('BAD_STORE_URL', `store URL ${url} names no file: use sqlite://PATH`);
    return sqliteBackend(path);
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return redisBackend(url);
  throw new ExitsError(
    'BAD_STORE_URL',
    `unknown store URL "${url}": use sqlite://PATH, redis://HOST:PORT or memory://`,
  );
}

/** The bot's state over a keyv backend: seen items, per-feed state, event history. */
export function createStore(backend: Backend, opts: StoreOptions = {}): Store {
  const seenTtl = opts.seenTtlMs ?? 30 * DAY;
  const seen = backend.collection('seen');
  const feeds = backend.collection('feeds');
  const events = backend.collection('events');

  return {
    async seenMany(ids) {
      return seen.hasMany(ids.map(hashKey));
    },
    async markSeen(ids) {
      await seen.setMany(ids.map((id) => ({ key: hashKey(id), value: 1, ttl: seenTtl })));
    },
    async getFeedState(feedId) {
      return (await feeds.kv.get<FeedState>(hashKey(feedId))) ?? undefined;
    },
    async setFeedState(feedId, state) {
      await feeds.kv.set(hashKey(feedId), state);
    },
    async addEvents(records) {
      const unique = [...new Map(records.map((r) => [r.key, r])).values()];
      if (unique.length === 0) return [];
      const present = await events.hasMany(unique.map((r) => r.key));
      const fresh = unique.filter((_, i) => !present[i]);
      await events.setMany(fresh.map((r) => ({ key: r.key, value: r })));
      return fresh;
    },
    async listEvents(since) {
      const out: EventRecord[] = [];
      const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const iterate = events.kv.iterator;
      if (!iterate) throw new ExitsError('STORE_UNSUPPORTED', `the ${backend.kind} store cannot list its history`);
      for await (const [, value] of iterate.call(events.kv, undefined)) {
        const rec = value as EventRecord;
        if (eventTime(rec) >= from) out.push(rec);
      }
      return out.sort((a, b) => eventTime(b) - eventTime(a) || a.key.localeCompare(b.key));
    },
    close: () => backend.close(),
  };
}

/** When a change happened, as far as exits knows: the article's date, else when it was detected. */
export function eventTime(rec: EventRecord): number {
  const t = rec.published ? Date.parse(rec.published) : Number.NaN;
  return Number.isNaN(t) ? Date.parse(rec.detectedAt) : t;
}

export function openStore(url: string, opts?: StoreOptions): Store {
  return createStore(openBackend(url), opts);
}
