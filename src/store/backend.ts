import { createHash } from 'node:crypto';
import type Keyv from 'keyv';

/** One keyv namespace with batch operations; drivers may implement the batches natively. */
export interface Collection {
  readonly kv: Keyv;
  hasMany(keys: string[]): Promise<boolean[]>;
  /** Values in key order; undefined for a key absent or expired. */
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  setMany(entries: { key: string; value: unknown; ttl?: number }[]): Promise<void>;
  /**
   * Atomically takes `key` for `owner` for `ttlMs`: true when it was free, expired or already this
   * owner's. keyv has no set-if-absent, so each driver does it natively (SET NX PX, INSERT … ON CONFLICT).
   */
  claim(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back early, if `owner` still holds it. */
  release(key: string, owner: string): Promise<void>;
}

/** A storage driver: hands out collections and closes them all. */
export interface Backend {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Where the data lives, for log lines and error messages (never includes credentials). */
  readonly location: string;
  collection(name: string): Collection;
  /** False once the data's home is gone under the open store (an SQLite file deleted or replaced). */
  intact?(): boolean;
  close(): Promise<void>;
}

/** Keys are hashed so that any id fits the drivers' key limits and cannot collide across separators. */
export function hashKey(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 32);
}

/** Releases through keyv: read the owner, delete if it matches (the claim's TTL bounds the rare race). */
export async function releaseIfOwner(kv: Keyv, key: string, owner: string): Promise<void> {
  if ((await kv.get(key)) === owner) await kv.delete(key);
}

/** Batch operations through keyv's own API, for drivers without a faster path. */
export function keyvCollection(kv: Keyv, claim: Collection['claim']): Collection {
  return {
    kv,
    claim,
    release: (key, owner) => releaseIfOwner(kv, key, owner),
    async hasMany(keys) {
      if (keys.length === 0) return [];
      return kv.hasMany(keys);
    },
    async getMany<T>(keys: string[]) {
      if (keys.length === 0) return [];
      return (await kv.getMany<T>(keys)).map((v) => v ?? undefined);
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      await kv.setMany(entries);
    },
  };
}
