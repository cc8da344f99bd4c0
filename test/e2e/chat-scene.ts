/**
 * The scene of the chat fault tests: both fakes, a live feed, and `exits run` polling every second with
 * Discord (gateway) and Slack (Socket Mode) on. Shared by chat-drops.test.ts and chat-faults.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, liveFeed, startFeedServer } from '../fakes/feed-server.ts';
import { type BotProcess, type LogLine, startBot } from './bot-process.ts';

export const DISCORD_CHANNELS = ['310000000000000001', '310000000000000002'];
export const SLACK_CHANNELS = ['C0FAULTS1', 'C0FAULTS2'];
export const DISCORD_TOKEN = 'discord-faults-token';
export const SLACK_BOT_TOKEN = 'xoxb-faults-token';
export const SLACK_APP_TOKEN = 'xapp-faults-token';

let feeds: FeedServer;
let dir: string;

/** Starts the feed server and a temp folder for the scenes of a test file, and removes them after it. */
export function useScenes(): void {
  beforeAll(async () => {
    feeds = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'exits-chat-faults-'));
  });
  afterAll(async () => {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Fails with `what` (and the bot's last log lines) instead of waiting for the test timeout. */
export async function expectSoon(work: Promise<unknown>, what: string, bot: BotProcess, ms = 45_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const tail = bot.logs.slice(-12).map((l) => JSON.stringify(l)).join('\n');
      reject(new Error(`${what}: not seen after ${ms / 1000} s\nlast log lines:\n${tail}`));
    }, ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `check` holds, polling (fake state changes outside the bot's log); gives up after `ms`. */
export function until(check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met'));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

export const text = (l: LogLine) => (typeof l.msg === 'string' ? l.msg : '');
export const isCycleDone = (l: LogLine) => text(l).startsWith('cycle done');
/** pino levels */
export const WARN = 40;
export const ERROR = 50;

export interface Scene {
  discord: FakeDiscord;
  slack: FakeSlack;
  feed: ReturnType<typeof liveFeed>;
  bot: BotProcess;
  /** Discord cards about `who`, per configured channel. */
  discordCards(who: string): number[];
  /** Slack cards (chat.postMessage) about `who`, per configured channel. */
  slackCards(who: string): number[];
  /** Log lines whose message contains `part`. */
  logged(part: string): LogLine[];
  /** Resolves once a log line at or after index `from` passes `test`. */
  waitLog(test: (l: LogLine) => boolean, what: string, from?: number): Promise<void>;
  /** SIGTERM (SIGKILL if it hangs), then closes the fakes; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Both fakes, a live feed holding `seed` (recorded at first sight, not posted), and `exits run` polling
 * every second with both chat platforms on, in Socket Mode and over the Discord gateway.
 */
export async function scene(name: string, seed: string, env: Record<string, string> = {}): Promise<Scene> {
  const discord = await startFakeDiscord({ channels: DISCORD_CHANNELS, token: DISCORD_TOKEN, heartbeatIntervalMs: 1000 });
  const slack = await startFakeSlack({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN });
  const feed = liveFeed(feeds, `/live-${name}.xml`);
  feed.add('seed', seed);
  const config = join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    [
      'schedule: "* * * * * *"',
      // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
      'polling: { adaptive: false }',
      `store: sqlite://${join(dir, `${name}.sqlite`)}`,
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      `feeds: [ { name: live, url: "${feed.url}" } ]`,
      `discord: { channels: [ ${DISCORD_CHANNELS.map((id) => `{ id: "${id}" }`).join(', ')} ] }`,
      `slack: { channels: [ ${SLACK_CHANNELS.map((id) => `{ id: "${id}" }`).join(', ')} ] }`,
    ].join('\n'),
  );
  const bot = startBot(config, {
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.url,
    DISCORD_APPLICATION_ID: discord.applicationId,
    SLACK_BOT_TOKEN,
    SLACK_APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    EXITS_REPLICA_ID: `faults-${name}`,
    ...env,
  });
  let stopped: Promise<void> | undefined;
  const s: Scene = {
    discord,
    slack,
    feed,
    bot,
    discordCards: (who) =>
      DISCORD_CHANNELS.map(
        (ch) => discord.messages.filter((m) => m.channelId === ch && JSON.stringify(m.body.embeds).includes(who)).length,
      ),
    slackCards: (who) =>
      SLACK_CHANNELS.map(
        (ch) =>
          slack.messages.filter((m) => m.method === 'chat.postMessage' && m.channel === ch && m.text.includes(who)).length,
      ),
    logged: (part) => bot.logs.filter((l) => text(l).includes(part)),
    waitLog: (test, what, from = 0) =>
      expectSoon(bot.waitFor(() => bot.logs.slice(from).some(test)), what, bot),
    stop() {
      stopped ??= (async () => {
        if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
        const timer = setTimeout(() => bot.child.kill('SIGKILL'), 15_000);
        await bot.exited;
        clearTimeout(timer);
        await Promise.all([discord.close(), slack.close()]);
      })();
      return stopped;
    },
  };
  try {
    await s.waitLog((l) => text(l).startsWith('Discord bot') && text(l).includes('connected'), 'the Discord login');
    await s.waitLog((l) => text(l).startsWith('slack: connected in Socket Mode'), 'the Slack socket');
    await s.waitLog(isCycleDone, 'a first cycle');
  } catch (err) {
    await s.stop();
    throw err;
  }
  return s;
}

/** Waits for `count` more finished cycles after log index `from`. */
export function cyclesAfter(s: Scene, from: number, count: number): Promise<void> {
  return s.waitLog(() => s.bot.logs.slice(from).filter(isCycleDone).length >= count, `${count} cycles`, from);
}


export const keptLines = (s: Scene, platform: 'discord' | 'slack') =>
  s.bot.logs.filter((l) => l.notifier === platform && text(l).includes('(kept in the outbox)'));

/** Index of the first cycle-done line that reports an alert sent. */
export const deliveredAt = (s: Scene) => s.bot.logs.findIndex((l) => isCycleDone(l) && l.alerts === 1);

