/**
 * One chaos scenario from start to count: fresh chat fakes, feeds on the shared feed server, bots as child
 * processes (killed and restarted at random when asked), changes published over time while `during`
 * makes its trouble, then a wait until every change is in the channel (bounded) and a quiet time longer
 * than the fake's nonce window (a late re-send would show there), SIGTERM to every bot, and the count.
 */
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import type { FeedServer } from '../fakes/feed-server.ts';
import {
  type Bot,
  CHANNEL,
  type Count,
  countDiscord,
  countSlack,
  type Feed,
  feedsFor,
  killer,
  NONCE_WINDOW_MS,
  peopleFor,
  prng,
  publish,
  seedOf,
  sleep,
  startBot,
  stopAll,
  writeConfig,
} from './harness.ts';

export interface Trouble {
  discord?: FakeDiscord;
  slack?: FakeSlack;
  bots: Bot[];
  /** When publishing ends (ms since the epoch). */
  until: number;
  publishMs: number;
}

export interface Scenario {
  name: string;
  feeds: number;
  changes: number;
  publishMs: number;
  /** The longest wait after publishing for every change to arrive. */
  settleMs: number;
  bots: number;
  /** The store URL for this scenario. */
  store: (name: string) => string;
  chat: 'discord' | 'slack';
  kills?: { minMs: number; maxMs: number };
  schedule?: string;
  env?: Record<string, string>;
  during?: (t: Trouble) => Promise<void>;
}

export interface Outcome extends Count {
  name: string;
  seed: number;
  changes: number;
  kills: number;
  stop: { codes: (number | null)[]; ms: number };
  /** POSTs of new messages the chat fake answered with an error. */
  failedPosts: number;
  /** The most POSTs one card took (Discord: requests with its nonce). */
  maxTries: number;
  /** Log codes the bots wrote (STORE_LOST, ...), counted. */
  codes: Record<string, number>;
}

/** Waits until `ok` holds or `ms` passed. */
async function settle(ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await sleep(250);
}

/** Waits until every feed was read once (their first sight, while still empty), then a little more. */
async function firstSight(server: FeedServer, feeds: Feed[]): Promise<void> {
  const paths = feeds.map((f) => new URL(f.url).pathname);
  await settle(() => paths.every((p) => server.requests(p) > 0), 30_000);
  await sleep(1500);
}

export async function runScenario(server: FeedServer, dir: string, s: Scenario): Promise<Outcome> {
  const discord = s.chat === 'discord' ? await startFakeDiscord({ channels: [CHANNEL], token: 'chaos-token', nonceWindowMs: NONCE_WINDOW_MS }) : undefined;
  const slack = s.chat === 'slack' ? await startFakeSlack({ botToken: 'xoxb-chaos', appToken: 'xapp-chaos' }) : undefined;
  const feeds = feedsFor(server, s.name, s.feeds);
  const config = writeConfig(dir, s.name, { feeds, discord: !!discord, slack: !!slack, schedule: s.schedule });
  const store = s.store(s.name);
  const seed = seedOf();
  const random = prng(seed);
  const codes: string[] = [];
  const start = (id: string) => {
    const bot = startBot(id, config, store, { discord, slack }, s.env);
    bot.codes = codes;
    return bot;
  };
  const bots = Array.from({ length: s.bots }, (_, i) => start(`${s.name}-${i + 1}`));
  const people = peopleFor(s.changes);
  const count = () => (discord ? countDiscord(discord, people) : countSlack(slack as FakeSlack, people));
  try {
    await firstSight(server, feeds);
    const until = Date.now() + s.publishMs;
    const [kills] = await Promise.all([
      s.kills ? killer(bots, (b) => start(b.id), random, until, s.kills.minMs, s.kills.maxMs) : Promise.resolve(0),
      publish(feeds, people, s.publishMs),
      s.during?.({ discord, slack, bots, until, publishMs: s.publishMs }),
    ]);
    await settle(() => count().lost.length === 0, s.settleMs);
    // Longer than the fake keeps a nonce, and a few cycles: a late re-send of a card would show.
    await sleep(NONCE_WINDOW_MS + 2000);
    const stop = await stopAll(bots);
    const failedPosts = discord
      ? discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages') && r.status !== 200).length
      : (slack as FakeSlack).callsTo('chat.postMessage').filter((c) => c.status !== 200).length;
    const tries = new Map<string, number>();
    for (const r of discord?.requests ?? []) {
      const nonce = (r.body as { nonce?: string } | null)?.nonce;
      if (r.method === 'POST' && nonce) tries.set(nonce, (tries.get(nonce) ?? 0) + 1);
    }
    const tally: Record<string, number> = {};
    for (const c of codes) tally[c] = (tally[c] ?? 0) + 1;
    const maxTries = Math.max(0, ...tries.values());
    return { name: s.name, seed, changes: s.changes, kills, stop, failedPosts, maxTries, codes: tally, ...count() };
  } finally {
    for (const b of bots) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    await Promise.all([discord?.close(), slack?.close()]);
  }
}

/** One line per scenario, for the report. */
export function describeOutcome(o: Outcome): string {
  const codes = Object.entries(o.codes)
    .map(([c, n]) => `${c}x${n}`)
    .join(' ');
  return (
    `chaos ${o.name} seed ${o.seed}: ${o.changes} changes, ${o.kills} kills, ${o.cards} cards, lost ${o.lost.length}, ` +
    `twice ${o.twice.length} (same id on two cards: ${o.sameId.length}), ${o.failedPosts} posts failed` +
    `${o.maxTries ? ` (at most ${o.maxTries} posts for one card)` : ''}, ` +
    `SIGTERM: exit ${o.stop.codes.join(',')} in ${o.stop.ms} ms${codes ? `; codes ${codes}` : ''}`
  );
}
