import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.ts';
import { sqliteBackend } from '../../src/store/sqlite.ts';
import { runCli } from './run-cli.ts';

// One rule for every command, as the README says: 0 done (nothing found included), 1 a runtime failure,
// 2 a usage error (wrong option or argument, bad config).
let dir: string;
let store: string;
let config: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exits-codes-'));
  store = `sqlite://${join(dir, 'state.sqlite')}`;
  config = join(dir, 'mine.yaml');
  writeFileSync(config, 'discord: { channels: [{ id: "123" }] }\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: [string[], number, RegExp][] = [
  [['recent'], 0, /^no changes in the last 7 days\n$/],
  [['recent', '--company', 'Metta'], 0, /^no changes at Metta in the last 7 days\n$/],
  [['recent', '--kind', 'Departure'], 0, /^no changes \(departure\) in the last 7 days\n$/],
  [['company', 'Metta'], 0, /^no changes at 'Metta' in the history\n$/],
  [['person', 'xyzzy'], 0, /^no one called 'xyzzy' in the history\n$/],
  [['person', 'x'], 2, /^exits: give at least two letters of a name\n$/],
  [['sources', 'abcdef'], 0, /^no change with id abcdef in the history\n$/],
  [['watch', 'remove', 'person', 'Nobody', '--channel', 'discord:123'], 0, /^Nobody is not on this channel's watchlist\n$/],
  [['feeds', 'remove', 'https://nowhere.example/rss'], 0, /^no added feed https:\/\/nowhere\.example\/rss\n$/],
  [['recent', '--days', '99999999'], 2, /^exits: --days must be a whole number from 1 to 3650, not "99999999"\n$/],
  [['recent', '--kind', 'promoted'], 2, /^exits: --kind must be one of/],
  [['feeds', 'add', 'not-a-url'], 2, /^exits: that is not a URL: give the whole address, https:\/\/…\n$/],
  [['once', '--feed', 'notaurl'], 2, /^exits: --feed needs an http\(s\) URL, not "notaurl"\n$/],
  [['recnt'], 2, /^exits: unknown command "recnt"; did you mean "recent"\?\n$/],
  [['person'], 2, /^exits: person needs a NAME/],
  [['watch', 'add', 'person', 'Ada', '--channel', 'teams:1'], 2, /^exits: watch needs --channel discord:ID or --channel slack:ID\n$/],
  [['backup'], 2, /^exits: usage: exits backup FILE/],
  [['outbox', 'list'], 0, /^nothing set aside as undeliverable; 0 alerts waiting in the outbox to be sent\n$/],
  [['outbox', 'drop', 'abc123'], 0, /^nothing set aside under abc123\n$/],
  [['outbox'], 2, /^exits: usage: exits outbox list, exits outbox retry ID/],
  [['outbox', 'retry'], 2, /^exits: usage: exits outbox list/],
  [['outbox', 'drop', 'all', 'abc'], 2, /^exits: outbox drop takes ids or "all", not both\n$/],
];

describe('exit codes', () => {
  it.each(cases)('exits %j with %i and says why once', async (args, code, said) => {
    const r = await runCli([...args, '--config', config, ...(args[0] === 'recnt' ? [] : ['--store', store])]);
    expect(r.code).toBe(code);
    // The answer on stdout and nothing else there; a refusal on stderr in one line, with no log line.
    expect(code === 0 ? r.stdout : r.stderr).toMatch(said);
    expect(code === 0 ? r.stderr : r.stdout).toBe('');
  });

  it('exits 1 when the store cannot be reached', async () => {
    const r = await runCli(['recent', '--store', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('backs the store up into a new file, which then answers as the store; a Redis store is refused', async () => {
    await runCli(['watch', 'add', 'company', 'Anthropic', '--channel', 'discord:123', '--config', config, '--store', store]);
    const copy = join(dir, 'backup.sqlite');
    const r = await runCli(['backup', copy, '--config', config, '--store', store]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(new RegExp(`^backed up .*state\\.sqlite to ${copy} \\(\\d+ bytes, checked\\)\n$`));
    const list = await runCli(['watch', 'list', '--channel', 'discord:123', '--config', config, '--store', `sqlite://${copy}`]);
    expect(list.stdout).toContain('companies: Anthropic');
    const again = await runCli(['backup', copy, '--config', config, '--store', store]);
    expect([again.code, again.stderr]).toEqual([2, `exits: ${copy} exists already: give a new file name\n`]);
    const redis = await runCli(['backup', join(dir, 'r.sqlite'), '--store', 'redis://127.0.0.1:6379']);
    expect(redis.code).toBe(2);
    expect(redis.stderr).toMatch(/^exits: backup copies an SQLite store, and the store is redis:/);
  });

  it('lists a pushed feed with its hub and lease (exits feeds list)', async () => {
    const file = join(dir, 'pushed.sqlite');
    const own = join(dir, 'pushed.yaml');
    const url = 'https://wire.example/rss';
    writeFileSync(own, `feeds: [ { name: wire, url: "${url}" } ]\n`);
    const seeded = createStore(sqliteBackend(file));
    const now = Date.now();
    await seeded.setFeedState(url, {
      lastOkAt: new Date(now).toISOString(),
      pollIntervalMs: 3_600_000,
      pollReason: 'override',
      nextPollAt: new Date(now + 3_600_000).toISOString(),
    });
    const expiresAt = new Date(now + 3 * 86_400_000).toISOString();
    await seeded.setSubscription({
      ...{ id: 'wire', feedId: url, hub: 'https://hub.example/', topic: url, secret: 's', status: 'active', attempts: 0 },
      ...{ requestedAt: new Date(now).toISOString(), verifiedAt: new Date(now).toISOString(), leaseSeconds: 3 * 86_400, expiresAt },
    });
    await seeded.close();
    const r = await runCli(['feeds', 'list', '--config', own, '--store', `sqlite://${file}`]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith(url));
    expect(line).toMatch(/ · from the config · every 1 h \(override\), next \d\d:\d\d UTC \(in (59 min|1 h)\) · /);
    expect(line).toContain(` · pushed by hub.example (lease until ${expiresAt.slice(0, 10)} ${expiresAt.slice(11, 16)} UTC (in `);
  });

  it('finds its bundled config from any folder', async () => {
    const r = await runCli(['recent', '--store', 'memory://'], {}, undefined, { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'no changes in the last 7 days\n', '']);
  });

  it('keeps state beside a config of its own, not in the shell folder', async () => {
    const own = join(dir, 'own.yaml');
    writeFileSync(own, 'store: sqlite://./own-state.sqlite\n');
    const r = await runCli(['feeds', 'list', '--config', own], {}, undefined, { cwd: tmpdir() });
    expect(r.code).toBe(0);
    const again = await runCli(['recent', '--store', `sqlite://${join(dir, 'own-state.sqlite')}`, '--config', own]);
    expect(again.code).toBe(0);
    expect(existsSync(join(dir, 'own-state.sqlite'))).toBe(true);
    expect(existsSync(join(tmpdir(), 'own-state.sqlite'))).toBe(false);
  });
});
