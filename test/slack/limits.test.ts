/**
 * Adversarial but plausible feed text against the fake Slack, which refuses what Slack refuses
 * (invalid_blocks): cards and /exits answers must all be accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackAsk } from '../../src/app/slack.ts';
import { HELP_TEXT, type QueryContext } from '../../src/commands/query.ts';
import { CardRefused } from '../../src/core/errors.ts';
import { createSlackBot, type SlackBot } from '../../src/notify/slack/bot.ts';
import { type FakeSlack, slashCommandFields, startFakeSlack } from '../fakes/fake-slack.ts';
import { captureLog, event, form, postSigned, queryContext } from './helpers.ts';

const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let bot: SlackBot;
let endpoint: string;
let ctx: QueryContext;

/** The card that broke the 3,000 characters of a context element: long source, long link with `&`, long title. */
const long = event({
  key: 'longctx',
  person: 'Ada Context',
  source: 'S&'.repeat(100),
  url: `https://a.example/?${'a=1&'.repeat(480)}`,
  title: 'T&'.repeat(750),
  published: '2021-01-01T08:00:00Z',
});
const astral = event({ key: 'astralx', person: 'Ada Astral', evidence: '😀'.repeat(3000), title: '𝔸'.repeat(2000), published: '2021-01-01T09:00:00Z' });

beforeAll(async () => {
  fake = await startFakeSlack();
  ctx = await queryContext();
  await ctx.store.saveEvent(long);
  await ctx.store.saveEvent(astral);
  bot = createSlackBot({
    botToken: 'xoxb-fake',
    apiUrl: fake.apiUrl,
    channels: ['C1'],
    ask: slackAsk(ctx, { slack: { channels: [{ id: 'C0QUERY' }], admins: [] } }),
    helpText: HELP_TEXT,
    log: captureLog().log,
    mode: { kind: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1' },
    retry: { baseDelayMs: 5 },
    connectRetries: 0,
  });
  await bot.start({ interactive: true });
  endpoint = `http://127.0.0.1:${bot.port}/slack/events`;
});

afterAll(async () => {
  await bot?.close();
  await fake?.close();
});

describe('the fake Slack', () => {
  it('refuses blocks over the limits with invalid_blocks, as Slack does', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-fake', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C1', text: 'x', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'x'.repeat(3001) }] }] }),
    });
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.invalid).toHaveLength(1);
    fake.invalid.length = 0;
  });
});

describe('adversarial cards on Slack', () => {
  it('are accepted, the context element within 3,000 characters', async () => {
    await bot.notifier.send(long, ['C1']);
    await bot.notifier.send(astral, ['C1']);
    expect(fake.invalid).toEqual([]);
    const posted = fake.messages.filter((m) => m.method === 'chat.postMessage');
    expect(posted).toHaveLength(2);
    for (const block of posted[0]?.blocks ?? []) {
      if (block.type !== 'context') continue;
      for (const el of block.elements as { text: string }[]) expect(el.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('make /exits answers Slack accepts', async () => {
    await postSigned(endpoint, SECRET, form(slashCommandFields({ text: 'person ada context' }, fake.responseUrl('a1'))));
    await postSigned(endpoint, SECRET, form(slashCommandFields({ text: 'person ada astral' }, fake.responseUrl('a2'))));
    const replies = await fake.waitForResponses(2);
    expect(fake.invalid).toEqual([]);
    expect(replies.map((r) => r.id).sort()).toEqual(['a1', 'a2']);
  });

  it('a card Slack refuses for good is reported as such (CardRefused)', async () => {
    fake.channelError('CBAD', 'invalid_blocks');
    const err = await bot.notifier.send(long, ['CBAD']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardRefused);
    expect((err as CardRefused).reason).toBe('invalid_blocks');
  });
});

describe('an answer whose blocks Slack refuses', () => {
  it('is sent again as plain lines instead of silence', async () => {
    fake.invalid.length = 0;
    fake.responses.length = 0;
    fake.refuseResponses(1);
    await postSigned(endpoint, SECRET, form(slashCommandFields({ text: 'person ada context' }, fake.responseUrl('p1'))));
    const replies = await fake.waitForResponses(1);
    const reply = replies.find((r) => r.id === 'p1');
    expect(fake.invalid.map((i) => i.method)).toEqual(['respond']);
    expect(reply?.body.response_type).toBe('in_channel');
    const text = JSON.stringify(reply?.body.blocks);
    expect(text).toContain('• Ada Context leaves OpenAI');
  });
});

describe('an empty result', () => {
  it('is for the asker alone, as on Discord', async () => {
    fake.responses.length = 0;
    await postSigned(endpoint, SECRET, form(slashCommandFields({ text: 'recent 1 nobody' }, fake.responseUrl('e1'))));
    const [reply] = await fake.waitForResponses(1);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(reply?.body.text).toMatch(/^no changes at nobody/);
  });
});
