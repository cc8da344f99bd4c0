/**
 * Chat faults while `exits run` runs against the real discord.js and @slack/bolt clients, pointed at the
 * loopback fakes: an outage longer than the clients' own retries, a request that never gets an answer, a
 * channel that refuses for good, one channel down while the others work (drops: chat-drops.test.ts). Each test checks what reached the channels (every card
 * once per channel) and what the bot logged about it.
 */
import { describe, expect, it } from 'vitest';
import type { LogLine } from './bot-process.ts';
import { DISCORD_CHANNELS, SLACK_CHANNELS, useScenes, text, isCycleDone, WARN, ERROR, scene, cyclesAfter, keptLines, deliveredAt } from './chat-scene.ts';

useScenes();

describe('a chat outage longer than the clients retry', () => {
  it('keeps the alert in the outbox while Discord and Slack fail, then posts it once per channel', async () => {
    // Slack posts wait out at most two seconds within a cycle, so a 4-second Retry-After is a long one.
    const s = await scene('outage', 'Ilya Sutskever resigns from OpenAI', { EXITS_SLACK_MAX_WAIT_MS: '2000' });
    const { discord, slack, bot } = s;
    const [d1, d2] = DISCORD_CHANNELS as [string, string];
    const [c1, c2] = SLACK_CHANNELS as [string, string];
    try {
      // Discord answers 503 to every post; on the first channel it even creates the message before
      // answering 503 (a lost answer: the retries carry the same nonce and must not post it again).
      discord.fault(d1, { status: 503, afterCreate: true, method: 'POST' });
      discord.fault(d2, { status: 503, method: 'POST' });
      // Slack answers each post with a 503, then, to the retry, a 429 asking for four seconds: longer than
      // the bot waits within a cycle.
      for (let i = 0; i < 100; i++) {
        slack.failNext('chat.postMessage', { status: 503 });
        slack.failNext('chat.postMessage', { status: 429, retryAfter: 4 });
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
      // Slack's 503 was retried within the cycle (a warning each), its long 429 was not waited out but kept
      // with the card, which is not tried again before it has passed: at most a 503 and its retry's 429 per
      // try and channel, and the tries are the failed cycles logged.
      const retried = s.logged('slack post retried');
      expect(retried.length).toBeGreaterThanOrEqual(2);
      expect(retried.every((l) => l.level === WARN && l.reason === 'http_503')).toBe(true);
      expect(slack.callsTo('chat.postMessage').length).toBeLessThanOrEqual(2 * 2 * keptLines(s, 'slack').length);
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
      expect(bot.logs.slice(deliveredAt(s)).filter((l) => Number(l.level) >= WARN && !/still running|ticks? skipped/.test(text(l)))).toEqual([]);
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
      // Slack keeps the post to the first channel waiting (never posted), and posts the second channel's
      // card but loses the answer.
      slack.hangNext('chat.postMessage', 1);
      slack.postThenHang(1);
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
      ]);
      // The next cycle looked in both channels' history: the second channel's card was there (found by
      // its metadata) and was not posted again. Discord's first channel got the message on the first hung attempt; the retries and the
      // next cycle's post carried the same nonce and got that message back instead of a second one.
      expect(slack.callsTo('conversations.history').map((c) => c.params.channel)).toEqual([c1, c2]);
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
    const s = await scene('partial', 'Ilya Sutskever resigns from OpenAI', { EXITS_SLACK_MAX_WAIT_MS: '500' });
    const { discord, slack, bot } = s;
    try {
      discord.fault(DISCORD_CHANNELS[0] as string, { status: 503, method: 'POST' });
      // The first Slack post (to the first channel) is rate-limited for a second: longer than the bot waits
      // within a cycle, so given up at once, and that channel is not tried again before then.
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
      s.feed.add('first', 'Jan Leike leaves OpenAI to join Anthropic');
      await s.waitLog(
        () => s.discordCards('Jan Leike')[1] === 1 && s.slackCards('Jan Leike')[1] === 1,
        'the card in the channels that work',
      );
      discord.clearFaults();
      // The failed channels get the card once their backoff has passed; then a few more cycles send nothing.
      await s.waitLog(
        () => s.discordCards('Jan Leike')[0] === 1 && s.slackCards('Jan Leike')[0] === 1,
        'the card in the channels that failed',
      );
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
