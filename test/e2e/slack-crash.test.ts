/**
 * A bot killed while a Slack post is in flight (posted, answer not yet back) and started again: the
 * outbox entry says sending had begun, so the new process looks in the channels before posting, and
 * each channel ends up with the card once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, liveFeed, startFeedServer } from '../fakes/feed-server.ts';
import { startBot } from './bot-process.ts';
import { expectSoon, until } from './chat-scene.ts';

const CHANNELS = ['C0CRASH1', 'C0CRASH2'];
const TOKEN = 'xoxb-crash-token';
const APP_TOKEN = 'xapp-crash-token';

let feeds: FeedServer;
let dir: string;
beforeAll(async () => {
  feeds = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-slack-crash-'));
});
afterAll(async () => {
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a bot killed in the middle of a Slack post', () => {
  it('does not post the card again after its restart', async () => {
    const slack = await startFakeSlack({ botToken: TOKEN, appToken: APP_TOKEN });
    const feed = liveFeed(feeds, '/live-slack-crash.xml');
    feed.add('seed', 'Ilya Sutskever resigns from OpenAI');
    const config = join(dir, 'crash.yaml');
    writeFileSync(
      config,
      [
        'schedule: "* * * * * *"',
        // Every feed at every tick: the scenario publishes while it runs (adaptive polling: test/pipeline/adaptive.test.ts).
        'polling: { adaptive: false }',
        `store: sqlite://${join(dir, 'crash.sqlite')}`,
        `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
        `feeds: [ { name: live, url: "${feed.url}" } ]`,
        `slack: { channels: [ ${CHANNELS.map((id) => `{ id: "${id}" }`).join(', ')} ] }`,
      ].join('\n'),
    );
    const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl, EXITS_REPLICA_ID: 'slack-crash' };
    const cards = () => CHANNELS.map((ch) => slack.messages.filter((m) => m.channel === ch && m.text.includes('Jan Leike')).length);
    let bot = startBot(config, { ...env, EXITS_CHAT_TIMEOUT_MS: '60000' });
    try {
      await expectSoon(bot.waitFor((l) => String(l.msg).startsWith('cycle done')), 'a first cycle', bot);
      // The first channel takes the card but its answer never comes; the bot is killed while it waits.
      slack.postThenHang(1);
      feed.add('during', 'Jan Leike leaves OpenAI to join Anthropic');
      await until(() => cards()[0] === 1);
      expect(slack.hanging()).toBe(1);
      bot.child.kill('SIGKILL');
      await bot.exited;

      bot = startBot(config, env);
      await until(() => cards()[1] === 1);
      const from = bot.logs.length;
      await expectSoon(
        bot.waitFor(() => bot.logs.slice(from).filter((l) => String(l.msg).startsWith('cycle done')).length >= 2),
        'two more cycles',
        bot,
      );
      expect(cards()).toEqual([1, 1]);
      // It looked in both channels (the first had the card), then posted to the second only.
      expect(slack.callsTo('conversations.history').map((c) => c.params.channel)).toEqual(CHANNELS);
      expect(bot.logs.some((l) => String(l.msg).includes('not posted again'))).toBe(true);
    } finally {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
      await bot.exited;
      await slack.close();
    }
  }, 120_000);
});
