import type Keyv from 'keyv';
import { ExitsError } from '../core/errors.ts';
import { personKey as samePersonKey } from '../core/names.ts';
import type { OutboxEntry, SetAsideEntry, Store } from '../core/ports.ts';
import type { AddedFeed, ChannelRoute, EventRecord, FeedState, PostRef, PushSubscription } from '../core/types.ts';
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
/** Feed states per batch write: one SQLite statement or Redis round trip each. */
const FEED_STATE_BATCH = 1000;

/** Opens the backend named by a store URL: sqlite://PATH, redis://HOST:PORT, rediss://… or memory://. */
export function openBackend(url: string): Backend {
  if (url === 'memory://' || url === 'memory:') return memoryBackend();
  if (url.startsWith('sqlite://')) {
    // ?busyTimeoutMs=N: how long a write waits for a lock another process holds on the file (default 10 s).
    const [path = '', query = ''] = url.slice('sqlite://'.length).split(/\?(.*)/s);
    if (!path) throw new ExitsError('BAD_STORE_URL', `store URL ${url} names no file: use sqlite://PATH`);
    const params = new URLSearchParams(query);
    for (const key of params.keys()) {
      if (key !== 'busyTimeoutMs') throw new ExitsError('BAD_STORE_URL', `store URL ${url}: unknown parameter "${key}"`);
    }
    const wait = params.get('busyTimeoutMs');
    if (wait !== null && !/^[1-9]\d*$/.test(wait)) {
      throw new ExitsError('BAD_STORE_URL', `store URL ${url}: busyTimeoutMs must be a positive whole number of milliseconds`);
    }
    return sqliteBackend(path, { busyTimeoutMs: wait === null ? undefined : Number(wait) });
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    // ?prefix=NAME keeps several deployments (or test runs) apart on one Redis; the default is "exits".
    // ?commandTimeoutMs=N: how long a call waits for Redis to answer (default 5 s).
    const parsed = new URL(url);
    const prefix = parsed.searchParams.get('prefix') ?? undefined;
    const answer = parsed.searchParams.get('commandTimeoutMs');
    if (answer !== null && !/^[1-9]\d*$/.test(answer)) {
      throw new ExitsError('BAD_STORE_URL', `store URL ${url}: commandTimeoutMs must be a positive whole number of milliseconds`);
    }
    parsed.searchParams.delete('prefix');
    parsed.searchParams.delete('commandTimeoutMs');
    return redisBackend(parsed.toString(), { prefix, commandTimeoutMs: answer === null ? undefined : Number(answer) });
  }
  throw new ExitsError(
    'BAD_STORE_URL',
    `unknown store URL "${url}": use sqlite://PATH, redis://HOST:PORT or memory://`,
  );
}

/** The bot's state over a keyv backend: seen items, per-feed state, history, posted cards, channel watchlists. */
export function createStore(backend: Backend, opts: StoreOptions = {}): Store {
  const seenTtl = opts.seenTtlMs ?? 30 * DAY;
  const seen = backend.collection('seen');
  const feeds = backend.collection('feeds');
  const events = backend.collection('events');
  const people = backend.collection('people');
  const posts = backend.collection('posts');
  const watch = backend.collection('watch');
  const outbox = backend.collection('outbox');
  const leases = backend.collection('leases');
  const aside = backend.collection('undeliverable');
  // Opened on first use: on Redis each collection is a connection, and most bots never push.
  let pushCollection: ReturnType<Backend['collection']> | undefined;
  const push = () => (pushCollection ??= backend.collection('websub'));
  const personKey = (person: string) => hashKey(samePersonKey(person));
  // Records indexed before names were keyed in Simplified characters: a Traditional name's old index.
  const legacyKey = (person: string) => (samePersonKey(person) === person.toLowerCase() ? null : hashKey(person.toLowerCase()));

  return guarded({
    async marker(fresh) {
      // A file deleted under the open store still answers from the deleted inode: that is a loss too.
      if (backend.intact?.() === false) return null;
      const held = await watch.kv.get<string>(MARKER);
      if (held !== undefined) return held;
      // Set if absent, atomically: replicas starting together on an empty store all adopt the same one.
      await watch.claim(MARKER, fresh, MARKER_TTL_MS);
      return (await watch.kv.get<string>(MARKER)) ?? fresh;
    },
    async seenMany(ids) {
      return seen.hasMany(ids.map(hashKey));
    },
    async markSeen(ids) {
      await seen.setMany(ids.map((id) => ({ key: hashKey(id), value: 1, ttl: seenTtl })));
    },
    async getFeedState(feedId) {
      return (await feeds.kv.get<FeedState>(hashKey(feedId))) ?? undefined;
    },
    async getFeedStates(feedIds) {
      if (feedIds.length === 0) return [];
      return feeds.getMany<FeedState>(feedIds.map(hashKey));
    },
    async setFeedState(feedId, state) {
      await feeds.kv.set(hashKey(feedId), state);
    },
    async setFeedStates(entries) {
      for (let i = 0; i < entries.length; i += FEED_STATE_BATCH) {
        await feeds.setMany(entries.slice(i, i + FEED_STATE_BATCH).map((e) => ({ key: hashKey(e.id), value: e.state })));
      }
    },
    async saveEvent(event) {
      // The index first: a crash between the two writes leaves an index entry to nothing (skipped by
      // eventsOf), never an event its person's history cannot find (which would be merged into twice).
      const pk = personKey(event.person);
      const keys = (await people.kv.get<string[]>(pk)) ?? [];
      if (!keys.includes(event.key)) await people.kv.set(pk, [...keys, event.key]);
      await events.kv.set(event.key, event);
    },
    async getEvent(key) {
      return (await events.kv.get<EventRecord>(key)) ?? undefined;
    },
    async eventsOf(person) {
      const legacy = legacyKey(person);
      const keys = [
        ...new Set([
          ...((await people.kv.get<string[]>(personKey(person))) ?? []),
          ...((legacy ? await people.kv.get<string[]>(legacy) : undefined) ?? []),
        ]),
      ];
      if (keys.length === 0) return [];
      const found = await events.kv.getMany<EventRecord>(keys);
      return found.filter((e): e is EventRecord => e !== undefined && e !== null);
    },
    async listEvents(since, keep) {
      const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const out = await listing<EventRecord>(events.kv, 'history', (rec) => eventTime(rec) >= from && (!keep || keep(rec)));
      return out.sort((a, b) => eventTime(b) - eventTime(a) || a.key.localeCompare(b.key));
    },
    async getPosts(key) {
      return (await posts.kv.get<PostRef[]>(key)) ?? [];
    },
    async addPosts(key, refs) {
      if (refs.length === 0) return;
      const known = (await posts.kv.get<PostRef[]>(key)) ?? [];
      await posts.kv.set(key, [...known, ...refs]);
    },
    async outboxAdd(key, since, lookSince) {
      await outbox.kv.set(key, lookSince ? { key, since, lookSince } : { key, since });
    },
    async outboxList() {
      const out = await listing<OutboxEntry>(outbox.kv, 'outbox', () => true);
      return out.sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
    },
    async outboxTried(key) {
      const entry = await outbox.kv.get<OutboxEntry>(key);
      if (entry && !entry.tried) await outbox.kv.set(key, { ...entry, tried: true });
    },
    async outboxFailed(key, failures, retryAt) {
      const entry = await outbox.kv.get<OutboxEntry>(key);
      if (entry) await outbox.kv.set(key, { ...entry, failures, retryAt });
    },
    async outboxRemove(key) {
      await outbox.kv.delete(key);
    },
    async outboxRefused(key) {
      const entry = await outbox.kv.get<OutboxEntry>(key);
      if (!entry) return 0;
      const refusals = (entry.refusals ?? 0) + 1;
      await outbox.kv.set(key, { ...entry, refusals });
      return refusals;
    },
    async setAside(entry) {
      // Written before the outbox entry goes: a crash in between leaves it in both, never in neither.
      await aside.kv.set(entry.key, entry);
      await outbox.kv.delete(entry.key);
    },
    async setAsideList() {
      const out: SetAsideEntry[] = [];
      const iterate = aside.kv.iterator;
      if (!iterate) throw new ExitsError('STORE_UNSUPPORTED', `the ${backend.kind} store cannot list what is set aside`);
      for await (const [, entry] of iterate.call(aside.kv, undefined)) out.push(entry as SetAsideEntry);
      return out.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    },
    async setAsideRemove(key) {
      return aside.kv.delete(key);
    },
    claim: (name, owner, ttlMs) => leases.claim(hashKey(name), owner, ttlMs),
    release: (name, owner) => leases.release(hashKey(name), owner),
    async getWatch(platform, channel) {
      return (await watch.kv.get<Watch>(`${platform}:${channel}`)) ?? undefined;
    },
    async setWatch(platform, channel, value) {
      await watch.kv.set(`${platform}:${channel}`, value);
    },
    async getAddedFeeds() {
      return (await watch.kv.get<AddedFeed[]>(ADDED_FEEDS)) ?? [];
    },
    async setAddedFeeds(list) {
      await watch.kv.set(ADDED_FEEDS, list);
    },
    async getSubscription(id) {
      return (await push().kv.get<PushSubscription>(id)) ?? undefined;
    },
    async setSubscription(sub) {
      await push().kv.set(sub.id, sub);
    },
    async deleteSubscription(id) {
      await push().kv.delete(id);
    },
    async listSubscriptions() {
      const out = await listing<PushSubscription>(push().kv, 'push subscriptions', () => true);
      return out.sort((a, b) => a.id.localeCompare(b.id));
    },
    shared: backend.kind === 'redis',
    close: () => backend.close(),
  }, backend);
}

type Watch = Pick<ChannelRoute, 'people' | 'companies'>;
/** Beside the channels' watchlists (keys "platform:channel"), which never start with "#". */
const ADDED_FEEDS = '#added-feeds';
/** Written once into a store (a lease that never lapses); its absence or another id later means the data is gone. */
const MARKER = '#exits-marker';
const MARKER_TTL_MS = 100 * 365 * DAY;

/** When a change happened, as far as exits knows: the article's date, else when it was detected. */
export function eventTime(rec: EventRecord): number {
  const t = rec.published ? Date.parse(rec.published) : Number.NaN;
  return Number.isNaN(t) ? Date.parse(rec.detectedAt) : t;
}

export function openStore(url: string, opts?: StoreOptions): Store {
  return createStore(openBackend(url), opts);
}

/** Listings read again after an entry vanished under them; more than this many in a row is a real failure. */
const LISTING_TRIES = 5;

/**
 * The values of a collection that `keep` accepts. keyv's iterator lists keys, then reads their values: an
 * entry another replica removes in between comes back empty, and keyv 5 then throws a TypeError (reading
 * 'expires' of undefined). Such a listing is read again from the start; `keep` must not mind being
 * asked twice about one value.
 */
async function listing<T>(kv: Keyv, what: string, keep: (value: T) => boolean): Promise<T[]> {
  const iterate = kv.iterator;
  if (!iterate) throw new ExitsError('STORE_UNSUPPORTED', `this store cannot list its ${what}`);
  for (let attempt = 1; ; attempt++) {
    const out: T[] = [];
    try {
      for await (const [, value] of iterate.call(kv, undefined)) if (keep(value as T)) out.push(value as T);
      return out;
    } catch (err) {
      if (!(err instanceof TypeError) || attempt >= LISTING_TRIES) throw err;
    }
  }
}

/** Every store failure names the store, so "connection refused" says which Redis or which file. */
function guarded(store: Store, backend: Backend): Store {
  const wrap = (err: unknown): never => {
    if (err instanceof ExitsError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ExitsError('STORE_UNAVAILABLE', `${backend.kind} store ${backend.location}: ${message}`, { cause: err });
  };
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(store)) {
    out[name] =
      typeof fn === 'function' ? (...args: unknown[]) => (fn as (...a: unknown[]) => Promise<unknown>)(...args).catch(wrap) : fn;
  }
  return out as unknown as Store;
}
