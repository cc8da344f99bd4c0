/**
 * Adversarial but plausible feed text against the fake Discord, which refuses what Discord refuses
 * (400, code 50035 Invalid Form Body): cards and /exits answers must all be accepted.
 */
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/app/chat.ts';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import { CardRefused } from '../../src/core/errors.ts';
import type { Store } from '../../src/core/ports.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith, type Embed, record } from './helpers.ts';

const NOW = new Date('2024-09-26T00:00:00Z');

/** Changes whose cards broke Discord's rules before: astral text at every cut, long non-Latin URLs, `|[]^`. */
const adversarial = [
  record({ key: 'astral', person: '😀'.repeat(200), org: '𝔸'.repeat(300), evidence: '👩‍💻'.repeat(2000), source: '🎉'.repeat(300) }),
  record({ key: 'cjk', person: 'Wang Wei', url: `https://news.example.jp/${'記事'.repeat(230)}` }),
  record({ key: 'cyrillic', person: 'Ivan Petrov', url: `https://news.example.ru/${'новости'.repeat(50)}` }),
  record({ key: 'pipes', person: 'Ada Pipes', url: 'https://a.example/x|y[1]^z?q=a|b[c]^' }),
  record({ key: 'creds', person: 'Eve Creds', url: 'https://bank.example@evil.example/' }),
  record({ key: 'bidi', person: 'Jane\u202eDoe', source: 'News\u2066 <Daily>', title: 'x\u202e' }),
];

let fake: FakeDiscord;
let store: Store;
let adapter: ChatAdapter;
let channel: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  channel = fake.channels[0] as string;
  store = createStore(memoryBackend());
  for (const [i, e] of adversarial.entries()) {
    await store.saveEvent({ ...e, published: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString() });
  }
  adapter = await createDiscordAdapter({
    config: configWith([channel]),
    env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
    query: { store, people: [], now: () => NOW },
    log: captureLog().log,
  });
  await adapter.start({ interactive: true });
});
afterAll(async () => {
  await adapter.close();
  await store.close();
  await fake.close();
});

describe('the fake Discord', () => {
  it('answers a body over the limits with 400 and code 50035, naming the field', async () => {
    const rest = new REST({ api: fake.url, retries: 0 }).setToken('fake-token');
    const body = { embeds: [{ title: 'x'.repeat(300), url: 'https://a.example/|' }] };
    const err = await rest.post(`/channels/${channel}/messages`, { body }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: 50035 });
    expect(String((err as Error).message)).toContain('embeds[0].title');
    expect(String((err as Error).message)).toContain('embeds[0].url');
    expect(fake.invalid).toHaveLength(1);
    fake.invalid.length = 0;
  });
});

describe('adversarial cards', () => {
  it('are all accepted, each one posted', async () => {
    for (const e of adversarial) await adapter.notifier.send(e, [channel]);
    expect(fake.invalid.map((i) => i.problems)).toEqual([]);
    const embeds = fake.messages.filter((m) => m.channelId === channel).map((m) => (m.body.embeds as Embed[])[0]);
    expect(embeds).toHaveLength(adversarial.length);
    // A URL that cannot fit is dropped and the card kept; the others are encoded.
    expect(embeds[1]?.url).toBeUndefined();
    expect(embeds[1]?.title).toBe('Wang Wei leaves OpenAI');
    expect(embeds[3]?.url).toBe('https://a.example/x%7Cy%5B1%5D%5Ez?q=a%7Cb%5Bc%5D%5E');
    expect(embeds[4]?.url).toBeUndefined();
    expect(JSON.stringify(embeds[5])).not.toMatch(/[\u202e\u2066]/);
  });

  it('make /exits pages the platform accepts', async () => {
    const sent = fake.sendCommand('recent', { days: 30 });
    const body = (await fake.callbackOf(sent.id)).body as { data?: { embeds?: Embed[] } };
    expect(fake.invalid.map((i) => i.problems)).toEqual([]);
    expect(body.data?.embeds).toHaveLength(adversarial.length);
  });

  it('a card Discord refuses for good is reported as such (CardRefused), not as a passing failure', async () => {
    fake.fault(channel, { status: 400, times: 1, method: 'POST' });
    const err = await adapter.notifier.send(record({ key: 'refused' }), [channel]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardRefused);
    expect((err as CardRefused).reason).toMatch(/^50035 Invalid Form Body \(embeds\[0\]\.url/);
  });
});

describe('a page with two changes from the same article', () => {
  it('keeps both cards visible: only the first embed carries the url Discord would merge on', async () => {
    const { distinctUrls } = await import('../../src/notify/discord/paging.ts');
    const { eventEmbed } = await import('../../src/notify/discord/embed.ts');
    const a = record({ key: 'a1', person: 'Ada One', url: 'https://news.example.com/both' });
    const b = record({ key: 'b1', person: 'Bob Two', url: 'https://news.example.com/both' });
    const embeds = distinctUrls([eventEmbed(a), eventEmbed(b)]);
    expect(embeds.map((e) => e.url)).toEqual(['https://news.example.com/both', undefined]);
    expect(embeds.map((e) => e.title)).toEqual(['Ada One leaves OpenAI', 'Bob Two leaves OpenAI']);
  });
});

describe('an answer whose cards Discord refuses', () => {
  it('is sent again as plain lines, not answered "sorry, that did not work"', async () => {
    fake.refuseEmbeds(1);
    const sent = fake.sendCommand('recent', { days: 30 });
    const body = (await fake.callbackOf(sent.id)).body as { data?: { content?: string; embeds?: Embed[] } };
    expect(fake.invalid).toHaveLength(1);
    fake.invalid.length = 0;
    expect(body.data?.embeds ?? []).toEqual([]);
    expect(body.data?.content).toContain('• Wang Wei leaves OpenAI');
    expect(body.data?.content).not.toContain('sorry');
  });
});
