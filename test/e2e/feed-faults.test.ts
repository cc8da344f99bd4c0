import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { runCli } from './run-cli.ts';

const ALERTS = '300000000000000011';
const ADMIN = '300000000000000012';

/** Each faulty feed, and the code its failure must carry in the log. */
const FAULTS: Record<string, { path: string; code: string }> = {
  hang: { path: '/hang', code: 'TIMEOUT' },
  trickle: { path: '/slow', code: 'TIMEOUT' },
  'server-error': { path: '/status/500', code: 'HTTP_STATUS' },
  'redirect-loop': { path: '/redirect-loop', code: 'TOO_MANY_REDIRECTS' },
  'over-cap': { path: '/big-declared', code: 'TOO_LARGE' },
  'gzip-bomb': { path: '/bomb.xml', code: 'TOO_LARGE' },
  'html-page': { path: '/feeds/not-a-feed.html', code: 'NOT_A_FEED' },
  malformed: { path: '/feeds/malformed.xml', code: 'PARSE_ERROR' },
  'huge-entities': { path: '/feeds/huge-entities.xml', code: 'HOSTILE_XML' },
};

let feeds: FeedServer;
let discord: FakeDiscord;
let dir: string;
beforeAll(async () => {
  feeds = await startFeedServer();
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
  feeds.setRoute('/bomb.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  discord = await startFakeDiscord({ channels: [ALERTS, ADMIN], token: 'faults-token' });
  dir = mkdtempSync(join(tmpdir(), 'exits-feed-faults-'));
});
afterAll(async () => {
  await Promise.all([feeds.close(), discord.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ DISCORD_TOKEN: 'faults-token', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.url });
/** The admin channel's messages as a reader sees them (Discord markdown escapes removed). */
const adminNotices = () =>
  discord.messages.filter((m) => m.channelId === ADMIN).map((m) => String(m.body.content).replace(/\\(.)/g, '$1'));

describe('feed faults in a cycle', () => {
  it('gives each faulty feed a coded error, still posts the good one, and warns the admin channel once', async () => {
    const config = join(dir, 'faults.yaml');
    const list = [
      `  - { name: good, url: "${feeds.url}/feeds/mentions.xml" }`,
      ...Object.entries(FAULTS).map(([name, f]) => `  - { name: ${name}, url: "${feeds.url}${f.path}" }`),
    ];
    writeFileSync(
      config,
      [
        'maxAgeHours: 1000000',
        'postOnFirstSight: true',
        'concurrency: 16',
        `store: sqlite://${join(dir, 'faults.sqlite')}`,
        `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
        'http: { timeoutMs: 1500, maxBytes: 2097152 }',
        // 0.36 s: the second cycle finds every faulty feed failing for longer than that.
        'warnAfterHours: 0.0001',
        `admin: { platform: discord, channel: "${ADMIN}" }`,
        `discord: { channels: [ { id: "${ALERTS}" } ] }`,
        'feeds:',
        ...list,
      ].join('\n'),
    );

    const first = await runCli(['once', '--config', config], env());
    expect(first.code, first.stderr).toBe(0);
    // The good feed's cards arrived (mentions.xml holds six changes) while nine feeds failed.
    expect(discord.messages.filter((m) => m.channelId === ALERTS)).toHaveLength(6);
    for (const [name, { code }] of Object.entries(FAULTS)) {
      const line = first.logs.find((l) => l.feed === name && l.level === 40);
      expect(line, name).toMatchObject({ code, msg: expect.stringMatching(new RegExp(`^feed ${name} failed: `)) });
    }
    expect(first.logs.find((l) => String(l.msg).startsWith('cycle done'))?.msg).toBe('cycle done: 10 feeds (1 read, 9 failed), 6 alerts, 0 updates');
    expect(adminNotices()).toEqual([]);

    await new Promise((r) => setTimeout(r, 500));
    const second = await runCli(['once', '--config', config], env());
    expect(second.code, second.stderr).toBe(0);
    const notices = adminNotices();
    expect(notices).toHaveLength(Object.keys(FAULTS).length);
    for (const name of Object.keys(FAULTS)) {
      expect(notices.filter((n) => n.startsWith(`exits: feed ${name} has been failing since `)), name).toHaveLength(1);
      expect(second.logs.some((l) => l.feed === name && l.level === 50 && l.admin === true)).toBe(true);
    }
    for (const m of discord.messages.filter((x) => x.channelId === ADMIN)) expect(m.body.allowed_mentions).toEqual({ parse: [] });
    expect(discord.messages.filter((m) => m.channelId === ALERTS)).toHaveLength(6);

    // Warned once: a third failing cycle adds nothing. Then one feed answers again, and the admins hear it.
    await runCli(['once', '--config', config], env());
    expect(adminNotices()).toHaveLength(Object.keys(FAULTS).length);
    feeds.setRoute('/status/500', { body: '<rss version="2.0"><channel><title>back</title></channel></rss>' });
    const fourth = await runCli(['once', '--config', config], env());
    expect(fourth.logs.some((l) => l.msg === 'feed server-error answers again')).toBe(true);
    expect(adminNotices().at(-1)).toMatch(/^exits: feed server-error answers again \(failing since .+\)$/);
    expect(adminNotices()).toHaveLength(Object.keys(FAULTS).length + 1);
  });
});
