import { createHash } from 'node:crypto';
import type Keyv from 'keyv';

/** One keyv namespace with batch operations; drivers may implement the batches natively. */
export interface Collection {
  readonly kv: Keyv;
  hasMany(keys: string[]): Promise<boolean[]>;
  setMany(entries: { key: string; value: unknown; ttl?: number }[]): Promise<void>;
}

/** A storage driver: hands out collections and closes them all. */
export interface Backend {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Where the data lives, for log lines and error messages (never includes credentials). */
  readonly location: string;
  collection(name: string): Collection;
  close(): Promise<void>;
}

/** Keys are hashed so that any id fits the drivers' key limits and cannot collide across separators. */
export function hashKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 32);
}

/** Batch operations through keyv's own API, for drivers without a faster path. */
export function keyvCollection(kv: Keyv): Collection {
  return {
    kv,
    async hasMany(keys) {
      if (keys.length === 0) return [];
      return kv.hasMany(keys);
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      await kv.setMany(entries);
    },
  };
}
