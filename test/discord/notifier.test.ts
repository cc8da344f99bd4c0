import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/app/chat.ts';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import type { Store } from '../../src/core/ports.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith, type Embed, type LogLine, record } from './helpers.ts';

const A = '500000000000000001';
const B = '500000000000000002';
const C = '500000000000000003';
const UNKNOWN = '500000000000000099';

let fake: FakeDiscord;
let store: Store;
let adapter: ChatAdapter | null = null;
let lines: LogLine[];

async function adapterFor(channels: string[]): Promise<ChatAdapter> {
  const captured = captureLog();
  lines = captured.lines;
  adapter = await createDiscordAdapter({
    config: configWith(channels),
    env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
    query: { store, people: [], now: () => new Date('2024-09-26T00:00:00Z') },
    log: captured.log,
  });
  await adapter.start({ interactive: false });
  return adapter;
}

const posts = (channel: string) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel}/messages`);

beforeEach(async () => {
  fake = await startFakeDiscord({ channels: [A, B, C] });
  store = createStore(memoryBackend());
});

afterEach(async () => {
  await adapter?.close();
  adapter = null;
  await store.close();
  await fake.close();
});

describe('alert cards', () => {
  it('posts an embed card to every configured channel over REST, without a gateway connection', async () => {
    const { notifier } = await adapterFor([A, B]);
    await notifier.send(record({ key: 'k1' }));

    expect(fake.messages.map((m) => m.channelId).sort()).toEqual([A, B]);
    const body = fake.messages[0]?.body as { embeds: Embed[]; allowed_mentions: unknown; enforce_nonce: boolean };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
    expect(body.embeds).toEqual([
      {
        title: 'Mira Murati leaves OpenAI',
        url: 'https://news.example.com/murati',
        color: 0xe67e22,
        description: '> Mira Murati is leaving OpenAI after six and a half years',
        fields: [
          { name: 'Person', value: 'Mira Murati', inline: true },
          { name: 'Role', value: 'CTO', inline: true },
          { name: 'Organisation', value: 'OpenAI', inline: true },
          { name: 'Change', value: 'departure', inline: true },
          { name: 'Date', value: '2024\\-09\\-25', inline: true },
          { name: 'Language', value: 'en', inline: true },
        ],
        footer: { text: 'Example News' },
        timestamp: '2024-09-25T18:00:00.000Z',
      },
    ]);
    expect(posts(A)[0]?.authorization).toBe('Bot fake-token');
    expect(fake.identifies).toHaveLength(0);
    expect(fake.connections).toBe(0);
  });

  it('colours by change type and never links anything but http(s)', async () => {
    const { notifier } = await adapterFor([A]);
    await notifier.send(record({ key: 'k2', type: 'joined', destination: 'Anthropic', url: 'javascript:alert(1)' }));
    const embed = (fake.messages[0]?.body.embeds as Embed[] | undefined)?.[0];
    expect(embed?.title).toBe('Mira Murati leaves OpenAI for Anthropic');
    expect(embed?.color).toBe(0x3498db);
    expect(embed).not.toHaveProperty('url');
    expect(embed?.fields?.find((f) => f.name === 'Destination')?.value).toBe('Anthropic');
  });

  it('makes injected mentions and markdown links inert', async () => {
    const { notifier } = await adapterFor([A]);
    await notifier.send(
      record({
        key: 'k3',
        person: '@everyone <@123>',
        org: '<@&456> [x](https://evil.example.com)',
        role: null,
        lang: null,
        evidence: '@here <#789> **hi** [x](https://evil.example.com)',
        source: '@everyone feed',
      }),
    );
    const body = fake.messages[0]?.body as { embeds: Embed[]; allowed_mentions: unknown };
    const z = '\u200b';
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.title).toBe(
      `@${z}everyone \\<@${z}123\\> leaves \\<@${z}&456\\> \\[x\\]\\(https://evil.example.com\\)`,
    );
    expect(body.embeds[0]?.description).toBe(
      `> @${z}here \\<\\#789\\> \\*\\*hi\\*\\* \\[x\\]\\(https://evil.example.com\\)`,
    );
    expect(body.embeds[0]?.fields?.slice(0, 2)).toEqual([
      { name: 'Person', value: `@${z}everyone \\<@${z}123\\>`, inline: true },
      { name: 'Organisation', value: `\\<@${z}&456\\> \\[x\\]\\(https://evil.example.com\\)`, inline: true },
    ]);
    expect(body.embeds[0]?.footer).toEqual({ text: `@${z}everyone feed` });
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/@everyone|@here|(?<!\\\\)<[@#]|\]\(/);
  });
});

describe('delivery failures', () => {
  it('waits out a 429 with Retry-After and posts once', async () => {
    const { notifier } = await adapterFor([A]);
    fake.fault(A, { status: 429, times: 1, retryAfter: 0.05 });
    await notifier.send(record({ key: 'k4' }));
    expect(posts(A).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('retries a 500 that lost the response of a created message without posting twice', async () => {
    const { notifier } = await adapterFor([A]);
    fake.fault(A, { status: 500, times: 1, afterCreate: true });
    await notifier.send(record({ key: 'k5' }));
    expect(posts(A).map((r) => r.status)).toEqual([500, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('delivers to the other channels when one refuses, and logs each refusing channel once', async () => {
    const { notifier } = await adapterFor([A, B, UNKNOWN]);
    fake.fault(A, { status: 403 });
    await notifier.send(record({ key: 'k6' }));
    await notifier.send(record({ key: 'k7' }));

    expect(fake.messages.map((m) => m.channelId)).toEqual([B, B]);
    expect(posts(A).map((r) => r.status)).toEqual([403, 403]);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((l) => [l.channel, l.status, l.code])).toEqual([
      [A, 403, 50013],
      [UNKNOWN, 404, 10003],
    ]);
    expect(warnings[0]?.msg).toContain('Missing Permissions');
    expect(warnings[1]?.msg).toContain('Unknown Channel');
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('logs a refusing channel again after it has recovered and refused anew', async () => {
    const { notifier } = await adapterFor([A]);
    fake.fault(A, { status: 403, times: 1 });
    await notifier.send(record({ key: 'k8' }));
    await notifier.send(record({ key: 'k9' }));
    fake.fault(A, { status: 403, times: 1 });
    await notifier.send(record({ key: 'k10' }));
    expect(lines.filter((l) => l.channel === A).map((l) => l.level)).toEqual([40, 30, 40]);
    expect(fake.messages).toHaveLength(1);
  });

  it('throws only when no channel got the card and a failure may be temporary', async () => {
    const { notifier } = await adapterFor([A, B]);
    fake.fault(A, { status: 403 });
    fake.fault(B, { status: 403 });
    await expect(notifier.send(record({ key: 'k11' }))).resolves.toBeUndefined();

    fake.fault(B, { status: 500 });
    await expect(notifier.send(record({ key: 'k12' }))).rejects.toMatchObject({
      code: 'CHAT_UNDELIVERED',
      message: expect.stringContaining(B),
    });
    expect(posts(B).filter((r) => r.status === 500)).toHaveLength(3);
    expect(fake.messages).toHaveLength(0);
  });
});
