import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { type Backend, type Collection, keyvCollection } from './backend.ts';

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
 * Redis store, for several replicas. Errors throw instead of stalling: with keyv's defaults a
 * Redis outage leaves every call pending forever.
 */
export function redisBackend(url: string, opts: { connectTimeoutMs?: number; prefix?: string } = {}): Backend {
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
        const kv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
        kv.on('error', () => {});
        const prefixed = (key: string) => `${namespace}${adapter.keyPrefixSeparator}${key}`;
        const serialized = (owner: string, ttlMs: number) => JSON.stringify({ value: owner, expires: Date.now() + ttlMs });
        c = keyvCollection(kv, async (key, owner, ttlMs) => {
          const client = await adapter.getClient();
          const id = prefixed(key);
          if ((await client.set(id, serialized(owner, ttlMs), { NX: true, PX: ttlMs })) === 'OK') return true;
          // Already ours (a restart under the same replica id): extend it.
          const current = await client.get(id);
          if (current && (JSON.parse(current) as { value?: string }).value === owner) {
            return (await client.set(id, serialized(owner, ttlMs), { XX: true, PX: ttlMs })) === 'OK';
          }
          return false;
        });
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
