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
        c = keyvCollection(kv);
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
