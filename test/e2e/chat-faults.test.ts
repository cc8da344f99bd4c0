/**
 * Chat faults while `exits run` runs against the real discord.js and @slack/bolt clients, pointed at the
 * loopback fakes: a Discord gateway or a Slack socket that drops, an outage longer than the clients' own
 * retries, a request that never gets an answer. Each test checks what reached the channels (every card
 * once per channel) and what the bot logged about it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { type BotProcess, type LogLine, startBot } from './bot-process.ts';

const DISCORD_CHANNELS = ['310000000000000001', '310000000000000002'];
const SLACK_CHANNELS = ['C0FAULTS1', 'C0FAULTS2'];
const DISCORD_TOKEN = 'discord-faults-token';
const SLACK_BOT_TOKEN = 'xoxb-faults-token';
const SLACK_APP_TOKEN = 'xapp-faults-token';

let feeds: FeedServer;
let dir: string;
beforeAll(async () => {
  feeds = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-chat-faults-'));
});
afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A feed whose items the test adds between polls; every item is published "now", so it may post. */
function liveFeed(path: string) {
  const items: { guid: string; title: string }[] = [];
  const published = new Date().toUTCString();
  feeds.setRoute(path, (_req, res) => {
    const body = items
      .map(
        (i) =>
          `<item><title>${i.title}</title><link>https://news.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${published}</pubDate></item>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>live</title>${body}</channel></rss>`);
  });
  return { url: `${feeds.url}${path}`, add: (guid: string, title: string) => items.push({ guid, title }) };
}

/** Fails with `what` (and the bot's last log lines) instead of waiting for the test timeout. */
async function expectSoon(work: Promise<unknown>, what: string, bot: BotProcess, ms = 45_000): Promise<void> {
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
function until(check: () => boolean, ms = 60_000): Promise<void> {
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

const text = (l: LogLine) => (typeof l.msg === 'string' ? l.msg : '');
const isCycleDone = (l: LogLine) => text(l).startsWith('cycle done');
/** pino levels */
const WARN = 40;
const ERROR = 50;

interface Scene {
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
async function scene(name: string, seed: string, env: Record<string, string> = {}): Promise<Scene> {
  const discord = await startFakeDiscord({ channels: DISCORD_CHANNELS, token: DISCORD_TOKEN, heartbeatIntervalMs: 1000 });
  const slack = await startFakeSlack({ botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN });
  const feed = liveFeed(`/live-${name}.xml`);
  feed.add('seed', seed);
  const config = join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    [
      'schedule: "* * * * * *"',
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
function cyclesAfter(s: Scene, from: number, count: number): Promise<void> {
  return s.waitLog(() => s.bot.logs.slice(from).filter(isCycleDone).length >= count, `${count} cycles`, from);
}

describe('Discord gateway drops', () => {
  it('resumes (or identifies again), posts the change made meanwhile once, and answers /exits after', async () => {
    const s = await scene('gateway', 'Ilya Sutskever resigns from OpenAI');
    const { discord, bot } = s;
    try {
      expect(discord.identifies).toHaveLength(1);

      // 1. Discord closes the socket with 4000 (Unknown error): discord.js resumes the session. A command typed
      //    while the bot is away is replayed by the gateway on RESUME and answered then.
      let mark = bot.logs.length;
      discord.dropGateway({ code: 4000 });
      s.feed.add('during-resume', 'Jan Leike leaves OpenAI to join Anthropic');
      const missed = discord.sendCommand('recent');
      await s.waitLog((l) => text(l).startsWith('Discord gateway resumed'), 'the resume', mark);
      expect(discord.resumes).toHaveLength(1);
      expect(discord.resumes[0]).toMatchObject({ token: DISCORD_TOKEN, session_id: 'fake-session-1' });
      expect(discord.identifies).toHaveLength(1);
      await expectSoon(until(() => discord.connections === 1), 'one gateway connection', bot);
      const replayed = await discord.callbackOf(missed.id);
      expect(replayed.body.type).toBe(4);
      const lost = s.logged('Discord gateway connection lost');
      expect(lost).toHaveLength(1);
      expect(lost[0]?.level).toBe(WARN);
      expect(s.logged('Discord gateway resumed')[0]).toMatchObject({ replayed: expect.any(Number) });

      // 2. Dropped again, and this time the session cannot be resumed (invalid session): it identifies anew.
      mark = bot.logs.length;
      discord.dropGateway({ code: 4000, resume: 'invalid' });
      await s.waitLog((l) => text(l).startsWith('Discord gateway reconnected with a new session'), 'the new session', mark);
      expect(discord.resumes).toHaveLength(2);
      expect(discord.identifies).toHaveLength(2);

      // 3. An outage: the TCP connection is cut and the gateway refuses new connections for a while.
      mark = bot.logs.length;
      discord.setGatewayDown(true);
      discord.dropGateway({ code: 'terminate' });
      s.feed.add('during-outage', 'Anthropic hires John Schulman away from OpenAI');
      await expectSoon(until(() => discord.refused >= 2), 'two refused reconnection attempts', bot);
      discord.setGatewayDown(false);
      await s.waitLog((l) => text(l).startsWith('Discord gateway reconnected'), 'the end of the outage', mark);
      expect(discord.identifies).toHaveLength(3);
      await expectSoon(until(() => discord.connections === 1), 'one gateway connection', bot);
      // One warning per outage, however many attempts failed in it.
      expect(s.logged('Discord gateway connection lost')).toHaveLength(3);

      // A command typed after the reconnect is answered.
      const after = await discord.callbackOf(discord.sendCommand('person', { name: 'Jan Leike' }).id);
      expect(after.body.type).toBe(4);
      expect(JSON.stringify(after.body)).toContain('Jan Leike');

      // The cards of both changes, once in each channel (the gateway is not needed to post).
      await expectSoon(
        until(() => s.discordCards('Schulman').every((n) => n >= 1) && s.slackCards('Schulman').every((n) => n >= 1)),
        'the card of the change made during the outage',
        bot,
      );
      await cyclesAfter(s, bot.logs.length, 2);
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
      expect(s.discordCards('Schulman')).toEqual([1, 1]);
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
      expect(s.slackCards('Schulman')).toEqual([1, 1]);
      expect(s.discordCards('Sutskever')).toEqual([0, 0]);
      expect(bot.logs.filter((l) => Number(l.level) >= ERROR)).toEqual([]);
      await s.stop();
      expect(await bot.exited).toBe(0);
      // Shutting down closes the gateway too; that is not an outage.
      expect(s.logged('Discord gateway connection lost')).toHaveLength(3);
    } finally {
      await s.stop();
    }
  }, 120_000);
});

describe('Slack Socket Mode drops', () => {
  it('reconnects through apps.connections.open and answers /exits after', async () => {
    const s = await scene('socket', 'Ilya Sutskever resigns from OpenAI');
    const { slack, bot } = s;
    try {
      expect(slack.callsTo('apps.connections.open')).toHaveLength(1);

      // 1. The TCP connection is cut with no close frame.
      let mark = bot.logs.length;
      slack.dropSockets('terminate');
      s.feed.add('during-drop', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog((l) => text(l).startsWith('slack: Socket Mode reconnected'), 'the reconnection', mark);
      expect(slack.callsTo('apps.connections.open')).toHaveLength(2);
      await expectSoon(until(() => slack.sockets() === 1), 'one socket', bot);
      const lost = s.logged('slack: Socket Mode connection lost');
      expect(lost).toHaveLength(1);
      expect(lost[0]?.level).toBe(WARN);

      let ack = await slack.pushSlashCommand({ text: 'person jan leike' });
      expect(ack.envelope_id).toBeTruthy();
      let [reply] = await slack.waitForResponses(1, 15_000);
      expect(reply?.body.response_type).toBe('in_channel');
      expect(JSON.stringify(reply?.body.blocks)).toContain('Jan Leike');

      // 2. Slack asks for a reconnect (it recycles its servers): routine, so said at info level.
      mark = bot.logs.length;
      slack.dropSockets('disconnect');
      await s.waitLog((l) => text(l).startsWith('slack: Socket Mode reconnected'), 'the second reconnection', mark);
      expect(slack.callsTo('apps.connections.open')).toHaveLength(3);
      expect(s.logged('slack: Socket Mode connection lost')).toHaveLength(1);
      expect(s.logged('slack: Slack asked to reconnect')).toHaveLength(1);

      ack = await slack.pushSlashCommand({ text: 'recent' });
      expect(ack.envelope_id).toBeTruthy();
      [, reply] = await slack.waitForResponses(2, 15_000);
      expect(reply?.body.response_type).toBe('in_channel');

      await cyclesAfter(s, bot.logs.length, 2);
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
      expect(bot.logs.filter((l) => Number(l.level) >= ERROR)).toEqual([]);
    } finally {
      await s.stop();
    }
  }, 120_000);

  it('keeps trying when apps.connections.open fails past its retries, instead of crashing', async () => {
    const s = await scene('socket-api-down', 'Ilya Sutskever resigns from OpenAI');
    const { slack, bot } = s;
    try {
      // The socket drops while Slack's API answers 503: the client's own retries (5) run out on the
      // first attempt, the next attempt gets through.
      const mark = bot.logs.length;
      slack.failNext('apps.connections.open', { status: 503 }, 6);
      slack.dropSockets('terminate');
      s.feed.add('during-drop', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog((l) => text(l).startsWith('slack: Socket Mode cannot reconnect'), 'the failed reconnection', mark);
      await s.waitLog((l) => text(l).startsWith('slack: Socket Mode reconnected'), 'the reconnection', mark);
      expect(bot.child.exitCode).toBeNull();
      const opens = slack.callsTo('apps.connections.open');
      expect(opens.map((c) => c.status)).toEqual([200, 503, 503, 503, 503, 503, 503, 200]);
      await expectSoon(until(() => slack.sockets() === 1), 'one socket', bot);

      // Said once each: lost, cannot reconnect (an error: /exits is down), back.
      expect(s.logged('slack: Socket Mode connection lost')).toHaveLength(1);
      const failed = s.logged('slack: Socket Mode cannot reconnect');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ level: ERROR, reason: 'http_503' });
      expect(bot.logs.filter((l) => Number(l.level) >= ERROR)).toEqual(failed);

      const ack = await slack.pushSlashCommand({ text: 'person jan leike' });
      expect(ack.envelope_id).toBeTruthy();
      const [reply] = await slack.waitForResponses(1, 15_000);
      expect(JSON.stringify(reply?.body.blocks)).toContain('Jan Leike');
      // Cards did not wait for the socket.
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
    } finally {
      await s.stop();
    }
  }, 150_000);
});

/** The "could not post … (kept in the outbox)" lines of one platform. */
const keptLines = (s: Scene, platform: 'discord' | 'slack') =>
  s.bot.logs.filter((l) => l.notifier === platform && text(l).includes('(kept in the outbox)'));

/** Index of the first cycle-done line that reports an alert sent. */
const deliveredAt = (s: Scene) => s.bot.logs.findIndex((l) => isCycleDone(l) && l.alerts === 1);

describe('a chat outage longer than the clients retry', () => {
  it('keeps the alert in the outbox while Discord and Slack fail, then posts it once per channel', async () => {
    const s = await scene('outage', 'Ilya Sutskever resigns from OpenAI');
    const { discord, slack, bot } = s;
    const [d1, d2] = DISCORD_CHANNELS as [string, string];
    const [c1, c2] = SLACK_CHANNELS as [string, string];
    try {
      // Discord answers 503 to every post; on the first channel it even creates the message before
      // answering 503 (a lost answer: the retries carry the same nonce and must not post it again).
      discord.fault(d1, { status: 503, afterCreate: true, method: 'POST' });
      discord.fault(d2, { status: 503, method: 'POST' });
      // Slack answers each post with a 503, then, to the retry, a 429 asking for two minutes: longer than
      // the bot waits within a cycle.
      for (let i = 0; i < 100; i++) {
        slack.failNext('chat.postMessage', { status: 503 });
        slack.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
      }
      s.feed.add('during-outage', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog(() => keptLines(s, 'discord').length >= 2 && keptLines(s, 'slack').length >= 2, 'two failed cycles');

      const discordKept = keptLines(s, 'discord');
      expect(discordKept[0]).toMatchObject({ level: ERROR, code: 'CHAT_UNDELIVERED' });
      expect(text(discordKept[0] as LogLine)).toContain('"Jan Leike leaves OpenAI to join Anthropic"');
      expect(text(discordKept[0] as LogLine)).toContain(`${d1}: 503 Service Unavailable`);
      expect(text(discordKept[0] as LogLine)).toContain(`${d2}: 503 Service Unavailable`);
      const slackKept = keptLines(s, 'slack');
      expect(slackKept[0]).toMatchObject({ level: ERROR, code: 'SLACK_POST_FAILED' });
      expect(text(slackKept[0] as LogLine)).toContain(`${c1}: rate_limited, ${c2}: rate_limited`);
      // Slack's 503 was retried within the cycle (a warning each), its two-minute 429 was not waited out.
      const retried = s.logged('slack post retried');
      expect(retried.length).toBeGreaterThanOrEqual(4);
      expect(retried.every((l) => l.level === WARN && l.reason === 'http_503')).toBe(true);
      // discord.js retried each 5xx twice: three posts per channel and cycle, each channel's with one nonce.
      const posts = () => discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
      expect(posts().length).toBeGreaterThanOrEqual(12);
      expect(new Set(posts().map((p) => (p.body as { nonce: string }).nonce)).size).toBe(2);
      // Nothing arrived, except the one message Discord created on the first channel before losing the answers.
      expect(s.discordCards('Jan Leike')).toEqual([1, 0]);
      expect(s.slackCards('Jan Leike')).toEqual([0, 0]);

      // The services recover; Discord's second channel still rate-limits once (Retry-After 1 s), which
      // discord.js waits out within the cycle.
      discord.clearFaults();
      discord.fault(d2, { status: 429, retryAfter: 1, times: 1 });
      slack.clearFailures();
      await s.waitLog(() => deliveredAt(s) >= 0, 'the cycle that delivers the alert');
      await cyclesAfter(s, bot.logs.length, 2);
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
      expect(discord.requests.filter((r) => r.status === 429)).toHaveLength(1);
      expect(new Set(posts().map((p) => (p.body as { nonce: string }).nonce)).size).toBe(2);
      // Once delivered, nothing more failed nor was sent again.
      expect(bot.logs.slice(deliveredAt(s)).filter((l) => Number(l.level) >= WARN && !text(l).includes('still running'))).toEqual([]);
      const errors = bot.logs.filter((l) => Number(l.level) >= ERROR);
      expect(errors.every((l) => text(l).includes('(kept in the outbox)'))).toBe(true);
    } finally {
      await s.stop();
    }
  }, 150_000);
});

describe('a chat request that never gets an answer', () => {
  it('gives up after EXITS_CHAT_TIMEOUT_MS, says so, and posts the card once when the service answers', async () => {
    const s = await scene('timeout', 'Ilya Sutskever resigns from OpenAI', { EXITS_CHAT_TIMEOUT_MS: '1000' });
    const { discord, slack, bot } = s;
    const [d1, d2] = DISCORD_CHANNELS as [string, string];
    const [c1, c2] = SLACK_CHANNELS as [string, string];
    try {
      // Discord keeps the posts waiting: on the first channel after creating the message (what gets lost
      // is the answer), on the second before. discord.js tries three times, so three hangs fail a cycle.
      discord.fault(d1, { status: 'hang', afterCreate: true, times: 3 });
      discord.fault(d2, { status: 'hang', times: 3 });
      // Slack keeps the first post to each channel waiting.
      slack.hangNext('chat.postMessage', 2);
      s.feed.add('during-hang', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog(() => deliveredAt(s) >= 0, 'the cycle that delivers the alert');
      await cyclesAfter(s, bot.logs.length, 2);

      // The cycle that met the timeouts said so, per channel, and kept the alert.
      const [discordKept, ...moreDiscord] = keptLines(s, 'discord');
      expect(moreDiscord).toEqual([]);
      expect(discordKept).toMatchObject({ level: ERROR, code: 'CHAT_UNDELIVERED' });
      for (const ch of [d1, d2]) expect(text(discordKept as LogLine)).toContain(`${ch}: timed out: no answer within 1 s, 3 times`);
      const [slackKept, ...moreSlack] = keptLines(s, 'slack');
      expect(moreSlack).toEqual([]);
      expect(slackKept).toMatchObject({ level: ERROR, code: 'SLACK_POST_FAILED' });
      expect(text(slackKept as LogLine)).toContain(`${c1}: timeout, ${c2}: timeout`);
      // A Slack post that timed out may have been posted: it is not retried within the cycle.
      expect(s.logged('slack post retried')).toEqual([]);

      // Every waiting request was given up on; the next cycle's posts got through, once per channel.
      expect(discord.hung).toBe(6);
      expect(discord.hanging).toBe(0);
      expect(slack.hanging()).toBe(0);
      expect(slack.callsTo('chat.postMessage').map((c) => [c.params.channel, c.status])).toEqual([
        [c1, 0],
        [c2, 0],
        [c1, 200],
        [c2, 200],
      ]);
      // Discord's first channel got the message on the first hung attempt; the retries and the next
      // cycle's post carried the same nonce and got that message back instead of a second one.
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
      const posts = discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
      expect(posts.filter((r) => r.path.includes(d1))).toHaveLength(4);
      expect(bot.logs.slice(deliveredAt(s)).filter((l) => Number(l.level) >= ERROR)).toEqual([]);
    } finally {
      await s.stop();
    }
  }, 150_000);
});

describe('a channel that refuses the bot for good', () => {
  it('is reported once per channel, the others get the card, and the alert leaves the outbox', async () => {
    const s = await scene('refusal', 'Ilya Sutskever resigns from OpenAI');
    const { discord, slack, bot } = s;
    const d2 = DISCORD_CHANNELS[1] as string;
    const c2 = SLACK_CHANNELS[1] as string;
    try {
      discord.fault(d2, { status: 403 });
      slack.channelError(c2, 'channel_not_found');
      s.feed.add('first', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog((l) => isCycleDone(l) && l.alerts === 1, 'the first alert');
      s.feed.add('second', 'Anthropic hires John Schulman away from OpenAI');
      await s.waitLog(() => bot.logs.filter((l) => isCycleDone(l) && l.alerts === 1).length >= 2, 'the second alert');
      await cyclesAfter(s, bot.logs.length, 2);

      expect(s.discordCards('Jan Leike')).toEqual([1, 0]);
      expect(s.discordCards('Schulman')).toEqual([1, 0]);
      expect(s.slackCards('Jan Leike')).toEqual([1, 0]);
      expect(s.slackCards('Schulman')).toEqual([1, 0]);
      // Each alert tried the refusing channel once, and was not kept for it.
      const refused = discord.requests.filter((r) => r.method === 'POST' && r.path.includes(d2));
      expect(refused.map((r) => r.status)).toEqual([403, 403]);
      expect(slack.callsTo('chat.postMessage').filter((c) => c.params.channel === c2).map((c) => c.error)).toEqual([
        'channel_not_found',
        'channel_not_found',
      ]);
      expect(keptLines(s, 'discord')).toEqual([]);
      expect(keptLines(s, 'slack')).toEqual([]);
      // Reported once per channel, with what to do.
      const discordRefusal = s.logged(`Discord channel ${d2} refuses cards`);
      expect(discordRefusal).toHaveLength(1);
      expect(discordRefusal[0]).toMatchObject({ level: WARN, status: 403, code: 50013 });
      expect(text(discordRefusal[0] as LogLine)).toContain('Missing Permissions');
      const slackRefusal = s.logged(`slack channel ${c2} refused the card`);
      expect(slackRefusal).toHaveLength(1);
      expect(slackRefusal[0]).toMatchObject({ level: ERROR, reason: 'channel_not_found' });
      expect(bot.logs.filter((l) => Number(l.level) >= ERROR)).toEqual(slackRefusal);
    } finally {
      await s.stop();
    }
  }, 120_000);
});

/**
 * One channel of a platform fails for a reason that may pass (5xx past the retries, a long rate limit)
 * while another channel of that platform gets the card: the notifier reports a partial delivery, the
 * pipeline keeps where the card landed and the outbox entry, and the failed channel gets it on recovery.
 */
describe('one channel down while the others of its platform work', () => {
  it('posts the card to the failed channel once it recovers, and only there', async () => {
    const s = await scene('partial', 'Ilya Sutskever resigns from OpenAI');
    const { discord, slack, bot } = s;
    try {
      discord.fault(DISCORD_CHANNELS[0] as string, { status: 503, method: 'POST' });
      // The first Slack post (to the first channel) is rate-limited for two minutes: given up at once.
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
      s.feed.add('first', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog(
        () => s.discordCards('Jan Leike')[1] === 1 && s.slackCards('Jan Leike')[1] === 1,
        'the card in the channels that work',
      );
      discord.clearFaults();
      await cyclesAfter(s, bot.logs.length, 3);
      // The failures are logged, naming the channel and the reason…
      const errors = bot.logs.filter((l) => Number(l.level) >= ERROR).map(text);
      expect(errors.some((m) => m.includes(DISCORD_CHANNELS[0] as string) && m.includes('503'))).toBe(true);
      expect(errors.some((m) => m.includes(SLACK_CHANNELS[0] as string) && m.includes('rate_limited'))).toBe(true);
      // …and the alert was kept for the failed channels alone: one card in each channel, none twice.
      expect(s.discordCards('Jan Leike')).toEqual([1, 1]);
      expect(s.slackCards('Jan Leike')).toEqual([1, 1]);
    } finally {
      await s.stop();
    }
  }, 120_000);
});
