import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QueryContext } from '../../src/commands/query.ts';
import { HELP_TEXT } from '../../src/commands/query.ts';
import { slackAsk } from '../../src/app/slack.ts';
import { checkFeedUrl } from '../../src/sources/guard.ts';
import { createSlackBot, type SlackBot } from '../../src/notify/slack/bot.ts';
import type { QueryRequest } from '../../src/notify/slack/types.ts';
import { type FakeSlack, slashCommandFields, startFakeSlack } from '../fakes/fake-slack.ts';
import { blockTexts, buttonClick, captureLog, event, form, NOW, postSigned, prop, queryContext, reportOf } from './helpers.ts';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let bot: SlackBot;
let endpoint: string;
const asked: QueryRequest[] = [];
let ctx: QueryContext;
/** The channel commands come from is configured to want OpenAI; U0ADMIN may change watchlists. */
const config = {
  slack: { channels: [{ id: 'C0QUERY', companies: ['OpenAI'] }, { id: 'CALERTS' }], admins: ['U0ADMIN'] },
};

beforeAll(async () => {
  fake = await startFakeSlack();
  ctx = await queryContext();
  // A change from long ago (out of every other test's way) that three outlets reported.
  const ada = event({ key: '3fa9c01b2e', person: 'Ada Lovelace', org: 'Globex', published: '2022-01-01T08:00:00Z' });
  ada.reports = [
    reportOf(ada),
    { ...reportOf(ada), itemId: 'b', source: 'Le Monde', lang: 'fr', url: 'https://lemonde.example.com/a?x=1&y=2' },
    { ...reportOf(ada), itemId: 'c', source: 'Feed <!channel>', title: 'Ada & <@U1>', url: null },
  ];
  await ctx.store.saveEvent(ada);
  const ask = slackAsk(ctx, config);
  bot = createSlackBot({
    botToken: 'xoxb-fake',
    apiUrl: fake.apiUrl,
    channels: [],
    ask: (req, asker) => {
      asked.push(req);
      return ask(req, asker);
    },
    helpText: HELP_TEXT,
    log: captureLog().log,
    mode: { kind: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1' },
    connectRetries: 0,
  });
  await bot.start({ interactive: true });
  endpoint = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
});

beforeEach(() => {
  asked.length = 0;
  fake.responses.length = 0;
});

function command(text: string, id: string, fields: Record<string, string> = {}): string {
  return form(slashCommandFields({ text, ...fields }, fake.responseUrl(id)));
}

describe('Slack HTTP mode', () => {
  it('verified the bot token once with auth.test at start', () => {
    expect(fake.callsTo('auth.test').map((c) => c.token)).toEqual(['xoxb-fake']);
  });

  it('answers /exits person mulati with Mira Murati’s cards, visible in the channel', async () => {
    const res = await postSigned(endpoint, SECRET, command('person mulati', 'p1'));
    expect(res).toEqual({ status: 200, text: '' });
    const [reply] = await fake.waitForResponses(1);
    expect(reply?.id).toBe('p1');
    expect(asked).toEqual([{ sub: 'person', name: 'mulati' }]);
    expect(reply?.body.response_type).toBe('in_channel');
    const blocks = reply?.body.blocks ?? [];
    const headers = blocks.filter((b) => b.type === 'header').map((b) => prop<{ text: string }>(b, 'text').text);
    expect(headers).toEqual(['Mira Murati', 'Mira Murati leaves OpenAI', 'Mira Murati is pushed out of OpenAI']);
    expect(blockTexts(blocks)).toContain('1–2 of 2');
    expect(blockTexts(blocks)).toContain(
      'TechCrunch AI · <https://news.example.com/murati-2024|OpenAI CTO Mira Murati is leaving>',
    );
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(reply?.body.text).toBe('Mira Murati: 1–2 of 2');
  });

  it('pages /exits recent 30 with a Next button, and the button shows the next page in place', async () => {
    await postSigned(endpoint, SECRET, command('recent 30', 'r1'));
    const [first] = await fake.waitForResponses(1);
    const blocks = first?.body.blocks ?? [];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blockTexts(blocks)).toContain('1–10 of 24 (page 1/3)');
    expect(blocks.filter((b) => b.type === 'header')).toHaveLength(11);
    const buttons = prop<{ action_id: string; value: string }[]>(
      blocks.find((b) => b.type === 'actions'),
      'elements',
    );
    expect(buttons.map((e) => e.action_id)).toEqual(['exits_page_next']);
    const next1 = buttons[0];
    if (!next1) throw new Error('no Next button');

    const click = await postSigned(endpoint, SECRET, buttonClick(next1, fake.responseUrl('r2')));
    expect(click.status).toBe(200);
    const [, second] = await fake.waitForResponses(2);
    expect(second?.id).toBe('r2');
    expect(second?.body.replace_original).toBe(true);
    expect(asked.at(-1)).toEqual({ sub: 'recent', days: 30, page: 2 });
    const next = second?.body.blocks ?? [];
    expect(blockTexts(next)).toContain('11–20 of 24 (page 2/3)');
    const pager = prop<{ action_id: string }[]>(
      next.find((b) => b.type === 'actions'),
      'elements',
    );
    expect(pager.map((e) => e.action_id)).toEqual(['exits_page_prev', 'exits_page_next']);
  });

  it('accepts a "page N" argument', async () => {
    await postSigned(endpoint, SECRET, command('recent 30 acme page 3', 'r3'));
    const [reply] = await fake.waitForResponses(1);
    expect(asked).toEqual([{ sub: 'recent', days: 30, company: 'acme', page: 3 }]);
    expect(blockTexts(reply?.body.blocks ?? [])).toContain('21–23 of 23 (page 3/3)');
  });

  it('answers help and an unknown subcommand in the ack, only to the user, without querying', async () => {
    const help = await postSigned(endpoint, SECRET, command('help', 'h1'));
    expect(help.status).toBe(200);
    const body = JSON.parse(help.text);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/exits person &lt;name&gt;');

    const unknown = JSON.parse((await postSigned(endpoint, SECRET, command('fired openai', 'h2'))).text);
    expect(unknown.response_type).toBe('ephemeral');
    expect(unknown.text.split('\n')[0]).toBe('unknown subcommand "fired"');
    expect(unknown.text).toContain('/exits recent [days] [company]');
    expect(asked).toEqual([]);
    expect(fake.responses).toEqual([]);
  });

  it('shows query errors only to the user who asked', async () => {
    await postSigned(endpoint, SECRET, command('person xyzzy', 'e1'));
    const [reply] = await fake.waitForResponses(1);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.text).toMatch(/'xyzzy'/);
    expect(reply?.body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: reply?.body.text } }]);
    const tooLong = JSON.parse((await postSigned(endpoint, SECRET, command(`company ${'a'.repeat(400)}`, 'e2'))).text);
    expect(tooLong).toMatchObject({ response_type: 'ephemeral', text: 'that is too long: at most 300 characters' });
    const badDays = JSON.parse((await postSigned(endpoint, SECRET, command('recent -3', 'e3'))).text);
    expect(badDays.text).toBe('days must be a whole number, e.g. /exits recent 30');
  });

  it('refuses a bad signature and a stale timestamp with 401, and runs no handler', async () => {
    const body = command('recent', 'x1');
    const bad = await postSigned(endpoint, SECRET, body, { signature: `v0=${'0'.repeat(64)}` });
    const wrongSecret = await postSigned(endpoint, 'another-secret', body);
    const stale = await postSigned(endpoint, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([bad.status, wrongSecret.status, stale.status]).toEqual([401, 401, 401]);
    // A good request afterwards is answered, and it is the only thing that reached the response URLs.
    await postSigned(endpoint, SECRET, command('recent', 'x2'));
    await fake.waitForResponses(1);
    expect(fake.responses.map((r) => r.id)).toEqual(['x2']);
    expect(asked).toEqual([{ sub: 'recent' }]);
  });
});

const headersOf = (blocks: unknown[]) =>
  (blocks as { type: string }[]).filter((b) => b.type === 'header').map((b) => prop<{ text: string }>(b, 'text').text);

describe('Slack /exits recent with a kind, sources and watch', () => {
  it('filters /exits recent by a kind word', async () => {
    await postSigned(endpoint, SECRET, command('recent 3650 fired', 'k1'));
    const [reply] = await fake.waitForResponses(1);
    expect(asked).toEqual([{ sub: 'recent', days: 3650, kind: 'fired' }]);
    expect(headersOf(reply?.body.blocks ?? [])).toEqual([
      'Changes (fired) in the last 3650 days',
      'Mira Murati is pushed out of OpenAI',
    ]);
  });

  it('keeps the kind on the pager', async () => {
    await postSigned(endpoint, SECRET, command('recent departure 30', 'k2'));
    const [reply] = await fake.waitForResponses(1);
    expect(asked).toEqual([{ sub: 'recent', days: 30, kind: 'departure' }]);
    const next = prop<{ action_id: string; value: string }[]>(
      reply?.body.blocks?.find((b) => b.type === 'actions'),
      'elements',
    )[0];
    expect(next?.value).toBe('{"q":"recent 30 departure","p":2}');
  });

  it('lists the reports of a change from a prefix of its id, escaped, with links', async () => {
    await postSigned(endpoint, SECRET, command('sources 3fa9c0', 's1'));
    const [reply] = await fake.waitForResponses(1);
    expect(asked).toEqual([{ sub: 'sources', event: '3fa9c0' }]);
    expect(reply?.body.response_type).toBe('in_channel');
    expect(reply?.body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Ada Lovelace, departure, Globex: reported by 3 sources' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            '2022-01-01 · English · TechCrunch AI · OpenAI CTO Mira Murati is leaving · <https://news.example.com/3fa9c01b2e>',
            '2022-01-01 · French · Le Monde · OpenAI CTO Mira Murati is leaving · <https://lemonde.example.com/a?x=1&amp;y=2>',
            '2022-01-01 · English · Feed &lt;!channel&gt; · Ada &amp; &lt;@U1&gt;',
          ].join('\n'),
        },
      },
    ]);
  });

  it('answers an unknown id only to the asker', async () => {
    await postSigned(endpoint, SECRET, command('sources ffff0000', 's2'));
    const [reply] = await fake.waitForResponses(1);
    expect(reply?.body).toMatchObject({ response_type: 'ephemeral', text: 'no change with id ffff0000 in the history' });
  });

  it('refuses a watchlist change by someone who is not in slack.admins, only to them', async () => {
    await postSigned(endpoint, SECRET, command('watch add person mira murati', 'w1'));
    const [reply] = await fake.waitForResponses(1);
    expect(asked).toEqual([{ sub: 'watch', action: 'add', what: 'person', name: 'mira murati' }]);
    expect(reply?.body).toMatchObject({
      response_type: 'ephemeral',
      text: 'only channel admins can change what this channel watches',
    });
    expect(await ctx.store.getWatch('slack', 'C0QUERY')).toBeUndefined();
  });

  it('lets an admin add to the watchlist, persists it, and list shows it', async () => {
    await postSigned(endpoint, SECRET, command('watch add person mira murati', 'w2', { user_id: 'U0ADMIN' }));
    const [added] = await fake.waitForResponses(1);
    expect(added?.body.response_type).toBe('in_channel');
    expect(headersOf(added?.body.blocks ?? [])).toEqual(['Now watching Mira Murati']);
    expect(await ctx.store.getWatch('slack', 'C0QUERY')).toEqual({ people: ['Mira Murati'], companies: ['OpenAI'] });

    await postSigned(endpoint, SECRET, command('watch list', 'w3'));
    const [, list] = await fake.waitForResponses(2);
    expect(blockTexts(list?.body.blocks ?? [])).toEqual(['This channel watches', 'people: Mira Murati\ncompanies: OpenAI']);

    await postSigned(endpoint, SECRET, command('watch remove company openai', 'w4', { user_id: 'U0ADMIN' }));
    const [, , removed] = await fake.waitForResponses(3);
    expect(headersOf(removed?.body.blocks ?? [])).toEqual(['No longer watching openai']);
    expect(await ctx.store.getWatch('slack', 'C0QUERY')).toEqual({ people: ['Mira Murati'], companies: [] });
  });

  it('says that a channel missing from the config receives no cards', async () => {
    await postSigned(endpoint, SECRET, command('watch', 'w5', { channel_id: 'C0OTHER' }));
    const [reply] = await fake.waitForResponses(1);
    expect(blockTexts(reply?.body.blocks ?? []).at(-1)?.split('\n').at(-1)).toBe(
      'note: this channel is not in slack.channels of the config, so it receives no cards',
    );
  });

  it('answers a malformed watch command in the ack', async () => {
    const res = JSON.parse((await postSigned(endpoint, SECRET, command('watch add mira', 'w6'))).text);
    expect(res).toMatchObject({
      response_type: 'ephemeral',
      text: 'usage: /exits watch add|remove person|company &lt;name&gt;, or /exits watch list',
    });
    expect(asked).toEqual([]);
  });
});

describe('Slack /exits feeds', () => {
  beforeAll(() => {
    ctx.feeds = { configured: [], check: (url) => checkFeedUrl(url, { allowPrivate: false }) };
  });

  it('refuses a change by someone not in slack.admins and a private address, only to them, storing nothing', async () => {
    await postSigned(endpoint, SECRET, command('feeds add <http://93.184.215.14/rss>', 'f1'));
    await postSigned(endpoint, SECRET, command('feeds add <http://127.0.0.1:8080/rss>', 'f2', { user_id: 'U0ADMIN' }));
    const [member, loopback] = await fake.waitForResponses(2);
    expect(member?.body).toMatchObject({ response_type: 'ephemeral', text: 'only the bot’s admins can change its feeds' });
    expect(loopback?.body).toMatchObject({
      response_type: 'ephemeral',
      text: '127.0.0.1 is a loopback, private or reserved address: an added feed must be public, unless the config sets http.allowPrivateAddresses: true',
    });
    expect(await ctx.store.getAddedFeeds()).toEqual([]);
  });

  it('lets an admin add a feed Slack sent as a link, and remove it by name', async () => {
    await postSigned(endpoint, SECRET, command('feeds add <http://93.184.215.14/rss|93.184.215.14/rss> Wire', 'f3', { user_id: 'U0ADMIN' }));
    const [added] = await fake.waitForResponses(1);
    expect(headersOf(added?.body.blocks ?? [])).toEqual(['Added Wire']);
    expect((await ctx.store.getAddedFeeds()).map((f) => [f.url, f.name, f.addedBy])).toEqual([
      ['http://93.184.215.14/rss', 'Wire', 'slack:U0ADMIN'],
    ]);
    await postSigned(endpoint, SECRET, command('feeds remove wire', 'f4', { user_id: 'U0ADMIN' }));
    const [, removed] = await fake.waitForResponses(2);
    expect(headersOf(removed?.body.blocks ?? [])).toEqual(['Removed Wire']);
    expect(await ctx.store.getAddedFeeds()).toEqual([]);
  });

  it('lists a pushed feed with its hub and the end of its lease, beside its safety poll', async () => {
    const url = 'http://93.184.215.14/wire';
    await postSigned(endpoint, SECRET, command(`feeds add <${url}> Wire`, 'f5', { user_id: 'U0ADMIN' }));
    await fake.waitForResponses(1);
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    await ctx.store.setFeedState(url, { lastOkAt: NOW.toISOString(), pollIntervalMs: 3_600_000, pollReason: 'override', nextPollAt: at(30 * 60_000) });
    await ctx.store.setSubscription({
      ...{ id: 'wire-sub', feedId: url, hub: 'https://hub.example/websub', topic: url, secret: 's', status: 'active', attempts: 0 },
      ...{ requestedAt: NOW.toISOString(), verifiedAt: NOW.toISOString(), leaseSeconds: 86_400, expiresAt: at(86_400_000) },
    });
    await postSigned(endpoint, SECRET, command('feeds list', 'f6'));
    const [, list] = await fake.waitForResponses(2);
    const line = blockTexts(list?.body.blocks ?? []).find((t) => t.includes('Wire'));
    expect(line).toContain(
      `every 1 h (override), next ${at(30 * 60_000).slice(11, 16)} UTC (in 30 min) · pushed by hub.example/websub (lease until ${at(86_400_000).slice(0, 10)} ${at(86_400_000).slice(11, 16)} UTC (in 24 h))`,
    );
    await ctx.store.deleteSubscription('wire-sub');
    await ctx.store.setAddedFeeds([]);
  });
});
