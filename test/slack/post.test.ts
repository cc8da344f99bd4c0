import { PartialDelivery } from '../../src/core/errors.ts';
import { describe, expect, it } from 'vitest';
import { blockTexts, event, prop, reportOf } from './helpers.ts';
import { slackScene } from './scene.ts';

/** The event with `n` reports in all (the first is its own). */
function reported(key: string, n: number) {
  const e = event({ key });
  const more = Array.from({ length: n - 1 }, (_, i) => ({ ...reportOf(e), itemId: `${key}-r${i}`, source: `Outlet ${i}` }));
  return { ...e, reports: [...e.reports, ...more] };
}

const scene = slackScene();
const bot = scene.bot;

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
      ['C1'],
    );
    expect(scene.fake.messages).toHaveLength(1);
    const msg = scene.fake.messages[0];
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
          { type: 'mrkdwn', text: '*Language*\nEnglish' },
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
          { type: 'mrkdwn', text: 'id `k1`' },
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
      ['C1'],
    );
    const msg = scene.fake.messages[0];
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
    await b.notifier.send(event({ key: 'js', url: 'javascript:alert(1)', title: 'A title' }), ['C1']);
    expect(prop<{ text: string }[]>(scene.fake.messages[0]?.blocks.at(-1), 'elements')[0]?.text).toBe(
      'TechCrunch AI · A title',
    );
  });

  it('keeps within Block Kit limits for huge text', async () => {
    const { bot: b } = bot();
    const long = 'x&'.repeat(5000);
    await b.notifier.send(event({ key: 'long', person: long, org: long, evidence: long, title: long, source: long }), ['C1']);
    const blocks = scene.fake.messages[0]?.blocks ?? [];
    const header = prop<{ text: string }>(blocks[0], 'text');
    expect(header.text.length).toBeLessThanOrEqual(150);
    expect(header.text.endsWith('…')).toBe(true);
    expect(header.text).not.toMatch(/&(?!amp;)/);
    for (const f of prop<{ text: string }[]>(blocks[1], 'fields')) expect(f.text.length).toBeLessThanOrEqual(2000);
    expect(prop<{ text: string }>(blocks[2], 'text').text.length).toBeLessThanOrEqual(3000);
    expect(scene.fake.messages[0]?.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('Slack rate limits and errors', () => {
  it('retries a 429 after Retry-After and posts once', async () => {
    const { bot: b } = bot();
    scene.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await b.notifier.send(event({ key: 'rl' }), ['C1']);
    expect(scene.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(scene.fake.messages).toHaveLength(1);
  });

  it('keeps a Retry-After longer than it waits: no call until then, then posts once', async () => {
    const { bot: b } = bot({ retry: { baseDelayMs: 5, maxWaitMs: 100 } });
    scene.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const e = event({ key: 'long-rl' });
    await expect(b.notifier.send(e, ['C1'])).rejects.toMatchObject({ message: expect.stringContaining('C1: rate_limited') });
    // The outbox tries again before the second is over: refused here, Slack is not called. Another
    // channel is not held back.
    await expect(b.notifier.send(e, ['C1'])).rejects.toMatchObject({ message: expect.stringContaining('C1: rate_limited') });
    expect(scene.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429]);
    await b.notifier.send(e, ['C2']);
    expect(scene.fake.callsTo('chat.postMessage').map((c) => [c.params.channel, c.status])).toEqual([
      ['C1', 429],
      ['C2', 200],
    ]);
    await new Promise((r) => setTimeout(r, 1100));
    await b.notifier.send(e, ['C1']);
    expect(scene.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200, 200]);
    expect(scene.fake.messages.map((m) => m.channel)).toEqual(['C2', 'C1']);
  });

  it('retries 5xx with backoff and posts once', async () => {
    const { bot: b } = bot();
    scene.fake.failNext('chat.postMessage', { status: 500 });
    scene.fake.failNext('chat.postMessage', { status: 503 });
    await b.notifier.send(event({ key: '5xx' }), ['C1']);
    expect(scene.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
    expect(scene.fake.messages).toHaveLength(1);
  });

  it('gives up after the retries and reports the failure', async () => {
    const { bot: b } = bot({ retry: { baseDelayMs: 1, retries: 2 } });
    scene.fake.failNext('chat.postMessage', { status: 502 }, 3);
    await expect(b.notifier.send(event({ key: 'down' }), ['C1'])).rejects.toMatchObject({
      code: 'SLACK_POST_FAILED',
      message: 'could not post to C1: http_502',
    });
    expect(scene.fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(scene.fake.messages).toHaveLength(0);
  });

  it('logs a refused channel once, keeps posting to the others', async () => {
    const { bot: b, lines } = bot({ channels: ['C1', 'CGONE', 'COUT', 'C2'] });
    scene.fake.channelError('CGONE', 'channel_not_found');
    scene.fake.channelError('COUT', 'not_in_channel');
    try {
      const channels = ['C1', 'CGONE', 'COUT', 'C2'];
      const refs = await b.notifier.send(event({ key: 'a1' }), channels);
      await b.notifier.send(event({ key: 'a2' }), channels);
      expect(refs.map((r) => r.channel)).toEqual(['C1', 'C2']);
    } finally {
      scene.fake.channelError('CGONE', null);
      scene.fake.channelError('COUT', null);
    }
    expect(scene.fake.messages.map((m) => `${m.channel}:${m.params.blocks?.includes('a1') ? 'a1' : 'a2'}`)).toEqual([
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

describe('Slack: one change, one card', () => {
  const updates = () => scene.fake.messages.filter((m) => m.method === 'chat.update');

  it('posts only to the channels it is given and returns where each card landed', async () => {
    const { bot: b } = bot({ channels: ['C1', 'C2', 'C3'] });
    const refs = await b.notifier.send(event({ key: 'sub' }), ['C2', 'C3']);
    expect(scene.fake.messages.map((m) => m.channel)).toEqual(['C2', 'C3']);
    expect(refs).toEqual(scene.fake.messages.map((m) => ({ notifier: 'slack', channel: m.channel, id: m.ts })));
    expect(await b.notifier.send(event({ key: 'none' }), [])).toEqual([]);
    expect(scene.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('shows the id in the context block and "Reported by N sources"', async () => {
    const { bot: b } = bot();
    await b.notifier.send(reported('3fa9c01b2e', 3), ['C1']);
    const texts = blockTexts(scene.fake.messages[0]?.blocks ?? []);
    expect(texts).toContain('*Reported by*\n3 sources');
    const context = scene.fake.messages[0]?.blocks.at(-1);
    expect(prop<{ text: string }[]>(context, 'elements')[1]?.text).toBe('id `3fa9c01b2e`');
  });

  it('edits each posted card in place with chat.update', async () => {
    const { bot: b } = bot();
    const refs = await b.notifier.send(event({ key: 'grow' }), ['C1', 'C2']);
    await b.notifier.update?.(reported('grow', 5), refs);
    expect(updates().map((m) => [m.channel, m.ts])).toEqual(refs.map((r) => [r.channel, r.id]));
    for (const m of updates()) {
      expect(blockTexts(m.blocks)).toContain('*Reported by*\n5 sources');
      expect(m.params).toMatchObject({ link_names: 'false', parse: 'none' });
      expect(m.text).toBe('Mira Murati leaves OpenAI (TechCrunch AI)');
    }
    expect(scene.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('escapes an edit like a new card', async () => {
    const { bot: b } = bot();
    const refs = await b.notifier.send(event({ key: 'evil' }), ['C1']);
    await b.notifier.update?.({ ...reported('evil', 2), person: '<!channel>' }, refs);
    const raw = JSON.stringify(updates()[0]?.blocks) + updates()[0]?.text;
    expect(raw).not.toContain('<!channel>');
    expect(raw).toContain('&lt;!channel&gt;');
  });

  it('retries a 429 on an edit after Retry-After and edits once', async () => {
    const { bot: b } = bot();
    const refs = await b.notifier.send(event({ key: 'rl-edit' }), ['C1']);
    scene.fake.failNext('chat.update', { status: 429, retryAfter: 1 });
    await b.notifier.update?.(reported('rl-edit', 2), refs);
    expect(scene.fake.callsTo('chat.update').map((c) => c.status)).toEqual([429, 200]);
    expect(updates()).toHaveLength(1);
  });

  it('logs a deleted card once, does not try it again, and edits the others', async () => {
    const { bot: b, lines } = bot();
    const refs = await b.notifier.send(event({ key: 'del' }), ['C1', 'C2']);
    const gone = refs[0];
    scene.fake.deleteMessage(gone?.channel as string, gone?.id as string);
    await b.notifier.update?.(reported('del', 2), refs);
    await b.notifier.update?.(reported('del', 3), refs);
    expect(updates().map((m) => m.channel)).toEqual(['C2', 'C2']);
    expect(scene.fake.callsTo('chat.update').map((c) => [c.params.channel, c.error ?? 'ok'])).toEqual([
      ['C1', 'message_not_found'],
      ['C2', 'ok'],
      ['C2', 'ok'],
    ]);
    const warnings = lines.filter((l) => l.level === 'warn');
    expect(warnings.map((l) => [l.channel, l.ts, l.reason])).toEqual([['C1', gone?.id, 'message_not_found']]);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('reports an edit that keeps failing', async () => {
    const { bot: b } = bot({ retry: { baseDelayMs: 1, retries: 1 } });
    const refs = await b.notifier.send(event({ key: 'down-edit' }), ['C1']);
    scene.fake.failNext('chat.update', { status: 503 }, 2);
    await expect(b.notifier.update?.(reported('down-edit', 2), refs)).rejects.toMatchObject({
      code: 'SLACK_UPDATE_FAILED',
    });
    expect(updates()).toEqual([]);
  });

  it('says which cards were posted and which channel to try again when one channel failed', async () => {
    const { bot: b } = bot({ retry: { baseDelayMs: 1, retries: 0 } });
    scene.fake.failNext('chat.postMessage', { status: 500 });
    const failure = await b.notifier.send(event({ key: 'half' }), ['C1', 'C2']).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PartialDelivery);
    expect(failure).toMatchObject({ code: 'CHAT_PARTIAL', message: 'not delivered to C1 (http_500)' });
    expect((failure as PartialDelivery).posted.map((r) => r.channel)).toEqual(['C2']);
  });
});

describe('Slack start', () => {
  it('start({interactive:false}) checks the token and opens no socket', async () => {
    const { bot: b } = bot({ mode: { kind: 'socket', appToken: 'xapp-fake' }, apiUrl: scene.fake.apiUrl.slice(0, -1) });
    await b.start({ interactive: false });
    expect(scene.fake.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(scene.fake.sockets()).toBe(0);
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
    expect(scene.fake.callsTo('apps.connections.open')).toHaveLength(0);
  });

  it('a bad app token is a clear error', async () => {
    const { bot: b } = bot({ mode: { kind: 'socket', appToken: 'xapp-wrong' } });
    await expect(b.start({ interactive: true })).rejects.toMatchObject({
      code: 'SLACK_AUTH',
      message: expect.stringMatching(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\)/),
    });
    expect(scene.fake.sockets()).toBe(0);
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
