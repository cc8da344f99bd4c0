import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerRequest, type ExitsRequest, HELP_TEXT } from '../../src/commands/query.ts';
import { createSlackBot, type SlackBot } from '../../src/notify/slack/bot.ts';
import { type FakeSlack, slashCommandFields, startFakeSlack } from '../fakes/fake-slack.ts';
import { blockTexts, buttonClick, captureLog, form, postSigned, prop, queryContext } from './helpers.ts';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let bot: SlackBot;
let endpoint: string;
const asked: ExitsRequest[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const ctx = await queryContext();
  bot = createSlackBot({
    botToken: 'xoxb-fake',
    apiUrl: fake.apiUrl,
    channels: [],
    ask: (req) => {
      asked.push(req);
      return answerRequest(req, ctx);
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

function command(text: string, id: string): string {
  return form(slashCommandFields({ text }, fake.responseUrl(id)));
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
