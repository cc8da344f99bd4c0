/**
 * A Discord gateway or a Slack socket that drops while `exits run` runs against the real discord.js and
 * @slack/bolt clients: cards keep going out once per channel, /exits is answered again, and the bot says
 * what happened. See chat-scene.ts for the scene.
 */
import { describe, expect, it } from 'vitest';
import { DISCORD_TOKEN, expectSoon, useScenes, until, text, WARN, ERROR, scene, cyclesAfter } from './chat-scene.ts';

useScenes();

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
