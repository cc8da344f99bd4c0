/**
 * A name in its own script, end to end: a Traditional Chinese item and a Korean item go through the real
 * pipeline (`exits once`) to Discord and Slack cards that show the name with its Latin form, and the
 * history finds them again by either form, from the CLI and from Discord's /exits person.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import type { PersonEntry } from '../../src/core/types.ts';
import { createStore, openBackend } from '../../src/store/index.ts';
import { captureLog, configWith } from '../discord/helpers.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { runCli } from './run-cli.ts';

const DISCORD_CHANNEL = '300000000000000009';
const SLACK_CHANNEL = 'C0OWNSCRIPT';

/** Team-written items about a fictional company, with real-looking names. */
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tech desk</title><link>https://news.example.com/</link><description>d</description>
<item><title>星河科技創始人張一鳴宣布卸任執行長</title><link>https://news.example.com/zh/1</link><guid>zh-1</guid>
<description>星河科技創始人張一鳴將於年底辭去執行長一職，由梁汝波接任。</description><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>
<item><title>하나테크 이재용 대표 사임</title><link>https://news.example.com/ko/1</link><guid>ko-1</guid>
<description>하나테크의 이재용 대표가 물러난다.</description><pubDate>Mon, 30 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;

let feeds: FeedServer;
let discord: FakeDiscord;
let slack: FakeSlack;
let dir: string;
let config: string;
let store: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.setRoute('/ownscript.xml', { body: FEED, contentType: 'application/rss+xml; charset=utf-8' });
  discord = await startFakeDiscord({ channels: [DISCORD_CHANNEL], token: 'discord-e2e-token' });
  slack = await startFakeSlack({ botToken: 'xoxb-e2e-token' });
  dir = mkdtempSync(join(tmpdir(), 'exits-ownscript-'));
  config = join(dir, 'config.yaml');
  store = `sqlite://${join(dir, 'history.sqlite')}`;
  writeFileSync(
    config,
    [
      'maxAgeHours: 1000000',
      'postOnFirstSight: true',
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      `feeds: [ { name: tech, url: "${feeds.url}/ownscript.xml" } ]`,
      `discord: { channels: [ { id: "${DISCORD_CHANNEL}" } ] }`,
      `slack: { channels: [ { id: "${SLACK_CHANNEL}" } ] }`,
    ].join('\n'),
  );
});
afterAll(async () => {
  await Promise.all([feeds.close(), discord.close(), slack.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a name in its own script, from the feed to the card to the history', () => {
  it('posts cards naming 張一鳴 (Zhang Yiming) and 이재용 (Lee Jae-yong) on Discord and Slack', async () => {
    const env = {
      DISCORD_TOKEN: 'discord-e2e-token',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.url,
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_API_URL: slack.apiUrl,
    };
    const r = await runCli(['once', '--config', config, '--store', store, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ person: '張一鳴', latin: 'Zhang Yiming', type: 'departure' }),
        expect.objectContaining({ person: '이재용', latin: 'Lee Jae-yong', type: 'departure' }),
      ]),
    );
    const titles = discord.messages.flatMap((m) => (m.body.embeds as { title: string }[]).map((e) => e.title.replace(/\\(.)/g, '$1')));
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^張一鳴 \(Zhang Yiming\) /), expect.stringMatching(/^이재용 \(Lee Jae-yong\) /)]));
    const slackText = JSON.stringify(slack.messages.filter((m) => m.method === 'chat.postMessage').map((m) => m.blocks));
    expect(slackText).toContain('張一鳴 (Zhang Yiming)');
    expect(slackText).toContain('이재용 (Lee Jae-yong)');
  });

  it.each([
    [['zhang', 'yiming'], '張一鳴 (Zhang Yiming)'],
    [['张一鸣'], '張一鳴 (Zhang Yiming)'],
    [['張一鳴'], '張一鳴 (Zhang Yiming)'],
    [['lee jaeyong'], '이재용 (Lee Jae-yong)'],
  ])('exits person %j finds the card', async (words, shown) => {
    const r = await runCli(['person', ...words, '--config', config, '--store', store]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`■ ${shown} `);
  });

  it('/exits person zhang yiming on Discord finds the card written from 張一鳴', async () => {
    const history = createStore(openBackend(store));
    const people: PersonEntry[] = JSON.parse(readFileSync('config/people.json', 'utf8'));
    const fake = await startFakeDiscord();
    const adapter = await createDiscordAdapter({
      config: configWith(fake.channels),
      env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
      query: { store: history, people, now: () => new Date('2026-12-01T00:00:00Z') },
      log: captureLog().log,
    });
    try {
      await adapter.start({ interactive: true });
      const body = (await fake.callbackOf(fake.sendCommand('person', { name: 'zhang yiming' }).id)).body as {
        data?: { content?: string; embeds?: { title?: string }[] };
      };
      expect(body.data?.content?.replace(/\\(.)/g, '$1')).toBe('**張一鳴 (Zhang Yiming)**\n1–1 of 1');
      expect(body.data?.embeds?.[0]?.title?.replace(/\\(.)/g, '$1')).toMatch(/^張一鳴 \(Zhang Yiming\) /);
    } finally {
      await adapter.close();
      await history.close();
      await fake.close();
    }
  });
});
