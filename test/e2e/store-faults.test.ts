/**
 * Store faults while the bot runs: Redis lost mid-run (through a TCP proxy the test cuts and restores),
 * and an SQLite file another process holds locked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sqlite3 from 'sqlite3';
import { createStore, openBackend } from '../../src/store/index.ts';
import { type FeedServer, liveFeed, startFeedServer } from '../fakes/feed-server.ts';
import { type BotProcess, type LogLine, startBot } from './bot-process.ts';
import { runCli } from './run-cli.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-store-faults-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, lines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [`watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`, ...lines].join('\n'),
  );
  return file;
}

/** Fails with `what` (and the bot's last log lines) instead of waiting for the test timeout. */
async function expectSoon(work: Promise<void>, what: string, bot?: BotProcess, ms = 45_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const tail = bot ? `\nlast log lines:\n${bot.logs.slice(-8).map((l) => JSON.stringify(l)).join('\n')}` : '';
      reject(new Error(`${what}: not seen after ${ms / 1000} s${tail}`));
    }, ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The console cards (lines "■ headline") in what the bot printed. */
function cards(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('■ '));
}

const isCycleDone = (l: LogLine) => typeof l.msg === 'string' && l.msg.startsWith('cycle done');
const isCycleFailed = (l: LogLine) => l.msg === 'cycle failed';

interface TcpProxy {
  port: number;
  /**
   * Drops every live connection, and new ones are refused (reset at once) or parked (accepted, never
   * answered); or, for 'silence', keeps the live connections open but forwards nothing more either way.
   */
  cut(mode: 'refuse' | 'park' | 'silence'): void;
  /** Forwards new connections again, and drops the parked ones so that the client reconnects through it. */
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of Redis that the test can cut and restore. */
async function startProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let mode: 'open' | 'refuse' | 'park' | 'silence' = 'open';
  const live = new Set<Socket>();
  const parked = new Set<Socket>();
  const proxy: Server = createServer((client) => {
    client.on('error', () => {});
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'park' || mode === 'silence') {
      parked.add(client);
      client.resume(); // read and drop whatever it sends
      client.on('close', () => parked.delete(client));
      return;
    }
    const upstream = connect(targetPort, targetHost);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    });
    upstream.on('close', () => client.destroy());
    live.add(client);
    live.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const dropAll = (sockets: Set<Socket>) => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    port: (proxy.address() as AddressInfo).port,
    cut(next) {
      mode = next;
      if (next !== 'silence') {
        dropAll(live);
        return;
      }
      // Both directions stop: what the client sends is read and dropped, and Redis's answers go nowhere.
      for (const s of live) {
        s.unpipe();
        s.resume();
        parked.add(s);
      }
      live.clear();
    },
    restore() {
      mode = 'open';
      dropAll(parked);
    },
    async close() {
      dropAll(live);
      dropAll(parked);
      await new Promise<void>((r) => proxy.close(() => r()));
    },
  };
}

/** Deletes every key a run wrote under its prefix, whatever the collection. */
async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const backend = openBackend(`${redisUrl}${redisUrl.endsWith('/') ? '' : '/'}?prefix=${prefix}`);
  try {
    // Any collection's client reaches the whole database; every key of the run starts with the prefix.
    const kv = backend.collection('seen').kv;
    const client = await (kv.store as { getClient(): Promise<RawRedis> }).getClient();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
  } finally {
    await backend.close();
  }
}

interface RawRedis {
  scanIterator(opts: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  del(keys: string[]): Promise<number>;
}

const REDIS = process.env.REDIS_URL;

describe.runIf(REDIS)('Redis lost while the bot runs', () => {
  for (const mode of ['refuse', 'park', 'silence'] as const) {
    it(`reports a clear store error, keeps cycling, and after Redis returns posts the change made meanwhile once (${mode})`, async () => {
      const target = new URL(REDIS as string);
      const proxy = await startProxy(target.hostname, Number(target.port || 6379));
      const prefix = `exits-faults-${mode}-${process.pid}-${Date.now()}`;
      const store = `redis://127.0.0.1:${proxy.port}/?prefix=${prefix}&commandTimeoutMs=1000`;
      const feed = liveFeed(server, `/live-${mode}.xml`);
      // What the feed holds at first sight is recorded, not posted.
      feed.add('seed', 'Ilya Sutskever resigns from OpenAI');
      const config = writeConfig(`redis-${mode}`, [
        'schedule: "* * * * * *"',
        // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
        'polling: { adaptive: false }',
        `store: "${store}"`,
        `feeds: [ { name: live, url: "${feed.url}" } ]`,
      ]);
      const bot = startBot(config, { HEALTH_PORT: '0' });
      try {
        await expectSoon(bot.waitFor(isCycleDone), 'a first cycle', bot);
        feed.add('before', 'Jan Leike leaves OpenAI to join Anthropic');
        // Its card is out, and the cycle that posted it has recorded so (a cut between the two would post it
        // again later, which is the outbox's at-least-once promise, not what this test is about).
        await expectSoon(bot.waitFor((l) => isCycleDone(l) && l.alerts === 1), 'the card of the change made before the cut', bot);
        expect(cards(bot.stdout())).toEqual(['■ Jan Leike leaves OpenAI for Anthropic']);
        const port = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('health:'))?.port;
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

        // Redis goes away, and meanwhile a change appears in the feed.
        const failedBefore = bot.logs.filter(isCycleFailed).length;
        proxy.cut(mode);
        feed.add('during', 'Anthropic hires John Schulman away from OpenAI');
        // The bot keeps cycling, and each cycle says what failed: Redis, by its address.
        await expectSoon(
          bot.waitFor(() => bot.logs.filter(isCycleFailed).length >= failedBefore + 2),
          'two failed cycles while Redis is cut',
          bot,
        );
        const failures = bot.logs.filter(isCycleFailed).slice(failedBefore);
        for (const f of failures) expect(JSON.stringify(f.err)).toContain(`redis store redis://127.0.0.1:${proxy.port}`);
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({ status: 'failing', error: expect.stringContaining('redis store') });
        expect(cards(bot.stdout()).some((c) => c.includes('Schulman'))).toBe(false);

        // Redis is back: polling resumes, and the change made meanwhile is posted, once.
        proxy.restore();
        await expectSoon(
          bot.waitForStdout((o) => cards(o).some((c) => c.includes('John Schulman'))),
          'the card of the change made while Redis was cut',
          bot,
        );
        const doneAfter = bot.logs.length;
        await expectSoon(
          bot.waitFor(() => bot.logs.slice(doneAfter).filter(isCycleDone).length >= 2),
          'two more good cycles',
          bot,
        );
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
        bot.child.kill('SIGTERM');
        expect(await bot.exited).toBe(0);
        expect(cards(bot.stdout())).toEqual([
          '■ Jan Leike leaves OpenAI for Anthropic',
          '■ John Schulman leaves OpenAI for Anthropic',
        ]);
      } finally {
        if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
        await bot.exited;
        await proxy.close();
        await dropRedisKeys(REDIS as string, prefix);
      }
    }, 120_000);
  }
});

/** Another process's connection holding the write lock of an SQLite file (BEGIN EXCLUSIVE) until released. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const opened = new sqlite3.Database(file, (err) => (err ? fail(err) : ok(opened)));
  });
  const exec = (sql: string) => new Promise<void>((ok, fail) => db.exec(sql, (err) => (err ? fail(err) : ok())));
  await exec('BEGIN EXCLUSIVE');
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await exec('COMMIT');
      await new Promise<void>((ok, fail) => db.close((err) => (err ? fail(err) : ok())));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The alerts of `exits once --json`, by person. */
function alerted(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { person: string }).person);
}

describe('an SQLite file another process holds locked', () => {
  it('waits for a lock released within the busy timeout; past it, fails naming the file, and loses nothing', async () => {
    const feed = liveFeed(server, '/locked.xml');
    feed.add('seed', 'Ilya Sutskever resigns from OpenAI');
    const file = join(dir, 'locked.sqlite');
    const config = writeConfig('locked', [`store: "sqlite://${file}"`, `feeds: [ { name: live, url: "${feed.url}" } ]`]);
    const first = await runCli(['once', '--config', config, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');

    // Locked while a change appears, and released while `exits once` waits to write it (default busy timeout).
    feed.add('during-short-lock', 'Jan Leike leaves OpenAI to join Anthropic');
    const short = await holdWriteLock(file);
    let waited: Awaited<ReturnType<typeof runCli>>;
    try {
      const fetched = server.requests('/locked.xml');
      let finished = false;
      const once = runCli(['once', '--config', config, '--json']).finally(() => {
        finished = true;
      });
      // It has read the feed; its first write comes next, and waits for the lock.
      await expectSoon(
        (async () => {
          while (server.requests('/locked.xml') === fetched) await sleep(50);
        })(),
        'exits once reading the feed',
      );
      await sleep(1500);
      // Still waiting for the lock, not failed at once.
      expect(finished).toBe(false);
      await short.release();
      waited = await once;
    } finally {
      await short.release();
    }
    expect(waited.code, waited.stderr).toBe(0);
    expect(alerted(waited.stdout)).toEqual(['Jan Leike']);

    // Held past the busy timeout: a clear failure naming the file, exit 1, nothing posted.
    feed.add('during-long-lock', 'Anthropic hires John Schulman away from OpenAI');
    const long = await holdWriteLock(file);
    let failed: Awaited<ReturnType<typeof runCli>>;
    try {
      failed = await runCli(['once', '--config', config, '--store', `sqlite://${file}?busyTimeoutMs=300`, '--json']);
    } finally {
      await long.release();
    }
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    // (The message says "SQLite store" or "sqlite store", depending on which write met the lock first.)
    const reason = failed.stderr.split('\n').find((l) => l.startsWith('exits: '));
    expect(reason?.toLowerCase()).toBe(`exits: sqlite store ${file}: SQLITE_BUSY: database is locked`.toLowerCase());

    // The lock gone, the next run posts what the failed one could not, and nothing twice.
    const after = await runCli(['once', '--config', config, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(alerted(after.stdout)).toEqual(['John Schulman']);
    const again = await runCli(['once', '--config', config, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');

    const history = createStore(openBackend(`sqlite://${file}`));
    const events = await history.listEvents();
    const pending = await history.outboxList();
    await history.close();
    expect(pending).toEqual([]);
    expect(events.filter((e) => e.postedAt).map((e) => e.person).sort()).toEqual(['Jan Leike', 'John Schulman']);
    expect(events.filter((e) => !e.postedAt).map((e) => e.person)).toEqual(['Ilya Sutskever']);
  }, 90_000);
});
