/**
 * Chaos on Redis (opt-in: EXITS_CHAOS=short|full, with REDIS_URL): replicas killed and restarted at
 * random while Discord, for a while, creates messages but answers 500; and a Redis of the test's own
 * stopped and restarted, with its data and without it. Every change must be in the channel once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { CHANNEL, FULL, MODE, REDIS, sleep } from './harness.ts';
import { type PrivateRedis, REDIS_SERVER, startPrivateRedis } from './private-redis.ts';
import { describeOutcome, type Outcome, runScenario, type Scenario } from './scenario.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-chaos-redis-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SIZE = FULL
  ? { feeds: 40, changes: 150, publishMs: 180_000, settleMs: 60_000 }
  : { feeds: 8, changes: 12, publishMs: 10_000, settleMs: 25_000 };
const DOWN_MS = FULL ? 20_000 : 4000;
const timeout = SIZE.publishMs + SIZE.settleMs + DOWN_MS + 90_000;

function expectClean(o: Outcome): void {
  console.log(describeOutcome(o));
  expect(o.stop.codes.every((c) => c === 0)).toBe(true);
  expect(o.stop.ms).toBeLessThan(10_000);
  expect({ seed: o.seed, lost: o.lost, twice: o.twice, sameId: o.sameId }).toEqual({ seed: o.seed, lost: [], twice: [], sameId: [] });
}

describe.runIf(MODE && REDIS)(`chaos: replicas on Redis (${MODE ?? 'off'})`, () => {
  it('three replicas killed and restarted, Discord creating then answering 500 for a while', async () => {
    const prefix = `exits-chaos-${process.pid}-${Date.now()}`;
    const s: Scenario = {
      ...{ name: 'replicas', ...SIZE, bots: 3, chat: 'discord', kills: FULL ? { minMs: 3000, maxMs: 8000 } : { minMs: 2500, maxMs: 4500 } },
      store: () => `${REDIS}${REDIS?.endsWith('/') ? '' : '/'}?prefix=${prefix}`,
      async during({ discord, publishMs }) {
        await sleep(publishMs * 0.3);
        discord?.fault(CHANNEL, { status: 500, afterCreate: true });
        await sleep(Math.min(30_000, Math.max(4000, publishMs * 0.3)));
        discord?.clearFaults();
      },
    };
    const o = await runScenario(server, dir, s);
    expectClean(o);
    expect(o.kills).toBeGreaterThan(0);
  }, timeout);
});

describe.runIf(MODE && REDIS_SERVER)(`chaos: Redis stopped and restarted (${MODE ?? 'off'})`, () => {
  let redis: PrivateRedis | undefined;
  afterAll(async () => redis?.stop(false));

  /** Two replicas on a Redis of this test's own, stopped for DOWN_MS at a third of the publishing. */
  async function restarted(name: string, keepData: boolean): Promise<Outcome> {
    redis = await startPrivateRedis(join(dir, `redis-${name}`));
    const private_ = redis;
    const s: Scenario = {
      ...{ name, ...SIZE, bots: 2, chat: 'discord' },
      store: () => `${private_.url}/?prefix=exits-${name}`,
      async during({ publishMs }) {
        await sleep(publishMs * 0.3);
        await private_.stop(keepData);
        await sleep(DOWN_MS);
        await private_.start();
      },
    };
    const o = await runScenario(server, dir, s);
    await private_.stop(false);
    redis = undefined;
    return o;
  }

  it('with its data: nothing lost, nothing twice', async () => {
    const o = await restarted('redis-kept', true);
    expectClean(o);
    expect(o.codes.STORE_LOST ?? 0).toBe(0);
  }, timeout);

  it('without its data: the loss is noticed, and still nothing lost, nothing twice', async () => {
    const o = await restarted('redis-emptied', false);
    expectClean(o);
    expect(o.codes.STORE_LOST ?? 0).toBeGreaterThan(0);
  }, timeout);
});
