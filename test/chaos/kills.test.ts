/**
 * Chaos, counted from outside (opt-in: EXITS_CHAOS=short|full): one bot on SQLite, SIGKILLed every few
 * seconds and restarted while changes are published, on Discord and on Slack. Every change must be in
 * the channel once: a re-send past the fake's nonce window would be a second card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { FULL, MODE, sleep } from './harness.ts';
import { describeOutcome, runScenario, type Scenario } from './scenario.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-chaos-kills-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SIZE = FULL
  ? { feeds: 40, changes: 150, publishMs: 180_000, settleMs: 60_000, kills: { minMs: 5000, maxMs: 15_000 } }
  : { feeds: 6, changes: 10, publishMs: 10_000, settleMs: 20_000, kills: { minMs: 2500, maxMs: 4500 } };
const sqlite = (name: string) => `sqlite://${join(dir, `${name}.sqlite`)}`;
const timeout = SIZE.publishMs + SIZE.settleMs + 90_000;

describe.runIf(MODE)(`chaos: one bot on SQLite, killed and restarted (${MODE ?? 'off'})`, () => {
  it('Discord: loses no change and posts none twice', async () => {
    const s: Scenario = { name: 'sqlite-discord', ...SIZE, bots: 1, store: sqlite, chat: 'discord' };
    const o = await runScenario(server, dir, s);
    console.log(describeOutcome(o));
    expect(o.stop.codes).toEqual([0]);
    expect(o.stop.ms).toBeLessThan(10_000);
    expect({ seed: o.seed, lost: o.lost, twice: o.twice, sameId: o.sameId }).toEqual({ seed: o.seed, lost: [], twice: [], sameId: [] });
    expect(o.kills).toBeGreaterThan(0);
  }, timeout);

  it('Slack, with some posts whose answer is lost: loses no change and posts none twice', async () => {
    const s: Scenario = {
      ...{ name: 'sqlite-slack', ...SIZE, bots: 1, store: sqlite, chat: 'slack' },
      async during({ slack, publishMs }) {
        await sleep(publishMs * 0.4);
        slack?.postThenHang(FULL ? 10 : 2);
      },
    };
    const o = await runScenario(server, dir, s);
    console.log(describeOutcome(o));
    expect(o.stop.codes).toEqual([0]);
    expect(o.stop.ms).toBeLessThan(10_000);
    expect({ seed: o.seed, lost: o.lost, twice: o.twice, sameId: o.sameId }).toEqual({ seed: o.seed, lost: [], twice: [], sameId: [] });
  }, timeout);
});
