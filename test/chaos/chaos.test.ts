/**
 * Chaos, counted from outside: changes are published into many feeds over time while replicas on one
 * Redis are killed (SIGKILL) and restarted at random, and Discord, for a while, creates messages but
 * answers 500; at the end every change must be in the Discord channel exactly once. Opt-in, as it takes a while: EXITS_CHAOS=short (about a minute, what .ci/run
 * runs) or EXITS_CHAOS=full (150 changes over 3 minutes), with REDIS_URL set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../e2e/run-cli.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FeedServer, liveFeed, startFeedServer } from '../fakes/feed-server.ts';

const MODE = process.env.EXITS_CHAOS;
const REDIS = process.env.REDIS_URL;
const SIZE =
  MODE === 'full'
    ? { changes: 150, feeds: 40, publishMs: 180_000, cleanMs: 20_000, replicas: 3 }
    : { changes: 30, feeds: 10, publishMs: 25_000, cleanMs: 15_000, replicas: 3 };
const CHANNEL = '700000000000000001';
const FIRST = ['Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Jonas', 'Kavya', 'Lucas', 'Marta', 'Nils', 'Olga'];
const LAST = ['Moreau', 'Lindqvist', 'Okafor', 'Petrov', 'Quintero', 'Rahman', 'Sato', 'Ueda', 'Varga', 'Weber'];
const ORGS = ['Anthropic', 'Mistral AI', 'Cohere', 'xAI', 'Hugging Face'];

let server: FeedServer;
let discord: FakeDiscord;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  discord = await startFakeDiscord({ channels: [CHANNEL], token: 'chaos-token' });
  dir = mkdtempSync(join(tmpdir(), 'exits-chaos-'));
});
afterAll(async () => {
  await Promise.all([server?.close(), discord?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A seeded generator, so a failing run can be replayed with the same kills. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Replica {
  id: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

describe.runIf(MODE && REDIS)(`chaos (${MODE ?? 'off'})`, () => {
  it('loses no change and posts none twice while replicas are killed and restarted', async () => {
    const feeds = Array.from({ length: SIZE.feeds }, (_, n) => liveFeed(server, `/chaos/${n}.xml`));
    const config = join(dir, 'chaos.yaml');
    writeFileSync(
      config,
      [
        'schedule: "* * * * * *"',
        // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
        'polling: { adaptive: false }',
        'maxAgeHours: 1000000',
        'postOnFirstSight: true',
        'backoff: { baseSeconds: 1, maxSeconds: 4 }',
        'feeds:',
        ...feeds.map((f, n) => `  - { name: outlet${n}, url: "${f.url}" }`),
        `discord: { channels: [ { id: "${CHANNEL}" } ] }`,
      ].join('\n'),
    );
    const seed = Number(process.env.EXITS_CHAOS_SEED ?? Date.now() % 100_000);
    const random = prng(seed);
    const store = `${REDIS}${REDIS?.endsWith('/') ? '' : '/'}?prefix=exits-chaos-${process.pid}-${seed}`;
    const start = (id: string): Replica => {
      const { REDIS_URL: _r, ...base } = process.env;
      const child = spawn(process.execPath, [BIN, 'run', '--config', config, '--store', store], {
        env: { ...base, DISCORD_TOKEN: 'chaos-token', DISCORD_API_URL: discord.url, DISCORD_APPLICATION_ID: '1', EXITS_REPLICA_ID: id },
        stdio: 'ignore',
      });
      return { id, child, exited: new Promise((r) => child.on('close', (code) => r(code))) };
    };
    const replicas = Array.from({ length: SIZE.replicas }, (_, i) => start(`c${i + 1}`));
    // The first sight of the (empty) feeds, before anything is published.
    await sleep(4000);

    const people: string[] = [];
    for (let i = 0; i < SIZE.changes; i++) people.push(`${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
    expect(new Set(people).size).toBe(SIZE.changes);
    let kills = 0;
    const killer = (async () => {
      const until = Date.now() + SIZE.publishMs;
      while (Date.now() < until) {
        await sleep(3000 + random() * 5000);
        const i = Math.floor(random() * replicas.length);
        const victim = replicas[i] as Replica;
        victim.child.kill('SIGKILL');
        await victim.exited;
        kills++;
        await sleep(500 + random() * 1500);
        replicas[i] = start(victim.id);
      }
    })();
    // Midway, Discord creates messages but answers 500 for a while (its answers lost): no retry storm,
    // and no card twice once it answers again.
    const outage = (async () => {
      await sleep(SIZE.publishMs * 0.4);
      discord.fault(CHANNEL, { status: 500, afterCreate: true });
      await sleep(Math.min(30_000, SIZE.publishMs * 0.3));
      discord.clearFaults();
    })();
    // Each change in one feed, every fifth also in a second outlet (one card for both).
    for (const [i, person] of people.entries()) {
      const title = `${person} steps down as chief technology officer of ${ORGS[i % ORGS.length]}`;
      feeds[i % feeds.length]?.add(`chaos-${i}`, title);
      if (i % 5 === 0) feeds[(i + 1) % feeds.length]?.add(`chaos-${i}-again`, `${title} after two years`);
      await sleep(SIZE.publishMs / SIZE.changes);
    }
    await Promise.all([killer, outage]);
    await sleep(SIZE.cleanMs);

    // SIGTERM, even in the middle of a cycle: every replica is gone, with exit 0, within 10 s.
    const stopped = Date.now();
    for (const r of replicas) r.child.kill('SIGTERM');
    const codes = await Promise.all(replicas.map((r) => r.exited));
    expect(codes).toEqual(replicas.map(() => 0));
    expect(Date.now() - stopped).toBeLessThan(10_000);

    const cards = discord.messages.filter((m) => m.channelId === CHANNEL);
    const titleOf = (m: (typeof cards)[number]) => String((m.body.embeds as { title?: string }[] | undefined)?.[0]?.title ?? '');
    const count = new Map(people.map((p) => [p, cards.filter((m) => titleOf(m).startsWith(`${p} `)).length]));
    const lost = people.filter((p) => count.get(p) === 0);
    const twice = people.filter((p) => (count.get(p) ?? 0) > 1);
    const answered500 = discord.requests.filter((r) => r.method === 'POST' && r.status === 500).length;
    console.log(
      `chaos seed ${seed}: ${SIZE.changes} changes, ${kills} kills, ${cards.length} cards, lost ${lost.length}, ` +
        `twice ${twice.length}, ${answered500} posts answered 500 during the outage`,
    );
    expect({ seed, lost, twice }).toEqual({ seed, lost: [], twice: [] });
  }, SIZE.publishMs + SIZE.cleanMs + 120_000);
});
