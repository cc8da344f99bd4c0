/**
 * `exits backup FILE`: a consistent copy of the SQLite store while the bot runs. Copying the file itself
 * is not safe: in WAL mode the latest commits live in exits.sqlite-wal until a checkpoint, and a copy
 * taken in the middle of a write can be torn. SQLite's online backup reads through a connection of its
 * own, so it sees exactly the committed state and starts over if a write lands while it copies.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { ExitsError, errorMessage } from '../core/errors.ts';

/** The part of node-sqlite3's Backup that its type definitions leave out. */
interface Backup {
  step(pages: number, callback: (err: Error | null) => void): void;
  finish(callback?: (err: Error | null) => void): void;
  readonly completed: boolean;
}

function opened(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((done, fail) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? fail(err) : done(db)));
  });
}

function closed(db: sqlite3.Database): Promise<void> {
  return new Promise((done, fail) => db.close((err) => (err ? fail(err) : done())));
}

function rows(db: sqlite3.Database, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((done, fail) => db.all(sql, (err, r) => (err ? fail(err) : done(r as Record<string, unknown>[]))));
}

/** Copies the store at `source` into the new file `target`, checks the copy, and says how big it is. */
export async function backupSqlite(source: string, target: string): Promise<{ file: string; bytes: number }> {
  const from = resolve(source);
  const to = resolve(target);
  if (!existsSync(from)) throw new ExitsError('BAD_ARGUMENT', `there is no SQLite store at ${from} to back up`);
  if (existsSync(to)) throw new ExitsError('BAD_ARGUMENT', `${to} exists already: give a new file name`);
  if (from === to) throw new ExitsError('BAD_ARGUMENT', 'the backup must be another file than the store');
  let db: sqlite3.Database | undefined;
  try {
    db = await opened(from, sqlite3.OPEN_READONLY);
    const backup = (db as unknown as { backup(file: string): Backup }).backup(to);
    await new Promise<void>((done, fail) => backup.step(-1, (err) => (err ? fail(err) : done())));
    await new Promise<void>((done, fail) => backup.finish((err) => (err ? fail(err) : done())));
    await closed(db);
    db = undefined;
    const copy = await opened(to, sqlite3.OPEN_READONLY);
    const [check] = await rows(copy, 'PRAGMA quick_check');
    await closed(copy);
    if (check?.quick_check !== 'ok') throw new Error(`the copy fails SQLite's check: ${String(check?.quick_check)}`);
    return { file: to, bytes: statSync(to).size };
  } catch (err) {
    if (db) await closed(db).catch(() => {});
    throw new ExitsError('BACKUP_FAILED', `backup of ${from} to ${to} failed: ${errorMessage(err)}`, { cause: err });
  }
}
