/**
 * What the chaos scenarios share: their sizes, the changes and how they are published, bots as child
 * processes (bin/exits.js) that can be killed and restarted, and the count of every change in the channel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../e2e/run-cli.ts';
import type { FakeDiscord } from '../fakes/fake-discord.ts';
import type { FakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, liveFeed } from '../fakes/feed-server.ts';

export const MODE = process.env.EXITS_CHAOS;
export const FULL = MODE === 'full';
export const REDIS = process.env.REDIS_URL;
export const CHANNEL = '700000000000000001';
export const SLACK_CHANNEL = 'C0CHAOS';
/** Discord keeps a nonce "a few minutes"; the fake keeps it this long, and the bot trusts it for less. */
export const NONCE_WINDOW_MS = 3000;
export const BOT_NONCE_WINDOW_MS = 2000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded generator, so a failing run can be replayed with the same kills (EXITS_CHAOS_SEED). */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function seedOf(): number {
  return Number(process.env.EXITS_CHAOS_SEED ?? Date.now() % 100_000);
}

const FIRST = ['Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiroshi', 'Ines', 'Jonas', 'Kavya', 'Lucas', 'Marta', 'Nils', 'Olga'];
const LAST = ['Moreau', 'Lindqvist', 'Okafor', 'Petrov', 'Quintero', 'Rahman', 'Sato', 'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zeller'];
const ORGS = ['Anthropic', 'Mistral AI', 'Cohere', 'xAI', 'Hugging Face'];

/** `n` distinct people (n <= 195). */
export function peopleFor(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
}

export type Feed = ReturnType<typeof liveFeed>;

export function feedsFor(server: FeedServer, name: string, n: number): Feed[] {
  return Array.from({ length: n }, (_, i) => liveFeed(server, `/chaos/${name}/${i}.xml`));
}

/**
 * Publishes one change per person over `ms`, each in one feed, every fifth also in a second outlet (one
 * card for both); items are dated when they are published.
 */
export async function publish(feeds: Feed[], people: string[], ms: number, offset = 0): Promise<void> {
  for (const [i, person] of people.entries()) {
    const title = `${person} steps down as chief technology officer of ${ORGS[i % ORGS.length]}`;
    const n = i + offset;
    feeds[n % feeds.length]?.add(`chaos-${n}`, title, new Date());
    if (i % 5 === 0) feeds[(n + 1) % feeds.length]?.add(`chaos-${n}-again`, `${title} after two years`, new Date());
    await sleep(ms / people.length);
  }
}

export interface BotConfig {
  feeds: Feed[];
  discord?: boolean;
  slack?: boolean;
  schedule?: string;
}

export function writeConfig(dir: string, name: string, c: BotConfig): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `schedule: "${c.schedule ?? '* * * * * *'}"`,
      // Every feed at every tick: changes are published while the bots run (adaptive polling has its own tests).
      'polling: { adaptive: false }',
      'maxAgeHours: 1000000',
      'backoff: { baseSeconds: 1, maxSeconds: 4 }',
      'feeds:',
      ...c.feeds.map((f, n) => `  - { name: outlet${n}, url: "${f.url}" }`),
      ...(c.discord ? [`discord: { channels: [ { id: "${CHANNEL}" } ] }`] : []),
      ...(c.slack ? [`slack: { channels: [ { id: "${SLACK_CHANNEL}" } ] }`] : []),
    ].join('\n'),
  );
  return file;
}

export interface Bot {
  id: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Log lines (JSON) with a `code`, and every line's `msg`, kept small. */
  codes: string[];
}

export interface Fakes {
  discord?: FakeDiscord;
  slack?: FakeSlack;
}

/** Starts `exits run` on `config` and `store`, with the fakes' addresses; its log codes are kept. */
export function startBot(id: string, config: string, store: string, fakes: Fakes, env: Record<string, string> = {}): Bot {
  const { REDIS_URL: _r, EXITS_CONFIG: _c, ...base } = process.env;
  const child = spawn(process.execPath, ['--max-old-space-size=512', BIN, 'run', '--config', config, '--store', store], {
    env: {
      ...base,
      EXITS_REPLICA_ID: id,
      EXITS_CHAT_TIMEOUT_MS: '2000',
      ...(fakes.discord
        ? {
            DISCORD_TOKEN: 'chaos-token',
            DISCORD_API_URL: fakes.discord.url,
            DISCORD_APPLICATION_ID: '1',
            EXITS_DISCORD_NONCE_WINDOW_MS: String(BOT_NONCE_WINDOW_MS),
          }
        : {}),
      ...(fakes.slack ? { SLACK_BOT_TOKEN: 'xoxb-chaos', SLACK_APP_TOKEN: 'xapp-chaos', SLACK_API_URL: fakes.slack.apiUrl } : {}),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bot: Bot = { id, child, exited: new Promise((r) => child.on('close', (code) => r(code))), codes: [] };
  let rest = '';
  // EXITS_CHAOS_LOGS=DIR keeps every bot's log there (one file per replica id), to read a failing run.
  const keep = process.env.EXITS_CHAOS_LOGS;
  child.stderr?.on('data', (d: Buffer) => {
    if (keep) appendFileSync(join(keep, `${id}.log`), d);
    const lines = (rest + d.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const code = /"code":"([A-Z_]+)"/.exec(line)?.[1];
      if (code) bot.codes.push(code);
    }
  });
  return bot;
}

/**
 * Kills (SIGKILL) a random bot every `minMs`-`maxMs` until `untilMs`, restarting it after a short pause;
 * resolves with the number of kills.
 */
export async function killer(bots: Bot[], restart: (b: Bot) => Bot, random: () => number, untilMs: number, minMs = 3000, maxMs = 6000): Promise<number> {
  let kills = 0;
  while (Date.now() + minMs < untilMs) {
    await sleep(minMs + random() * (maxMs - minMs));
    const i = Math.floor(random() * bots.length);
    const victim = bots[i] as Bot;
    victim.child.kill('SIGKILL');
    await victim.exited;
    kills++;
    await sleep(300 + random() * 1200);
    bots[i] = restart(victim);
  }
  return kills;
}

/** SIGTERM to every bot (in the middle of a cycle, as it comes): their exit codes and the time to the last exit. */
export async function stopAll(bots: Bot[]): Promise<{ codes: (number | null)[]; ms: number }> {
  const started = Date.now();
  for (const b of bots) b.child.kill('SIGTERM');
  const codes = await Promise.all(bots.map((b) => b.exited));
  return { codes, ms: Date.now() - started };
}

export interface Count {
  cards: number;
  lost: string[];
  twice: string[];
  /** Footer ids (Discord) or metadata keys (Slack) found on more than one message. */
  sameId: string[];
}

function tally(people: string[], texts: string[], ids: string[]): Count {
  const count = new Map(people.map((p) => [p, texts.filter((t) => t.includes(p)).length]));
  const byId = new Map<string, number>();
  for (const id of ids) if (id) byId.set(id, (byId.get(id) ?? 0) + 1);
  return {
    cards: texts.length,
    lost: people.filter((p) => count.get(p) === 0),
    twice: people.filter((p) => (count.get(p) ?? 0) > 1),
    sameId: [...byId].filter(([, n]) => n > 1).map(([id]) => id),
  };
}

/** Each change's cards in the Discord channel, by title and by the id in the footer. */
export function countDiscord(discord: FakeDiscord, people: string[]): Count {
  const cards = discord.messages.filter((m) => m.channelId === CHANNEL && Array.isArray(m.body.embeds));
  const embed = (m: (typeof cards)[number]) => (m.body.embeds as { title?: string; footer?: { text?: string } }[])[0];
  const ids = cards.map((m) => /id (\w+)$/.exec(embed(m)?.footer?.text ?? '')?.[1] ?? '');
  return tally(people, cards.map((m) => String(embed(m)?.title ?? '')), ids);
}

/** Each change's cards in the Slack channel, by text and by the key in the metadata. */
export function countSlack(slack: FakeSlack, people: string[]): Count {
  const cards = slack.messages.filter((m) => m.method === 'chat.postMessage' && m.channel === SLACK_CHANNEL);
  const key = (m: (typeof cards)[number]) => {
    try {
      return String((JSON.parse(m.params.metadata ?? '{}') as { event_payload?: { key?: string } }).event_payload?.key ?? '');
    } catch {
      return '';
    }
  };
  return tally(people, cards.map((m) => m.text), cards.map(key));
}

/** The resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Math.round(Number(kb) / 1024) : 0;
}
