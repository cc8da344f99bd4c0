import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/pipeline/merge.ts';
import { createStore, openBackend } from '../../src/store/index.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { BIN, runCli } from './run-cli.ts';

const FEEDS = 200;
const CHANNEL = '600000000000000001';
const REDIS = process.env.REDIS_URL;
const WINDOW = 14 * 86_400_000;

interface DevItem {
  id: string;
  title: string;
  summary: string;
  published: string;
  kind: string;
  label: { is_change: boolean };
}

const dev: DevItem[] = readFileSync('test/fixtures/detect/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l))
  .filter((d: DevItem) => d.kind === 'news');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Feed n carries two dev items under links of its own: many outlets reporting the same changes. */
function feed(n: number): string {
  const items = Array.from({ length: 2 }, (_, k) => dev[(n * 2 + k) % dev.length] as DevItem).map(
    (d) =>
      `<item><title>${esc(d.title)}</title><link>https://outlet${n}.example.com/${d.id}</link>` +
      `<pubDate>${new Date(`${d.published.slice(0, 10)}T12:00:00Z`).toUTCString()}</pubDate>` +
      `<description>${esc(d.summary)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${n}</title>${items.join('')}</channel></rss>`;
}

let server: FeedServer;
let discord: FakeDiscord;
let dir: string;

beforeAll(async () => {
  server = await startFeedServer();
  for (let n = 0; n < FEEDS; n++) server.setRoute(`/outlet/${n}.xml`, { body: feed(n), contentType: 'application/rss+xml' });
  discord = await startFakeDiscord({ channels: [CHANNEL], token: 'replica-token' });
  dir = mkdtempSync(join(tmpdir(), 'exits-replicas-'));
});
afterAll(async () => {
  await Promise.all([server.close(), discord.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, withDiscord: boolean): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'schedule: "*/2 * * * * *"',
      // Adaptive polling: these feeds are quiet (their items are months old), so each is due every 6 s. The
      // 200 outlets share one loopback host here, where a deployment would have 200 hosts.
      'polling: { minSeconds: 2, maxSeconds: 6, perHost: { concurrency: 16 } }',
      'maxAgeHours: 1000000',
      'postOnFirstSight: true',
      'concurrency: 16',
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      'feeds:',
      ...Array.from({ length: FEEDS }, (_, n) => `  - { name: outlet${n}, url: "${server.url}/outlet/${n}.xml" }`),
      withDiscord ? `discord: { channels: [ { id: "${CHANNEL}" } ] }` : '',
    ].join('\n'),
  );
  return file;
}

function replica(file: string, store: string, id: string): { child: ChildProcess; exited: Promise<number | null> } {
  const { REDIS_URL: _r, ...base } = process.env;
  const child = spawn(process.execPath, [BIN, 'run', '--config', file, '--store', store], {
    env: { ...base, DISCORD_TOKEN: 'replica-token', DISCORD_API_URL: discord.url, DISCORD_APPLICATION_ID: '1', EXITS_REPLICA_ID: id },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((r) => child.on('close', (code) => r(code))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs whenever REDIS_URL is set (.ci/run sets it). */
describe.runIf(REDIS)('replicas on one Redis', () => {
  it('post every change exactly once while three replicas share 200 feeds on adaptive schedules and one dies', async () => {
    const reference = `sqlite://${join(dir, 'reference.sqlite')}`;
    const ref = await runCli(['once', '--config', config('reference', false), '--store', reference, '--json']);
    expect(ref.code, ref.stderr).toBe(0);
    expect(ref.stdout.trim().split('\n').length).toBeGreaterThan(30);
    const refStore = createStore(openBackend(reference));
    const refReports = (await refStore.listEvents())
      .filter((e) => e.postedAt)
      .flatMap((e) => e.reports.filter((r) => !r.recall).map((r) => `${r.itemId} ${e.person}`));
    await refStore.close();

    const prefix = `exits-replicas-${process.pid}-${Date.now()}`;
    const store = `${REDIS}${REDIS?.endsWith('/') ? '' : '/'}?prefix=${prefix}`;
    const file = config('replicas', true);
    const bots = ['r1', 'r2', 'r3'].map((id) => replica(file, store, id));
    try {
      // Let them run a few ticks, then kill one without warning.
      await discord.waitFor('first cards', () => (discord.messages.length > 0 ? true : undefined), 60_000);
      await sleep(4000);
      bots[0]?.child.kill('SIGKILL');
      await bots[0]?.exited;
      const before = Array.from({ length: FEEDS }, (_, n) => server.requests(`/outlet/${n}.xml`));
      await sleep(12_000);
      const after = Array.from({ length: FEEDS }, (_, n) => server.requests(`/outlet/${n}.xml`));
      // Every feed keeps being polled by the survivors, as its schedule says: a quiet feed every 6 s, not at
      // each of the six ticks (and never by two replicas at one tick).
      expect(after.filter((count, n) => count <= (before[n] as number))).toEqual([]);
      expect(after.filter((count, n) => count - (before[n] as number) > 3)).toEqual([]);
    } finally {
      for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
      await Promise.all(bots.map((b) => b.exited));
    }

    // Whatever the dead replica left in the outbox, one more run sends: then every change is out once.
    const last = await runCli(['once', '--config', file, '--store', store], {
      DISCORD_TOKEN: 'replica-token',
      DISCORD_API_URL: discord.url,
      DISCORD_APPLICATION_ID: '1',
      EXITS_REPLICA_ID: 'r1',
    });
    expect(last.code, last.stderr).toBe(0);
    const history = createStore(openBackend(store));
    const events = (await history.listEvents()).filter((e) => e.postedAt);
    const posted = events.length;
    const pending = await history.outboxList();
    for (const c of ['seen', 'feeds', 'events', 'people', 'posts', 'watch', 'outbox', 'leases']) {
      await openBackend(store).collection(c).kv.clear();
    }
    await history.close();
    expect(pending).toEqual([]);
    // No change was posted twice: no posted event is, by the merge rules, the same change as another.
    // (Counts may differ from a single run's: which report of an old change comes first decides whether a
    // later article is a recall, and replicas see the feeds in another order.)
    // Two changes found in one article stay apart by design, so pairs sharing a report are not twins.
    const items = (e: (typeof events)[number]) => new Set(e.reports.map((r) => r.itemId));
    const twins = events.filter((e) =>
      events.some(
        (o) =>
          o.key !== e.key &&
          ![...items(o)].some((i) => items(e).has(i)) &&
          classify({ ...e, reports: [] }, [o], WINDOW).kind === 'same',
      ),
    );
    expect(twins.map((e) => `${e.person} ${e.type} ${e.org}`)).toEqual([]);
    // Each detected change is in one event only (an item merged twice never opens a second card).
    const changes = events.flatMap((e) => e.reports.flatMap((r) => (r.change ? [r.change] : [])));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length - new Set(changes).size).toBe(0);
    // Every change a single run posts was posted here too.
    const reportedHere = new Set(events.flatMap((e) => e.reports.map((r) => `${r.itemId} ${e.person}`)));
    expect(refReports.filter((r) => !reportedHere.has(r))).toEqual([]);
    const nonces = discord.messages.filter((m) => m.channelId === CHANNEL).map((m) => String(m.body.nonce));
    expect(nonces).toHaveLength(posted);
    expect(new Set(nonces).size).toBe(posted);
  }, 120_000);
});
