import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackBot, type SlackBot, type SlackBotOptions } from '../../src/notify/slack/bot.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { captureLog, event, prop } from './helpers.ts';

let fake: FakeSlack;
const bots: SlackBot[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});
afterEach(async () => {
  for (const b of bots.splice(0)) await b.close();
  fake.calls.length = 0;
  fake.messages.length = 0;
});

function bot(over: Partial<SlackBotOptions> = {}) {
  const capture = captureLog();
  const b = createSlackBot({
    botToken: 'xoxb-fake',
    apiUrl: fake.apiUrl,
    channels: ['C1'],
    ask: async () => ({ ok: false, error: 'unused' }),
    log: capture.log,
    mode: null,
    retry: { baseDelayMs: 5 },
    connectRetries: 0,
    ...over,
  });
  bots.push(b);
  return { bot: b, lines: capture.lines };
}

describe('Slack alert cards', () => {
  it('posts the Block Kit card with a plain fallback', async () => {
    const { bot: b } = bot();
    await b.notifier.send(
      event({
        key: 'k1',
        type: 'joined',
        destination: 'Thinking Machines Lab',
        title: 'Mira Murati & team launch a lab',
      }),
    );
    expect(fake.messages).toHaveLength(1);
    const msg = fake.messages[0];
    expect(msg?.channel).toBe('C1');
    expect(msg?.text).toBe('Mira Murati leaves OpenAI for Thinking Machines Lab (TechCrunch AI)');
    expect(msg?.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', link_names: 'false' });
    expect(msg?.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Mira Murati leaves OpenAI for Thinking Machines Lab' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Person*\nMira Murati' },
          { type: 'mrkdwn', text: '*Role*\nCTO' },
          { type: 'mrkdwn', text: '*Organisation*\nOpenAI' },
          { type: 'mrkdwn', text: '*Change*\njoined' },
          { type: 'mrkdwn', text: '*Destination*\nThinking Machines Lab' },
          { type: 'mrkdwn', text: '*Date*\n2024-09-25' },
          { type: 'mrkdwn', text: '*Language*\nen' },
        ],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '>Mira Murati, OpenAI’s chief technology officer, is leaving the company' },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'TechCrunch AI · <https://news.example.com/k1|Mira Murati &amp; team launch a lab>',
          },
        ],
      },
    ]);
  });

  it('escapes mentions and links injected by a feed, in blocks and fallback', async () => {
    const { bot: b } = bot();
    const evil = '<!channel> <@U123> <!subteam^S1|@team> <https://evil.example.com|click> & more';
    await b.notifier.send(
      event({
        key: 'evil',
        title: evil,
        person: 'Eve <!here>',
        org: 'Acme <@U999>',
        evidence: `said ${evil}`,
        source: 'Feed <https://evil.example.com|x>',
        url: 'https://news.example.com/a?x=1&y=<b>|c',
      }),
    );
    const msg = fake.messages[0];
    expect(msg?.text).toBe('Eve &lt;!here&gt; leaves Acme &lt;@U999&gt; (Feed &lt;https://evil.example.com|x&gt;)');
    const [header, fields, quote, context] = msg?.blocks ?? [];
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Eve &lt;!here&gt; leaves Acme &lt;@U999&gt;' },
    });
    expect(prop<{ text: string }[]>(fields, 'fields')[0]?.text).toBe('*Person*\nEve &lt;!here&gt;');
    expect(quote?.text).toEqual({
      type: 'mrkdwn',
      text:
        '>said &lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1|@team&gt; ' +
        '&lt;https://evil.example.com|click&gt; &amp; more',
    });
    expect(prop<{ text: string }[]>(context, 'elements')[0]?.text).toBe(
      'Feed &lt;https://evil.example.com|x&gt; · <https://news.example.com/a?x=1&amp;y=%3Cb%3E%7Cc|' +
        '&lt;!channel&gt; &lt;@U123&gt; &lt;!subteam^S1|@team&gt; &lt;https://evil.example.com|click&gt; &amp; more>',
    );
    const raw = JSON.stringify(msg?.blocks) + msg?.text;
    for (const bad of ['<!channel>', '<!here>', '<@U', '<!subteam', '<https://evil']) expect(raw).not.toContain(bad);
  });

  it('does not link a URL that is not http(s)', async () => {
    const { bot: b } = bot();
    await b.notifier.send(event({ key: 'js', url: 'javascript:alert(1)', title: 'A title' }));
    expect(prop<{ text: string }[]>(fake.messages[0]?.blocks.at(-1), 'elements')[0]?.text).toBe(
      'TechCrunch AI · A title',
    );
  });

  it('keeps within Block Kit limits for huge text', async () => {
    const { bot: b } = bot();
    const long = 'x&'.repeat(5000);
    await b.notifier.send(event({ key: 'long', person: long, org: long, evidence: long, title: long, source: long }));
    const blocks = fake.messages[0]?.blocks ?? [];
    const header = prop<{ text: string }>(blocks[0], 'text');
    expect(header.text.length).toBeLessThanOrEqual(150);
    expect(header.text.endsWith('…')).toBe(true);
    expect(header.text).not.toMatch(/&(?!amp;)/);
    for (const f of prop<{ text: string }[]>(blocks[1], 'fields')) expect(f.text.length).toBeLessThanOrEqual(2000);
    expect(prop<{ text: string }>(blocks[2], 'text').text.length).toBeLessThanOrEqual(3000);
    expect(fake.messages[0]?.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('Slack rate limits and errors', () => {
  it('retries a 429 after Retry-After and posts once', async () => {
    const { bot: b } = bot();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await b.notifier.send(event({ key: 'rl' }));
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('retries 5xx with backoff and posts once', async () => {
    const { bot: b } = bot();
    fake.failNext('chat.postMessage', { status: 500 });
    fake.failNext('chat.postMessage', { status: 503 });
    await b.notifier.send(event({ key: '5xx' }));
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('gives up after the retries and reports the failure', async () => {
    const { bot: b } = bot({ retry: { baseDelayMs: 1, retries: 2 } });
    fake.failNext('chat.postMessage', { status: 502 }, 3);
    await expect(b.notifier.send(event({ key: 'down' }))).rejects.toMatchObject({
      code: 'SLACK_POST_FAILED',
      message: 'could not post to C1: http_502',
    });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(fake.messages).toHaveLength(0);
  });

  it('logs a refused channel once, keeps posting to the others', async () => {
    const { bot: b, lines } = bot({ channels: ['C1', 'CGONE', 'COUT', 'C2'] });
    fake.channelError('CGONE', 'channel_not_found');
    fake.channelError('COUT', 'not_in_channel');
    try {
      await b.notifier.send(event({ key: 'a1' }));
      await b.notifier.send(event({ key: 'a2' }));
    } finally {
      fake.channelError('CGONE', null);
      fake.channelError('COUT', null);
    }
    expect(fake.messages.map((m) => `${m.channel}:${m.params.blocks?.includes('a1') ? 'a1' : 'a2'}`)).toEqual([
      'C1:a1',
      'C2:a1',
      'C1:a2',
      'C2:a2',
    ]);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => [l.channel, l.reason])).toEqual([
      ['CGONE', 'channel_not_found'],
      ['COUT', 'not_in_channel'],
    ]);
    expect(String(errors[1]?.msg)).toContain('/invite');
  });
});

describe('Slack start', () => {
  it('start({interactive:false}) checks the token and opens no socket', async () => {
    const { bot: b } = bot({ mode: { kind: 'socket', appToken: 'xapp-fake' }, apiUrl: fake.apiUrl.slice(0, -1) });
    await b.start({ interactive: false });
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(fake.sockets()).toBe(0);
    expect(b.port).toBeUndefined();
  });

  it('a bad bot token is a clear, catchable error in both modes', async () => {
    const { bot: once } = bot({ botToken: 'xoxb-wrong' });
    await expect(once.start({ interactive: false })).rejects.toMatchObject({
      code: 'SLACK_AUTH',
      message: expect.stringMatching(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/),
    });
    const { bot: run } = bot({ botToken: 'xoxb-wrong', mode: { kind: 'socket', appToken: 'xapp-fake' } });
    await expect(run.start({ interactive: true })).rejects.toMatchObject({ code: 'SLACK_AUTH' });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(0);
  });

  it('a bad app token is a clear error', async () => {
    const { bot: b } = bot({ mode: { kind: 'socket', appToken: 'xapp-wrong' } });
    await expect(b.start({ interactive: true })).rejects.toMatchObject({
      code: 'SLACK_AUTH',
      message: expect.stringMatching(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\)/),
    });
    expect(fake.sockets()).toBe(0);
  });

  it('interactive without an app token or signing secret says what to set', async () => {
    const { bot: b } = bot();
    await expect(b.start({ interactive: true })).rejects.toThrow(/SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
  });

  it('refuses tokens of the wrong kind before any call', () => {
    expect(() => bot({ botToken: 'xapp-1' })).toThrow(/Bot User OAuth Token/);
    expect(() => bot({ mode: { kind: 'socket', appToken: 'xoxb-1' } })).toThrow(/app-level token/);
  });
});
