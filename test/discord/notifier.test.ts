import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/app/chat.ts';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import type { Store } from '../../src/core/ports.ts';
import { createRest } from '../../src/notify/discord/client.ts';
import { discordNotifier } from '../../src/notify/discord/notifier.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith, type Embed, type LogLine, record, reportOf } from './helpers.ts';

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
const patches = () => fake.requests.filter((r) => r.method === 'PATCH');

/** The event with `n` reports in all (the first is its own). */
function reported(key: string, n: number) {
  const e = record({ key });
  const more = Array.from({ length: n - 1 }, (_, i) => ({
    ...reportOf(e),
    itemId: `${key}-r${i}`,
    source: `Outlet ${i}`,
    url: `https://outlet${i}.example.com/${key}`,
  }));
  return { ...e, reports: [...e.reports, ...more] };
}

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
  it('posts an embed card to every given channel over REST, without a gateway connection', async () => {
    const { notifier } = await adapterFor([A, B]);
    const refs = await notifier.send(record({ key: 'k1' }), [A, B]);

    expect(fake.messages.map((m) => m.channelId).sort()).toEqual([A, B]);
    expect(refs).toEqual(
      [A, B].map((channel) => ({
        notifier: 'discord',
        channel,
        id: fake.messages.find((m) => m.channelId === channel)?.id,
      })),
    );
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
          { name: 'Language', value: 'English', inline: true },
        ],
        footer: { text: 'Example News · id k1' },
        timestamp: '2024-09-25T18:00:00.000Z',
      },
    ]);
    expect(posts(A)[0]?.authorization).toBe('Bot fake-token');
    expect(fake.identifies).toHaveLength(0);
    expect(fake.connections).toBe(0);
  });

  it('colours by change type and never links anything but http(s)', async () => {
    const { notifier } = await adapterFor([A]);
    await notifier.send(record({ key: 'k2', type: 'joined', destination: 'Anthropic', url: 'javascript:alert(1)' }), [A]);
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
      [A],
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
    expect(body.embeds[0]?.footer).toEqual({ text: `@${z}everyone feed · id k3` });
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/@everyone|@here|(?<!\\\\)<[@#]|\]\(/);
  });
});

describe('delivery failures', () => {
  it('waits out a 429 with Retry-After and posts once', async () => {
    const { notifier } = await adapterFor([A]);
    fake.fault(A, { status: 429, times: 1, retryAfter: 0.05 });
    await notifier.send(record({ key: 'k4' }), [A]);
    expect(posts(A).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
    // The wait is said in the log, with the route held back.
    const said = lines.filter((l) => l.level === 40 && String(l.msg).startsWith('Discord rate limit on /channels/'));
    expect(said).toHaveLength(1);
    expect(said[0]?.msg).toMatch(/: cards wait \d+(\.\d)? s$/);
  });

  it('retries a 500 that lost the response of a created message without posting twice', async () => {
    const { notifier } = await adapterFor([A]);
    fake.fault(A, { status: 500, times: 1, afterCreate: true });
    expect(await notifier.send(record({ key: 'k5' }), [A])).toEqual([
      { notifier: 'discord', channel: A, id: fake.messages[0]?.id },
    ]);
    expect(posts(A).map((r) => r.status)).toEqual([500, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it('after an unclean stop, finds the card already in the channel instead of posting it again', async () => {
    const { notifier } = await adapterFor([A]);
    const [first] = await notifier.send(record({ key: 'k5a' }), [A]);
    // The process died before it recorded the post, and Discord has forgotten the nonce since.
    fake.forgetNonces();
    expect(await notifier.send(record({ key: 'k5a' }), [A], '2024-09-26T00:00:00.000Z')).toEqual([first]);
    expect(fake.messages).toHaveLength(1);
    expect(lines.some((l) => String(l.msg).startsWith('Discord card for k5a found in channel'))).toBe(true);
    // A card that is not there is posted.
    await notifier.send(record({ key: 'k5b' }), [A], '2024-09-26T00:00:00.000Z');
    expect(fake.messages).toHaveLength(2);
  });

  it('retried past the nonce window by the same process, looks for the card first', async () => {
    const rest = createRest({ token: 'fake-token', api: fake.url, retries: 0 });
    const notifier = discordNotifier({ rest, log: captureLog().log, nonceWindowMs: 0 });
    // Created, but the answer is lost: the send fails and the card is in the channel.
    fake.fault(A, { status: 500, times: 1, afterCreate: true });
    await expect(notifier.send(record({ key: 'k5c' }), [A])).rejects.toThrow();
    expect(fake.messages).toHaveLength(1);
    fake.forgetNonces();
    expect(await notifier.send(record({ key: 'k5c' }), [A])).toEqual([{ notifier: 'discord', channel: A, id: fake.messages[0]?.id }]);
    expect(fake.messages).toHaveLength(1);
  });

  it('looks back past the first page of the channel, and knows a card by the key of a report merged into it', async () => {
    const { notifier } = await adapterFor([A]);
    const since = new Date(Date.now() - 1000).toISOString();
    const [first] = await notifier.send(record({ key: 'k5d' }), [A]);
    for (let i = 0; i < 150; i++) await notifier.send(record({ key: `later${i}` }), [A]);
    fake.forgetNonces();
    // After a store loss the event may be re-created from another outlet's report: another key, the same change.
    const again = record({ key: 'k5e' });
    again.reports = [{ ...again.reports[0], change: 'k5d' } as (typeof again.reports)[number]];
    expect(await notifier.send(again, [A], since)).toEqual([first]);
    expect(fake.messages).toHaveLength(151);
  });

  it('delivers to the other channels when one refuses, and logs each refusing channel once', async () => {
    const { notifier } = await adapterFor([A, B, UNKNOWN]);
    fake.fault(A, { status: 403 });
    const refs = await notifier.send(record({ key: 'k6' }), [A, B, UNKNOWN]);
    await notifier.send(record({ key: 'k7' }), [A, B, UNKNOWN]);
    expect(refs.map((r) => r.channel)).toEqual([B]);

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
    await notifier.send(record({ key: 'k8' }), [A]);
    await notifier.send(record({ key: 'k9' }), [A]);
    fake.fault(A, { status: 403, times: 1 });
    await notifier.send(record({ key: 'k10' }), [A]);
    expect(lines.filter((l) => l.channel === A).map((l) => l.level)).toEqual([40, 30, 40]);
    expect(fake.messages).toHaveLength(1);
  });

  it('throws only when no channel got the card and a failure may be temporary', async () => {
    const { notifier } = await adapterFor([A, B]);
    fake.fault(A, { status: 403 });
    fake.fault(B, { status: 403 });
    await expect(notifier.send(record({ key: 'k11' }), [A, B])).resolves.toEqual([]);

    fake.fault(B, { status: 500 });
    await expect(notifier.send(record({ key: 'k12' }), [A, B])).rejects.toMatchObject({
      code: 'CHAT_UNDELIVERED',
      message: expect.stringContaining(B),
    });
    expect(posts(B).filter((r) => r.status === 500)).toHaveLength(3);
    expect(fake.messages).toHaveLength(0);
  });
});

describe('one change, one card: routing and edits', () => {
  it('posts only to the channels it is given, and nothing for none', async () => {
    const { notifier } = await adapterFor([A, B, C]);
    const refs = await notifier.send(record({ key: 'sub' }), [B]);
    expect(fake.messages.map((m) => m.channelId)).toEqual([B]);
    expect(refs).toEqual([{ notifier: 'discord', channel: B, id: fake.messages[0]?.id }]);
    expect(posts(A)).toEqual([]);
    expect(posts(C)).toEqual([]);
    expect(await notifier.send(record({ key: 'none' }), [])).toEqual([]);
    expect(fake.messages).toHaveLength(1);
  });

  it('shows "Reported by N sources" on a card with several reports', async () => {
    const { notifier } = await adapterFor([A]);
    await notifier.send(reported('many', 3), [A]);
    const embed = (fake.messages[0]?.body.embeds as Embed[])[0];
    expect(embed?.fields?.at(-1)).toEqual({ name: 'Reported by', value: '3 sources', inline: true });
  });

  it('edits each posted card in place with the event as it is now', async () => {
    const { notifier } = await adapterFor([A, B, C]);
    const first = record({ key: 'grow' });
    const refs = await notifier.send(first, [A, C]);
    expect(JSON.stringify(fake.messages[0]?.body)).not.toContain('Reported by');

    await notifier.update?.(reported('grow', 4), refs);
    expect(fake.edits.map((e) => [e.channelId, e.messageId])).toEqual(refs.map((r) => [r.channel, r.id]));
    for (const edit of fake.edits) {
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
      expect(edit.body).not.toHaveProperty('nonce');
      const embed = (edit.body.embeds as Embed[])[0];
      expect(embed?.fields?.find((f) => f.name === 'Reported by')?.value).toBe('4 sources');
      expect(embed?.footer?.text).toBe('Example News · id grow');
    }
    expect(patches().map((r) => r.path).sort()).toEqual(
      refs.map((r) => `/api/v10/channels/${r.channel}/messages/${r.id}`).sort(),
    );
    // Edits, not new cards.
    expect(fake.messages).toHaveLength(2);
    expect(posts(B)).toEqual([]);
  });

  it('escapes an edit like a new card', async () => {
    const { notifier } = await adapterFor([A]);
    const refs = await notifier.send(record({ key: 'evil' }), [A]);
    await notifier.update?.({ ...reported('evil', 2), person: '@everyone <@1>' }, refs);
    const embed = (fake.edits[0]?.body.embeds as Embed[])[0];
    expect(embed?.fields?.[0]?.value).toBe('@\u200beveryone \\<@\u200b1\\>');
    expect(JSON.stringify(fake.edits[0]?.body)).not.toMatch(/@everyone/);
  });

  it('waits out a 429 on an edit and edits once', async () => {
    const { notifier } = await adapterFor([A]);
    const refs = await notifier.send(record({ key: 'rl-edit' }), [A]);
    fake.fault(A, { status: 429, times: 1, retryAfter: 0.05, method: 'PATCH' });
    await notifier.update?.(reported('rl-edit', 2), refs);
    expect(patches().map((r) => r.status)).toEqual([429, 200]);
    expect(fake.edits).toHaveLength(1);
    expect(fake.messages).toHaveLength(1);
  });

  it('retries an edit that got a 500', async () => {
    const { notifier } = await adapterFor([A]);
    const refs = await notifier.send(record({ key: '5xx-edit' }), [A]);
    fake.fault(A, { status: 500, times: 1, method: 'PATCH' });
    await notifier.update?.(reported('5xx-edit', 2), refs);
    expect(patches().map((r) => r.status)).toEqual([500, 200]);
    expect(fake.edits).toHaveLength(1);
  });

  it('logs a deleted card once, skips it from then on, and still edits the others', async () => {
    const { notifier } = await adapterFor([A, B]);
    const refs = await notifier.send(record({ key: 'del' }), [A, B]);
    const gone = refs.find((r) => r.channel === A);
    fake.deleteMessage(gone?.id as string);
    await notifier.update?.(reported('del', 2), refs);
    await notifier.update?.(reported('del', 3), refs);
    expect(fake.edits.map((e) => e.channelId)).toEqual([B, B]);
    expect(patches().filter((r) => r.path.includes(`/${A}/`)).map((r) => r.status)).toEqual([404]);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ channel: A, message: gone?.id });
    expect(warnings[0]?.msg).toContain('Unknown Message');
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('throws from update when an edit keeps failing for a reason that may pass', async () => {
    const { notifier } = await adapterFor([A]);
    const refs = await notifier.send(record({ key: 'down-edit' }), [A]);
    fake.fault(A, { status: 500, method: 'PATCH' });
    await expect(notifier.update?.(reported('down-edit', 2), refs)).rejects.toMatchObject({
      code: 'CHAT_UPDATE_FAILED',
    });
    expect(fake.edits).toEqual([]);
  });

  it('ignores refs of other notifiers', async () => {
    const { notifier } = await adapterFor([A]);
    await notifier.update?.(record({ key: 'x' }), [{ notifier: 'slack', channel: 'C1', id: '1.2' }]);
    expect(fake.requests).toEqual([]);
  });
});
