import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapterOptions } from '../../src/app/chat.ts';
import { loadConfig, readEnv } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { createSlackAdapter, slackMode } from '../../src/app/slack.ts';
import { type FakeSlack, slashCommandFields, startFakeSlack } from '../fakes/fake-slack.ts';
import { blockTexts, captureLog, event, form, postSigned, prop, queryContext } from './helpers.ts';

let fake: FakeSlack;
let adapter: Awaited<ReturnType<typeof createSlackAdapter>>;
const capture = captureLog();

async function options(env: Record<string, string>): Promise<ChatAdapterOptions> {
  const config = { ...loadConfig('config/default.yaml'), slack: { channels: [{ id: 'CALERTS' }], admins: [] } };
  return {
    config,
    env: readEnv({ SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_API_URL: fake.apiUrl, ...env }),
    query: await queryContext(),
    log: createLogger('debug', capture.stream),
  };
}

beforeAll(async () => {
  fake = await startFakeSlack();
  adapter = await createSlackAdapter(await options({ SLACK_APP_TOKEN: 'xapp-fake' }), { connectRetries: 0 });
  await adapter.start({ interactive: true });
});

afterAll(async () => {
  await adapter?.close();
  await fake?.close();
});

describe('Slack Socket Mode through the app adapter', () => {
  it('connected with the app token from apps.connections.open, after auth.test with the bot token', () => {
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([
      ['auth.test', 'xoxb-fake'],
      ['apps.connections.open', 'xapp-fake'],
    ]);
    expect(fake.sockets()).toBe(1);
  });

  it('acknowledges a slash command envelope and answers through the response URL', async () => {
    const ack = await fake.pushSlashCommand({ text: 'person mulati' });
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await fake.waitForResponses(1);
    expect(reply?.body.response_type).toBe('in_channel');
    const headers = (reply?.body.blocks ?? []).filter((b) => b.type === 'header');
    expect(headers.map((b) => prop<{ text: string }>(b, 'text').text)).toEqual([
      'Mira Murati',
      'Mira Murati leaves OpenAI',
      'Mira Murati is pushed out of OpenAI',
    ]);
  });

  it('answers help inside the envelope ack, only to the user', async () => {
    const ack = await fake.pushSlashCommand({ text: 'help' });
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(blockTexts((ack.payload?.blocks as unknown[]) ?? [])[0]).toContain('/exits company &lt;name&gt;');
  });

  it('posts alert cards to the configured channel with the same client settings', async () => {
    const refs = await adapter.notifier.send(event({ key: 'sock' }), ['CALERTS']);
    expect(refs).toEqual([{ notifier: 'slack', channel: 'CALERTS', id: fake.messages[0]?.ts }]);
    expect(fake.messages.map((m) => [m.channel, m.text])).toEqual([
      ['CALERTS', 'Mira Murati leaves OpenAI (TechCrunch AI)'],
    ]);
  });

  it('close() disconnects the socket', async () => {
    await adapter.close();
    for (let i = 0; i < 50 && fake.sockets() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.sockets()).toBe(0);
    // pino levels: 40 warn, 50 error. A clean session logs neither.
    expect(capture.lines.filter((l) => Number(l.level) >= 40)).toEqual([]);
  });
});

describe('Slack mode from the environment', () => {
  it('prefers Socket Mode, else HTTP on SLACK_PORT (default 3000), else none', () => {
    expect(slackMode(readEnv({ SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' }))).toEqual({
      kind: 'socket',
      appToken: 'xapp-1',
    });
    expect(slackMode(readEnv({ SLACK_SIGNING_SECRET: 's', SLACK_PORT: '8080' }))).toEqual({
      kind: 'http',
      signingSecret: 's',
      port: 8080,
      host: '127.0.0.1',
    });
    expect(slackMode(readEnv({ SLACK_SIGNING_SECRET: 's' }))).toMatchObject({ port: 3000, host: '127.0.0.1' });
    expect(slackMode(readEnv({ SLACK_SIGNING_SECRET: 's', SLACK_HOST: '0.0.0.0' }))).toMatchObject({ host: '0.0.0.0' });
    expect(slackMode(readEnv({}))).toBeNull();
  });

  it('HTTP mode through the adapter answers a signed command', async () => {
    const http = await createSlackAdapter(await options({ SLACK_SIGNING_SECRET: 'sekrit' }), {
      connectRetries: 0,
      mode: { kind: 'http', signingSecret: 'sekrit', port: 0, host: '127.0.0.1' },
    });
    try {
      await http.start({ interactive: true });
      const before = fake.responses.length;
      const body = form(slashCommandFields({ text: 'company anthropic' }, fake.responseUrl('h')));
      expect((await postSigned(`http://127.0.0.1:${http.port}/slack/events`, 'sekrit', body)).status).toBe(200);
      const replies = await fake.waitForResponses(before + 1);
      expect(blockTexts(replies.at(-1)?.body.blocks ?? [])).toContain('John Schulman leaves OpenAI for Anthropic');
    } finally {
      await http.close();
    }
  });
});
