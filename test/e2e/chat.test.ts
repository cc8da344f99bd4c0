import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { runCli } from './run-cli.ts';

const DISCORD_CHANNELS = ['300000000000000001', '300000000000000002'];
const SLACK_CHANNELS = ['C0ALERTS1', 'C0ALERTS2'];

let feeds: FeedServer;
let discord: FakeDiscord;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  discord = await startFakeDiscord({ channels: DISCORD_CHANNELS, token: 'discord-e2e-token' });
  slack = await startFakeSlack({ botToken: 'xoxb-e2e-token' });
  dir = mkdtempSync(join(tmpdir(), 'exits-chat-'));
});
afterAll(async () => {
  await Promise.all([feeds.close(), discord.close(), slack.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('exits once posts cards to Discord and Slack', () => {
  it('delivers every alert to every channel, inert, and logs no secret', async () => {
    const config = join(dir, 'chat.yaml');
    writeFileSync(
      config,
      [
        'maxAgeHours: 1000000',
        'postOnFirstSight: true',
        `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
        `feeds: [ { name: mentions, url: "${feeds.url}/feeds/mentions.xml" } ]`,
        `discord: { channels: [ ${DISCORD_CHANNELS.map((id) => `{ id: "${id}" }`).join(', ')} ] }`,
        `slack: { channels: [ ${SLACK_CHANNELS.map((id) => `{ id: "${id}" }`).join(', ')} ] }`,
      ].join('\n'),
    );
    const env = {
      DISCORD_TOKEN: 'discord-e2e-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.url,
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      // Not used by a single cycle, but in the environment all the same: never logged either.
      SLACK_APP_TOKEN: 'xapp-e2e-app-token',
      SLACK_SIGNING_SECRET: 'e2e-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      // The most verbose level: a token must not appear in any log line.
      LOG_LEVEL: 'trace',
    };
    const r = await runCli(['once', '--config', config, '--store', `sqlite://${join(dir, 'chat.sqlite')}`, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // mentions.xml: seven of its eight items are changes; two of them (inject-1 and inject-8) are the same
    // change, Murati leaving OpenAI, so one card.
    expect(alerts.map((a) => a.person).sort()).toEqual([
      'Andrej Karpathy',
      'Barret Zoph',
      'Greg Brockman',
      'Jan Leike',
      'John Schulman',
      'Mira Murati',
    ]);

    for (const channel of DISCORD_CHANNELS) {
      const got = discord.messages.filter((m) => m.channelId === channel);
      expect(got).toHaveLength(alerts.length);
      for (const m of got) {
        expect(m.body.allowed_mentions).toEqual({ parse: [] });
        const text = JSON.stringify(m.body.embeds);
        expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d|\]\(https:\/\/evil/);
      }
    }
    for (const channel of SLACK_CHANNELS) {
      const got = slack.messages.filter((m) => m.channel === channel && m.method === 'chat.postMessage');
      expect(got).toHaveLength(alerts.length);
      for (const m of got) expect(JSON.stringify(m.blocks) + m.text).not.toMatch(/<!channel>|<!here>|<!subteam|<@\d/);
    }
    // The injected mentions are still there for a reader, only inert.
    const discordText = JSON.stringify(discord.messages.map((m) => m.body.embeds));
    expect(discordText).toContain('\\\\<@\u200b123456789012345678\\\\>');
    const slackText = JSON.stringify(slack.messages.map((m) => m.blocks));
    expect(slackText).toContain('&lt;!channel&gt;');
    // Discord got one gateway-free REST post per card; nothing logged a token.
    expect(discord.opened).toBe(0);
    expect(r.stderr).not.toContain('discord-e2e-token');
    expect(r.stderr).not.toContain('xoxb-e2e-token');
    expect(r.stderr).not.toContain('xapp-e2e-app-token');
    expect(r.stderr).not.toContain('e2e-signing-secret');
  });
});
