/**
 * Chaos on Discord (opt-in: EXITS_CHAOS=short|full): one bot on SQLite while Discord answers 429 (with
 * Retry-After) and 500 for a while, and while it creates messages but answers 500 (their answers lost),
 * with the fake keeping nonces only a few seconds, so only looking in the channel keeps a card from
 * being posted twice. And SIGTERM in the middle of a cycle stuck on a send: exit 0 within 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { CHANNEL, feedsFor, FULL, MODE, sleep, startBot, stopAll, writeConfig } from './harness.ts';
import { describeOutcome, type Outcome, runScenario, type Scenario } from './scenario.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-chaos-discord-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SIZE = FULL
  ? { feeds: 40, changes: 150, publishMs: 180_000, settleMs: 90_000 }
  : { feeds: 6, changes: 10, publishMs: 10_000, settleMs: 25_000 };
/** How long each kind of trouble lasts: the issue's 30 s in full, a few seconds in short. */
const OUTAGE_MS = FULL ? 30_000 : 4000;
const sqlite = (name: string) => `sqlite://${join(dir, `${name}.sqlite`)}`;
const timeout = SIZE.publishMs + SIZE.settleMs + 90_000;

function expectClean(o: Outcome): void {
  console.log(describeOutcome(o));
  expect(o.stop.codes).toEqual([0]);
  expect(o.stop.ms).toBeLessThan(10_000);
  expect({ seed: o.seed, lost: o.lost, twice: o.twice, sameId: o.sameId }).toEqual({ seed: o.seed, lost: [], twice: [], sameId: [] });
}

describe.runIf(MODE)(`chaos: Discord in trouble (${MODE ?? 'off'})`, () => {
  it('a 429 storm (Retry-After), then 500s: nothing lost, nothing twice, a few tries per card', async () => {
    const s: Scenario = {
      ...{ name: 'discord-storm', ...SIZE, bots: 1, store: sqlite, chat: 'discord' },
      async during({ discord, publishMs }) {
        await sleep(publishMs * 0.2);
        discord?.fault(CHANNEL, { status: 429, retryAfter: FULL ? 5 : 1, method: 'POST' });
        await sleep(OUTAGE_MS);
        discord?.fault(CHANNEL, { status: 500 });
        await sleep(OUTAGE_MS);
        discord?.clearFaults();
      },
    };
    const o = await runScenario(server, dir, s);
    expectClean(o);
    expect(o.failedPosts).toBeGreaterThan(0);
    // discord.js tries a 5xx three times in one send; per-card backoff keeps the sends few.
    expect(o.maxTries).toBeLessThanOrEqual(FULL ? 24 : 15);
  }, timeout);

  it('created, then answered 500 (answers lost), past the nonce window: nothing twice', async () => {
    const s: Scenario = {
      ...{ name: 'discord-lost-answers', ...SIZE, bots: 1, store: sqlite, chat: 'discord' },
      async during({ discord, publishMs }) {
        await sleep(publishMs * 0.2);
        discord?.fault(CHANNEL, { status: 500, afterCreate: true });
        await sleep(OUTAGE_MS);
        discord?.clearFaults();
      },
    };
    const o = await runScenario(server, dir, s);
    expectClean(o);
    expect(o.failedPosts).toBeGreaterThan(0);
  }, timeout);

  it('SIGTERM while a cycle waits on a send that is never answered: exit 0 within 10 s', async () => {
    const discord = await startFakeDiscord({ channels: [CHANNEL], token: 'chaos-token' });
    const feeds = feedsFor(server, 'sigterm', 3);
    const config = writeConfig(dir, 'sigterm', { feeds, discord: true });
    const bot = startBot('sigterm', config, sqlite('sigterm'), { discord }, { EXITS_CHAT_TIMEOUT_MS: '8000' });
    try {
      while (feeds.some((f) => server.requests(new URL(f.url).pathname) === 0)) await sleep(100);
      await sleep(1500);
      discord.fault(CHANNEL, { status: 'hang' });
      feeds[0]?.add('busy', 'Ada Lovelace steps down as chief technology officer of Cohere', new Date());
      while (discord.hanging === 0) await sleep(50);
      const stop = await stopAll([bot]);
      console.log(`chaos sigterm: a send hanging, exit ${stop.codes[0]} in ${stop.ms} ms`);
      expect(stop.codes).toEqual([0]);
      expect(stop.ms).toBeLessThan(10_000);
    } finally {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
      await discord.close();
    }
  }, 60_000);
});
