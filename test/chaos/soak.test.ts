/**
 * Soak (EXITS_CHAOS=full only): one bot on SQLite reads many feeds on fast ticks for ten minutes while
 * changes trickle in; its resident memory is sampled throughout. Nothing lost, nothing twice, and the
 * memory at the end near that at the start (no leak).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { FULL, rssMb, sleep } from './harness.ts';
import { describeOutcome, runScenario } from './scenario.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-chaos-soak-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const MINUTES = Number(process.env.EXITS_SOAK_MINUTES ?? 10);

describe.runIf(FULL)('chaos: soak', () => {
  it('many feeds, ticks every 2 s: nothing lost, nothing twice, memory steady', async () => {
    const samples: number[] = [];
    const o = await runScenario(server, dir, {
      ...{ name: 'soak', feeds: 300, changes: 190, publishMs: MINUTES * 60_000, settleMs: 60_000, bots: 1 },
      store: (name) => `sqlite://${join(dir, `${name}.sqlite`)}`,
      chat: 'discord',
      schedule: '*/2 * * * * *',
      async during({ bots, until }) {
        while (Date.now() < until) {
          const pid = bots[0]?.child.pid;
          if (pid) samples.push(rssMb(pid));
          await sleep(5000);
        }
      },
    });
    const [start, end, max] = [samples[1] ?? 0, samples.at(-1) ?? 0, Math.max(...samples)];
    console.log(`${describeOutcome(o)}; RSS start ${start} MB, end ${end} MB, max ${max} MB (${samples.length} samples)`);
    expect(o.stop.codes).toEqual([0]);
    expect({ lost: o.lost, twice: o.twice, sameId: o.sameId }).toEqual({ lost: [], twice: [], sameId: [] });
    expect(end).toBeLessThan(start * 1.5 + 50);
  }, (MINUTES * 60 + 240) * 1000);
});
