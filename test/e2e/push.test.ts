/**
 * `exits run` with push.publicUrl: the bot subscribes to the hub its feed advertises, answers the hub's
 * verification on the health server, stops polling the feed every tick, and posts the card of a
 * delivered item. A push config without the health server is refused at start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeHub } from '../fakes/fake-hub.ts';
import { startFeedServer } from '../fakes/feed-server.ts';
import { publisher } from '../push/scene.ts';
import { startBot } from './bot-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'exits-e2e-push-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function writeConfig(name: string, feedUrl: string, publicUrl: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'schedule: "* * * * * *"',
      // Every feed at every tick, so the skip of the pushed one shows at each (with adaptive polling its
      // schedule holds it back instead: test/push/push.test.ts).
      'polling: { adaptive: false }',
      `store: sqlite://${join(dir, `${name}.sqlite`)}`,
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      `push: { publicUrl: "${publicUrl}" }`,
      'feeds:',
      `  - { name: Wire, url: "${feedUrl}" }`,
    ].join('\n'),
  );
  return file;
}

describe('exits run with WebSub push', () => {
  it('subscribes, stops polling the pushed feed every tick, and posts a delivered item', async () => {
    const feeds = await startFeedServer();
    const hub = await startFakeHub();
    const feed = publisher(feeds, hub.url);
    feed.add('old-1', 'Quarterly results are in', new Date(Date.now() - 3_600_000));
    const port = await freePort();
    const bot = startBot(writeConfig('push', feed.url, `http://127.0.0.1:${port}`), { HEALTH_PORT: String(port) });
    try {
      await bot.waitFor((l) => typeof l.msg === 'string' && l.msg.startsWith('subscribed to '));
      // The bot logs before its answer reaches the hub: wait for the hub to finish the verification.
      await hub.settled();
      expect(hub.subscriptions.size).toBe(1);
      // Once a tick has found the feed pushed (no cycle overlaps another), the following ticks do not poll it.
      const pushedTicks = () => bot.logs.filter((l) => typeof l.msg === 'string' && l.msg.includes('pushed by their hub')).length;
      const ticks = (n: number) =>
        new Promise<void>((r) => {
          const timer = setInterval(() => pushedTicks() >= n && (clearInterval(timer), r()), 20);
        });
      await ticks(1);
      const polls = feeds.requests('/wire.xml');
      await ticks(3);
      expect(feeds.requests('/wire.xml')).toBe(polls);
      feed.add('news-1', 'Apple AI chief John Giannandrea to step down', new Date());
      expect(await hub.publish(feed.url)).toEqual([202]);
      await bot.waitForStdout((out) => out.includes('Giannandrea'));
      // The hub's answer (and this line) may come just after the card: the card is sent once it is in the outbox.
      await bot.waitFor((l) => typeof l.msg === 'string' && /WebSub delivery for .*: 2 items, 1 new/.test(l.msg));
      // One more request: the hub's own fetch of the topic when the publisher pinged it; the bot polled nothing.
      expect(feeds.requests('/wire.xml')).toBe(polls + 1);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^exits_websub_subscriptions_active 1$/m);
      expect(metrics).toMatch(/^exits_websub_deliveries_total\{outcome="accepted",reason="ok"\} 1$/m);
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      await hub.close();
      await feeds.close();
    }
  });

  it('refuses to start with push.publicUrl but no health server to receive the callbacks', async () => {
    const bot = startBot(writeConfig('no-health', 'http://127.0.0.1:9/feed.xml', 'https://exits.example.com'));
    const code = await bot.exited;
    expect(code).not.toBe(0);
    expect(JSON.stringify(bot.logs) + bot.stdout()).toMatch(/push\.publicUrl is set but the health server is off: set health\.port \(or HEALTH_PORT\)/);
  });
});
