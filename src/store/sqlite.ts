import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { ExitsError, errorMessage } from '../core/errors.ts';
import type { Backend, Collection } from './backend.ts';

type Query = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * SQLite file store: one table per collection. @keyv/sqlite writes one row per call with its own sync,
 * so the batch operations go through a single json_each statement instead (one transaction per batch).
 * A write waits `busyTimeoutMs` (default 10 s) for a lock another process holds, then fails naming the file.
 */
export function sqliteBackend(path: string, opts: { busyTimeoutMs?: number } = {}): Backend {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new ExitsError(
      'STORE_UNAVAILABLE',
      `cannot create the folder of SQLite store ${file}: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  const adapters: KeyvSqlite[] = [];
  const collections = new Map<string, Collection>();

  function open(name: string): Collection {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: name, busyTimeout: opts.busyTimeoutMs ?? 10_000 });
    adapters.push(adapter);
    const rawQuery = adapter.query as Query;
    const query: Query = async (sql, ...params) => {
      try {
        return await rawQuery(sql, ...params);
      } catch (err) {
        throw new ExitsError('STORE_UNAVAILABLE', `SQLite store ${file}: ${errorMessage(err)}`, { cause: err });
      }
    };
    // Keyv's own errors would otherwise only be emitted as events; the store must fail loudly instead.
    const kv = new Keyv({ store: adapter, namespace: name, throwOnErrors: true });
    kv.on('error', () => {});
    const prefix = `${name}:`;
    // The adapter opens the file at once and keeps a failure (not a database, locked) for the first query;
    // asking now keeps that failure from going unhandled, and every later query reports it with the file.
    // WAL with synchronous=NORMAL: a commit no longer waits for its own disk sync (durable at the next
    // checkpoint; a power cut may lose the last commits, a process crash loses nothing).
    void query('PRAGMA journal_mode=WAL')
      .then(() => query('PRAGMA synchronous=NORMAL'))
      .catch(() => {});
    return {
      kv,
      async claim(key, owner, ttlMs) {
        const now = Date.now();
        const rows = await query(
          `INSERT INTO ${name}(key, value) VALUES (?, json_object('value', ?, 'expires', ?))
           ON CONFLICT(key) DO UPDATE SET value = excluded.value
           WHERE json_extract(${name}.value, '$.expires') < ? OR json_extract(${name}.value, '$.value') = ?
           RETURNING key`,
          prefix + key,
          owner,
          now + ttlMs,
          now,
          owner,
        );
        return rows.length === 1;
      },
      // One statement, so a claim another owner takes in between is never deleted.
      async release(key, owner) {
        await query(`DELETE FROM ${name} WHERE key = ? AND json_extract(value, '$.value') = ?`, prefix + key, owner);
      },
      async hasMany(keys) {
        if (keys.length === 0) return [];
        const rows = await query(
          `SELECT key, json_extract(value, '$.expires') AS expires FROM ${name} WHERE key IN (SELECT value FROM json_each(?))`,
          JSON.stringify(keys.map((k) => prefix + k)),
        );
        const now = Date.now();
        const live = new Set(
          rows
            .filter((r) => r.expires == null || Number(r.expires) > now)
            .map((r) => String(r.key).slice(prefix.length)),
        );
        return keys.map((k) => live.has(k));
      },
      // @keyv/sqlite's getMany matches each key against every row (rows.find): 10,000 feed states took 8 s
      // of blocked event loop. One statement, then a map.
      async getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
        if (keys.length === 0) return [];
        const rows = await query(`SELECT key, value FROM ${name} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys.map((k) => prefix + k)));
        const now = Date.now();
        const found = new Map<string, T>();
        for (const r of rows) {
          const stored = JSON.parse(String(r.value)) as { value: T; expires?: number | null };
          if (stored.expires == null || stored.expires > now) found.set(String(r.key).slice(prefix.length), stored.value);
        }
        return keys.map((k) => found.get(k));
      },
      async setMany(entries) {
        if (entries.length === 0) return;
        const now = Date.now();
        const rows = entries.map((e) => [
          prefix + e.key,
          JSON.stringify(e.ttl ? { value: e.value, expires: now + e.ttl } : { value: e.value }),
        ]);
        await query(
          `INSERT INTO ${name}(key, value) SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j WHERE true ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
          JSON.stringify(rows),
        );
      },
    };
  }

  /** The file's inode once it exists: a file deleted or replaced under the open store has another, or none. */
  let inode: number | null = null;
  return {
    kind: 'sqlite',
    location: file,
    intact() {
      try {
        const now = statSync(file).ino;
        inode ??= now;
        return now === inode;
      } catch {
        return inode === null;
      }
    },
    collection(name) {
      if (!/^[a-z_]+$/.test(name)) throw new Error(`invalid collection name ${name}`);
      let c = collections.get(name);
      if (!c) {
        c = open(name);
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
