import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { ExitsError } from '../core/errors.ts';
import { type Backend, type Collection, keyvCollection } from './backend.ts';

/** What this file needs of the client to run a script. */
interface Scripting {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * A lease, taken or extended in one step: free (an expired one is gone, PX), or already this owner's
 * (a restart under the same replica id). Read-then-write from the client could hand it to two owners.
 */
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).value ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** Gives a lease back only if `owner` still holds it, in one step. */
const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v and cjson.decode(v).value == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** How long a store call waits for Redis to answer before the connection is dropped and reopened. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5000;

/** Redacts the password of a redis:// URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(invalid url)';
  }
}

/** The part of the @redis/client client this file relies on (a redis:// URL always makes a plain client). */
interface ClientState {
  readonly isReady: boolean;
  readonly options?: { disableOfflineQueue?: boolean };
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

/**
 * @redis/client queues commands while it reconnects, for as long as it takes: a connection lost mid-run
 * whose reconnection hangs (a server that accepts but does not answer) would stall every store call, and
 * MULTI ignores the client's own offline switch. So a command is only handed to a ready connection: a
 * caller waits for one at most `ms`, then gets an error; and a command caught by a disconnect fails at
 * once instead of waiting in the queue. The next cycle tries again.
 */
function failFast(adapter: KeyvRedis<unknown>, ms: number): void {
  const state = (client: unknown) => client as ClientState;
  const options = state(adapter.client).options;
  if (options) options.disableOfflineQueue = true;
  const getClient = adapter.getClient.bind(adapter);
  // Callers that find the connection down share one wait for it.
  let waiting: Promise<void> | undefined;
  const ready = (c: ClientState) =>
    new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        c.off('ready', onReady);
        reject(new Error(`not connected to Redis: no answer within ${ms / 1000} s (still trying to reconnect)`));
      }, ms);
      c.once('ready', onReady);
    });
  adapter.getClient = async () => {
    const client = await getClient();
    const c = state(client);
    if (!c.isReady) {
      waiting ??= ready(c).finally(() => {
        waiting = undefined;
      });
      await waiting;
    }
    return client;
  };
}

/**
 * A Redis that keeps its connection open but stops answering (a frozen server, a path that drops packets
 * without a reset) leaves the commands already written waiting for TCP, for hours: every call through
 * `target` gets `ms` to answer. Past that it fails, and `drop` destroys the connection, which fails the
 * commands still waiting on it; the next call opens a new one.
 */
function answerWithin<T extends object>(target: T, ms: number, where: string, drop: () => void): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(t, args);
        if (result instanceof Promise) return deadline(result, ms, where, drop);
        // keyv's iterator (the history and outbox listings): each step gets the same time.
        if (isAsyncIterator(result)) return stepsWithin(result, ms, where, drop);
        return result;
      };
    },
  });
}

function isAsyncIterator(x: unknown): x is AsyncIterableIterator<unknown> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x && typeof (x as { next?: unknown }).next === 'function';
}

function stepsWithin<T>(it: AsyncIterableIterator<T>, ms: number, where: string, drop: () => void): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => deadline(it.next(), ms, where, drop),
    return: async (value?: unknown) => (it.return ? deadline(it.return(value), ms, where, drop) : { done: true, value: value as T }),
  };
}

function deadline<T>(work: Promise<T>, ms: number, where: string, drop: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      drop();
      reject(new ExitsError('STORE_TIMEOUT', `${where}: no answer within ${ms} ms (connection dropped; the next call opens a new one)`));
    }, ms);
  });
  work.catch(() => {}); // its failure after the deadline has nobody to tell
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Redis store, for several replicas. Errors throw instead of stalling: with keyv's defaults a
 * Redis outage leaves every call pending forever.
 */
export function redisBackend(
  url: string,
  opts: { connectTimeoutMs?: number; prefix?: string; commandTimeoutMs?: number } = {},
): Backend {
  const answerMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const adapters: KeyvRedis<unknown>[] = [];
  const collections = new Map<string, Collection>();
  return {
    kind: 'redis',
    location: redactUrl(url),
    collection(name) {
      let c = collections.get(name);
      if (!c) {
        const namespace = `${opts.prefix ?? 'exits'}:${name}`;
        const adapter = new KeyvRedis(url, {
          namespace,
          throwOnConnectError: true,
          throwOnErrors: true,
          connectionTimeout: opts.connectTimeoutMs ?? 2000,
        });
        failFast(adapter, opts.connectTimeoutMs ?? 2000);
        adapters.push(adapter);
        // Keyv sets its own namespace on the adapter; without it every collection would share "keyv::".
        const raw = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
        raw.on('error', () => {});
        const drop = () => (adapter.client as { destroy(): void }).destroy();
        const kv = answerWithin(raw, answerMs, `redis store ${redactUrl(url)}`, drop);
        const prefixed = (key: string) => `${namespace}${adapter.keyPrefixSeparator}${key}`;
        const serialized = (owner: string, ttlMs: number) => JSON.stringify({ value: owner, expires: Date.now() + ttlMs });
        const where = `redis store ${redactUrl(url)}`;
        const script = async (lua: string, key: string, args: string[]): Promise<number> => {
          const client = (await adapter.getClient()) as unknown as Scripting;
          return Number(await client.eval(lua, { keys: [prefixed(key)], arguments: args }));
        };
        c = {
          ...keyvCollection(kv, (key, owner, ttlMs) =>
            deadline(script(CLAIM, key, [owner, serialized(owner, ttlMs), String(ttlMs)]), answerMs, where, drop).then((n) => n === 1),
          ),
          release: (key, owner) => deadline(script(RELEASE, key, [owner]), answerMs, where, drop).then(() => undefined),
        };
        collections.set(name, c);
      }
      return c;
    },
    async close() {
      await Promise.allSettled(adapters.map((a) => a.disconnect()));
      collections.clear();
    },
  };
}
