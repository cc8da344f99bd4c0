import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/store/backup.ts';
import { openStore } from '../../src/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'exits-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const feed = (n: number) => ({ url: `https://news.example/${n}`, name: `Feed ${n}`, addedBy: 'cli', addedAt: '2026-12-01T00:00:00.000Z' });

describe('backing the SQLite store up', () => {
  it('copies what is committed while the store stays open and writing, and the copy opens as a store', async () => {
    const live = join(dir, 'live.sqlite');
    const store = openStore(`sqlite://${live}`);
    await store.setAddedFeeds([feed(1), feed(2)]);
    // Still open, in WAL mode: the commit may be only in live.sqlite-wal, which a file copy would miss.
    const copy = await backupSqlite(live, join(dir, 'copy.sqlite'));
    await store.setAddedFeeds([feed(1), feed(2), feed(3)]);
    expect(copy.bytes).toBeGreaterThan(0);
    const restored = openStore(`sqlite://${copy.file}`);
    expect(await restored.getAddedFeeds()).toEqual([feed(1), feed(2)]);
    await restored.close();
    await store.close();
  });

  it('refuses to overwrite a file, to copy a store that is not there, or a file that is not a database', async () => {
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, 'mine');
    await expect(backupSqlite(join(dir, 'live.sqlite'), taken)).rejects.toThrow(`${taken} exists already: give a new file name`);
    await expect(backupSqlite(join(dir, 'nothing.sqlite'), join(dir, 'x.sqlite'))).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database '.repeat(100));
    await expect(backupSqlite(junk, join(dir, 'y.sqlite'))).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
  });
});
