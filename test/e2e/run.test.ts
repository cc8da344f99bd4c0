import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, openBackend } from '../../src/store/index.ts';
import { startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { startBot } from './bot-process.ts';
import { runCli } from './run-cli.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-run-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exits run', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`polls on its schedule and stops cleanly on ${signal}`, async () => {
      const config = join(dir, `${signal}.yaml`);
      writeFileSync(
        config,
        [
          'schedule: "* * * * * *"',
          // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
          'polling: { adaptive: false }',
          `store: sqlite://${join(dir, `${signal}.sqlite`)}`,
          `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
          'feeds:',
          `  - { name: rss, url: "${server.url}/feeds/news-rss2.xml" }`,
          `  - { name: broken, url: "${server.url}/status/500" }`,
        ].join('\n'),
      );
      const bot = startBot(config);
      // The first cycle runs at start; a second comes from the cron schedule.
      await bot.waitFor((l) => l.msg === 'poller started');
      const cycles = () => bot.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle done'));
      await bot.waitFor(() => cycles().length >= 2);
      bot.child.kill(signal);
      expect(await bot.exited).toBe(0);
      expect(bot.logs.some((l) => l.msg === 'stopped')).toBe(true);
      expect(cycles()[0]).toMatchObject({ feeds: 2, failed: 1 });
      // The broken feed failed once, then waits out its backoff instead of being hammered every second.
      expect(bot.logs.filter((l) => l.feed === 'broken' && l.code === 'HTTP_STATUS')).toHaveLength(1);
    });
  }
});

/** /healthz once a cycle has reached it: the cycle is logged before the health endpoint is told of it. */
async function healthAfterCycle(port: unknown): Promise<Response> {
  let health = await fetch(`http://127.0.0.1:${port}/healthz`);
  for (let i = 0; i < 100 && ((await health.clone().json()) as { lastCycleAt: string | null }).lastCycleAt === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
    health = await fetch(`http://127.0.0.1:${port}/healthz`);
  }
  return health;
}

function writeConfig(name: string, store: string): string {
  const config = join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    [
      'schedule: "* * * * * *"',
      // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
      'polling: { adaptive: false }',
      `store: ${store}`,
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      'feeds:',
      `  - { name: rss, url: "${server.url}/feeds/news-rss2.xml" }`,
      `  - { name: broken, url: "${server.url}/status/500" }`,
    ].join('\n'),
  );
  return config;
}

describe('health endpoint', () => {
  it('answers /healthz and /metrics while the bot runs', async () => {
    const bot = startBot(writeConfig('health', `sqlite://${join(dir, 'health.sqlite')}`), { HEALTH_PORT: '0' });
    await bot.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle done'));
    const line = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('health:'));
    const port = line?.port;
    // Loopback unless HEALTH_HOST or health.host says otherwise.
    expect(line?.msg).toBe(`health: http://127.0.0.1:${port}/healthz and /metrics`);
    const health = await healthAfterCycle(port);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', ok: true });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    // The failing feed is "failing" in the cycle that tried it and "backoff" in the ticks that wait.
    const failing = [...metrics.matchAll(/^exits_feeds\{state="(?:failing|backoff)"\} (\d+)$/gm)].map((m) => Number(m[1]));
    expect(failing.reduce((a, b) => a + b, 0)).toBe(1);
    expect(metrics).toMatch(/^exits_feeds\{state="ok"\} 1$/m);
    expect(metrics).toMatch(/^exits_last_cycle_duration_seconds \d/m);
    expect(metrics).toMatch(/^exits_alerts_pending 0$/m);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('turns unhealthy, with a clear error within seconds, when Redis cannot be reached', async () => {
    const bot = startBot(writeConfig('redis-down', 'redis://127.0.0.1:1'), { HEALTH_PORT: '0' });
    await bot.waitFor((l) => l.msg === 'cycle failed');
    const failure = bot.logs.find((l) => l.msg === 'cycle failed');
    expect(JSON.stringify(failure)).toMatch(/Redis|ECONNREFUSED|connect/i);
    const port = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('health:'))?.port;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'failing' });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});

describe('a stop during start-up', () => {
  it('exits 0, as a stop at any other time does', async () => {
    const bot = startBot(writeConfig('early-stop', `sqlite://${join(dir, 'early-stop.sqlite')}`));
    // While the bot is starting (its store just opened, the poller not yet running): a replica stopped
    // right after a restart.
    await bot.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('store: '));
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.some((l) => String(l.msg).startsWith('stopping'))).toBe(true);
  });
});

describe('a bot whose every feed fails', () => {
  it('says so in the cycle tally and on /healthz, and stops without a cycle to finish', async () => {
    const config = join(dir, 'all-failing.yaml');
    writeFileSync(
      config,
      [
        // Once a year: the cycle at start is the only one, so the bot is idle when it is stopped.
        'schedule: "0 0 1 1 *"',
        `store: sqlite://${join(dir, 'all-failing.sqlite')}`,
        'feeds:',
        `  - { name: broken, url: "${server.url}/status/500" }`,
        `  - { name: gone, url: "${server.url}/status/404" }`,
      ].join('\n'),
    );
    const bot = startBot(config, { HEALTH_PORT: '0' });
    await bot.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle done'));
    expect(bot.logs.find((l) => String(l.msg).startsWith('cycle done'))?.msg).toBe('cycle done: 2 feeds (0 read, 2 failed), 0 alerts, 0 updates');
    const port = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('health:'))?.port;
    const health = await healthAfterCycle(port);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'failing', error: 'all 2 feeds polled here are failing or waiting after failures' });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs.map((l) => l.msg)).toContain('stopping');
    expect(bot.logs.map((l) => l.msg)).not.toContain('stopping: finishing the cycle under way');
  });
});

describe('a store that loses its data under the bot', () => {
  it('is noticed at the next cycle: an error line for the admins, /healthz degraded', async () => {
    const file = join(dir, 'vanishing.sqlite');
    const bot = startBot(writeConfig('vanishing', `sqlite://${file}`), { HEALTH_PORT: '0' });
    const cycles = () => bot.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle done')).length;
    await bot.waitFor(() => cycles() >= 1);
    rmSync(file);
    await bot.waitFor((l) => l.code === 'STORE_LOST');
    await bot.waitFor(() => cycles() >= 3);
    const port = bot.logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('health:'))?.port;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = (await health.json()) as Record<string, unknown>;
    // On a failure, say what the bot last did: a cycle that failed as a whole turns /healthz to 503.
    const recent = bot.logs.slice(-12).map((l) => `${String(l.msg)} ${String(l.code ?? '')}`);
    expect(health.status, `${JSON.stringify(body)}\n${recent.join('\n')}`).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', degraded: expect.stringMatching(/^the store lost its data at /) });
    expect(bot.logs.filter((l) => l.code === 'STORE_LOST')).toHaveLength(1);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});

describe('shutdown during a stalled send', () => {
  it('exits 0 on SIGTERM while Discord keeps it waiting, and the alerts wait in the outbox', async () => {
    const channel = '500000000000000001';
    const discord = await startFakeDiscord({ channels: [channel], token: 'stall-token' });
    try {
      // Discord asks to retry in a minute: the send is under way when SIGTERM arrives.
      discord.fault(channel, { status: 429, retryAfter: 60 });
      const store = `sqlite://${join(dir, 'stall.sqlite')}`;
      const config = join(dir, 'stall.yaml');
      writeFileSync(
        config,
        [
          'schedule: "*/5 * * * *"',
          'postOnFirstSight: true',
          'maxAgeHours: 1000000',
          `store: ${store}`,
          `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
          `feeds: [ { name: mentions, url: "${server.url}/feeds/mentions.xml" } ]`,
          `discord: { channels: [ { id: "${channel}" } ] }`,
        ].join('\n'),
      );
      // The same replica name across the restart: the alert the stopped bot was sending is its own to resend.
      const env = {
        DISCORD_TOKEN: 'stall-token',
        DISCORD_API_URL: discord.url,
        DISCORD_APPLICATION_ID: discord.applicationId,
        EXITS_REPLICA_ID: 'stall-replica',
      };
      const bot = startBot(config, env);
      // A loaded machine starts the bot in several seconds.
      await discord.waitFor('a first post attempt', () => discord.requests.find((r) => r.method === 'POST'), 30_000);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.logs.some((l) => typeof l.msg === 'string' && l.msg.includes('unsent alerts stay in the outbox'))).toBe(true);

      const history = createStore(openBackend(store));
      const pending = (await history.outboxList()).length;
      await history.close();
      expect(pending).toBeGreaterThan(0);

      discord.clearFaults();
      const next = await runCli(['once', '--config', config], env);
      expect(next.code).toBe(0);
      const after = createStore(openBackend(store));
      expect(await after.outboxList()).toEqual([]);
      const posted = (await after.listEvents()).filter((e) => e.postedAt).length;
      await after.close();
      expect(discord.messages.filter((m) => m.channelId === channel)).toHaveLength(posted);
    } finally {
      await discord.close();
    }
  }, 60_000);
});
