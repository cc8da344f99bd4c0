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
