import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/app/chat.ts';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import type { Store } from '../../src/core/ports.ts';
import type { EventRecord, PersonEntry } from '../../src/core/types.ts';
import { checkFeedUrl } from '../../src/sources/guard.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, MEMBER_PERMISSIONS, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith, type Embed, record, reportOf } from './helpers.ts';

const people: PersonEntry[] = [{ name: 'Mira Murati', aliases: ['Ermira Murati'] }];
const NOW = new Date('2024-09-26T00:00:00Z');
const day = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

/** Ten Acme departures and one firing this week, a founding, and a change reported by three outlets. */
function history(): EventRecord[] {
  const acme = Array.from({ length: 10 }, (_, i) =>
    record({ key: `acme-${i}`, person: `Person ${i}`, org: 'Acme', role: null, published: day(1 + i / 10) }),
  );
  const multi = record({
    key: '3fa9c01b2e',
    person: 'Ada Lovelace',
    org: 'Globex',
    published: '2024-09-20T08:00:00.000Z',
    url: 'https://first.example.com/ada',
    source: 'First Wire',
    title: 'Ada Lovelace leaves Globex',
  });
  multi.reports = [
    reportOf(multi),
    {
      ...reportOf(multi),
      itemId: 'b',
      source: 'Le Monde',
      lang: 'fr',
      title: 'Ada Lovelace quitte Globex',
      url: 'https://lemonde.example.com/ada?x=1&y=(2)',
      published: '2024-09-20T10:00:00.000Z',
    },
    {
      ...reportOf(multi),
      itemId: 'c',
      source: '@everyone news',
      title: '[click](https://evil.example.com) **now**',
      url: null,
      published: '2024-09-21T10:00:00.000Z',
    },
  ];
  return [
    ...acme,
    record({ key: 'fired-1', person: 'Mira Murati', type: 'fired', published: day(2) }),
    record({ key: 'found-1', person: 'Mira Murati', type: 'founded', org: null, destination: 'Thinking Machines', published: day(3) }),
    record({ key: '3fa9d7', person: 'Jane Roe', org: 'Initech', published: '2023-01-01T00:00:00.000Z' }),
    multi,
  ];
}

type Data = {
  content?: string;
  embeds?: Embed[];
  flags?: number;
  allowed_mentions?: unknown;
  components?: { type: number; components: { custom_id: string; label: string; disabled: boolean }[] }[];
  choices?: { name: string; value: string }[];
};
type Body = { type: number; data?: Data };

let fake: FakeDiscord;
let store: Store;
let adapter: ChatAdapter;
let CONFIGURED: string;
let UNCONFIGURED: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  [CONFIGURED, UNCONFIGURED] = fake.channels as [string, string];
  store = createStore(memoryBackend());
  for (const e of history()) await store.saveEvent(e);
  adapter = await createDiscordAdapter({
    // The first channel wants OpenAI in the config; the second is not in the config at all.
    config: configWith([{ id: CONFIGURED, companies: ['OpenAI'] }]),
    env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
    query: {
      store,
      people,
      now: () => NOW,
      feeds: { configured: [], check: (url) => checkFeedUrl(url, { allowPrivate: false }) },
    },
    log: captureLog().log,
  });
  await adapter.start({ interactive: true });
});
afterAll(async () => {
  await adapter.close();
  await store.close();
  await fake.close();
});

async function callback(sent: { id: string }): Promise<Body> {
  return (await fake.callbackOf(sent.id)).body as Body;
}

describe('/exits recent with a kind', () => {
  it('keeps only that kind of change', async () => {
    const fired = await callback(fake.sendCommand('recent', { kind: 'fired' }));
    expect(fired.data?.content).toBe('**Changes \\(fired\\) in the last 7 days**\n1–1 of 1');
    expect(fired.data?.embeds?.map((e) => e.title)).toEqual(['Mira Murati is pushed out of OpenAI']);
    const founded = await callback(fake.sendCommand('recent', { days: 3650, kind: 'founded' }));
    expect(founded.data?.embeds?.map((e) => e.title)).toEqual(['Mira Murati founds Thinking Machines']);
    const none = await callback(fake.sendCommand('recent', { company: 'acme', kind: 'joined' }));
    expect(none.data).toMatchObject({ flags: 64, content: 'no changes \\(joined\\) at acme in the last 7 days' });
  });

  it('keeps the kind when paging', async () => {
    const first = await callback(fake.sendCommand('recent', { days: 30, kind: 'departure' }));
    expect(first.data?.content).toBe('**Changes \\(departure\\) in the last 30 days**\n1–10 of 11 \\(page 1/2\\)');
    const next = first.data?.components?.[0]?.components[1]?.custom_id as string;
    expect(next).toBe('xp1|recent:departure|2|30|');
    const second = await callback(fake.pressButton(next));
    expect(second.data?.content).toBe('**Changes \\(departure\\) in the last 30 days**\n11–11 of 11 \\(page 2/2\\)');
    expect(second.data?.embeds?.map((e) => e.title)).toEqual(['Ada Lovelace leaves Globex']);
  });
});

describe('/exits sources', () => {
  it('lists every report of a change from a prefix of its id, links kept and text escaped', async () => {
    const body = await callback(fake.sendCommand('sources', { id: '3fa9c' }));
    expect(body.type).toBe(4);
    const data = body.data as Data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds).toHaveLength(1);
    expect(data.embeds?.[0]?.title).toBe('Ada Lovelace, departure, Globex: reported by 3 sources');
    expect(data.embeds?.[0]?.description?.split('\n')).toEqual([
      '2024\\-09\\-20 · English · First Wire · Ada Lovelace leaves Globex · <https://first.example.com/ada>',
      '2024\\-09\\-20 · French · Le Monde · Ada Lovelace quitte Globex · <https://lemonde.example.com/ada?x=1&y=(2)>',
      '2024\\-09\\-21 · English · @\u200beveryone news · \\[click\\]\\(https://evil.example.com\\) \\*\\*now\\*\\*',
    ]);
  });

  it('the id on a card is the one sources takes', async () => {
    const page = await callback(fake.sendCommand('recent', { days: 30, company: 'globex' }));
    const footer = page.data?.embeds?.[0]?.footer?.text;
    expect(footer).toBe('First Wire · id 3fa9c01b2e');
    // Copied from the footer as shown, "id " included.
    const id = footer?.split(' · ')[1] as string;
    expect(id).toBe('id 3fa9c01b2e');
    const body = await callback(fake.sendCommand('sources', { id }));
    expect(body.data?.embeds?.[0]?.title).toContain('reported by 3 sources');
  });

  it('answers an ambiguous, unknown or malformed id ephemerally', async () => {
    const ambiguous = await callback(fake.sendCommand('sources', { id: '3fa9' }));
    expect(ambiguous.data).toMatchObject({ flags: 64, content: '2 changes start with 3fa9: give more of the id' });
    const unknown = await callback(fake.sendCommand('sources', { id: 'ffff0000' }));
    expect(unknown.data).toMatchObject({ flags: 64, content: 'no change with id ffff0000 in the history' });
    const bad = await callback(fake.sendCommand('sources', { id: '@everyone' }));
    expect(bad.data?.flags).toBe(64);
    expect(bad.data?.content).toBe('give the id shown on a card \\(4 or more of its characters\\)');
  });
});

describe('/exits watch', () => {
  it('lists what the configured channel watches', async () => {
    const body = await callback(fake.sendCommand('list', {}, { group: 'watch' }));
    expect(body.data?.flags ?? 0).toBe(0);
    expect(body.data?.embeds?.[0]?.title).toBe('This channel watches');
    expect(body.data?.embeds?.[0]?.description).toBe('people: everyone\ncompanies: OpenAI');
  });

  it('refuses a change by a member without Manage Channels, ephemerally, and stores nothing', async () => {
    const body = await callback(
      fake.sendCommand('add', { what: 'person', name: 'murati' }, { group: 'watch', permissions: MEMBER_PERMISSIONS }),
    );
    expect(body.type).toBe(4);
    expect(body.data).toMatchObject({
      flags: 64,
      content: 'only channel admins can change what this channel watches',
    });
    expect(await store.getWatch('discord', CONFIGURED)).toBeUndefined();
  });

  it('lets a member with Manage Channels add and remove, persists it, and list shows it', async () => {
    const added = await callback(fake.sendCommand('add', { what: 'person', name: 'murati' }, { group: 'watch' }));
    expect(added.data?.flags ?? 0).toBe(0);
    expect(added.data?.embeds?.[0]?.title).toBe('Now watching Mira Murati');
    expect(await store.getWatch('discord', CONFIGURED)).toEqual({ people: ['Mira Murati'], companies: ['OpenAI'] });

    const company = await callback(fake.sendCommand('add', { what: 'company', name: 'Acme' }, { group: 'watch' }));
    expect(company.data?.embeds?.[0]?.title).toBe('Now watching Acme');
    const list = await callback(
      fake.sendCommand('list', {}, { group: 'watch', permissions: MEMBER_PERMISSIONS }),
    );
    expect(list.data?.embeds?.[0]?.description).toBe('people: Mira Murati\ncompanies: OpenAI, Acme');

    const again = await callback(fake.sendCommand('add', { what: 'company', name: 'acme' }, { group: 'watch' }));
    expect(again.data).toMatchObject({ flags: 64, content: 'acme is already watched here' });

    const removed = await callback(fake.sendCommand('remove', { what: 'company', name: 'OpenAI' }, { group: 'watch' }));
    expect(removed.data?.embeds?.[0]?.title).toBe('No longer watching OpenAI');
    expect(await store.getWatch('discord', CONFIGURED)).toEqual({ people: ['Mira Murati'], companies: ['Acme'] });
  });

  it('says that a channel missing from the config receives no cards', async () => {
    const body = await callback(fake.sendCommand('list', {}, { group: 'watch', channelId: UNCONFIGURED }));
    expect(body.data?.embeds?.[0]?.description?.split('\n')).toEqual([
      'people: everyone',
      'companies: any',
      '\\(no filter: this channel receives every change\\)',
      'note: this channel is not in discord.channels of the config, so it receives no cards',
    ]);
  });

  it('suggests people or companies for the name, after what was chosen', async () => {
    const companies = await callback(fake.sendAutocomplete('add', 'name', { what: 'company', name: 'glo' }, 'watch'));
    expect(companies.data?.choices?.map((c) => c.value)).toEqual(['Globex']);
    const names = await callback(fake.sendAutocomplete('add', 'name', { what: 'person', name: 'ermira' }, 'watch'));
    expect(names.data?.choices?.map((c) => c.value)).toEqual(['Mira Murati']);
  });
});

describe('/exits feeds', () => {
  /** Manage Channels without Manage Server: enough for /exits watch, not for the bot's feeds. */
  const CHANNEL_ADMIN = String(BigInt(MEMBER_PERMISSIONS) | (1n << 4n));

  it('refuses a member without Manage Server, and a private address, ephemerally, storing nothing', async () => {
    const member = await callback(
      fake.sendCommand('add', { url: 'http://93.184.215.14/rss' }, { group: 'feeds', permissions: CHANNEL_ADMIN }),
    );
    expect(member.data).toMatchObject({ flags: 64, content: 'only the bot’s admins can change its feeds' });
    const loopback = await callback(fake.sendCommand('add', { url: 'http://127.0.0.1:8080/rss' }, { group: 'feeds' }));
    expect(loopback.data).toMatchObject({
      flags: 64,
      content: '127.0.0.1 is a loopback, private or reserved address: an added feed must be public, unless the config sets http.allowPrivateAddresses: true',
    });
    expect(await store.getAddedFeeds()).toEqual([]);
  });

  it('lets a member with Manage Server add, list and remove a public feed', async () => {
    const added = await callback(fake.sendCommand('add', { url: 'http://93.184.215.14/rss', name: 'Wire' }, { group: 'feeds' }));
    expect(added.data?.embeds?.[0]?.title).toBe('Added Wire');
    expect((await store.getAddedFeeds()).map((f) => [f.url, f.addedBy])).toEqual([
      ['http://93.184.215.14/rss', 'discord:800000000000000001'],
    ]);
    const list = await callback(fake.sendCommand('list', {}, { group: 'feeds', permissions: MEMBER_PERMISSIONS }));
    expect(list.data?.embeds?.[0]?.title).toBe('Feeds: 0 from the config, 1 added');
    // Each feed with its poll interval and next poll; this one was never polled.
    expect(list.data?.embeds?.[0]?.description).toMatch(/^Wire · <http:\/\/93\.184\.215\.14\/rss> · added by .* · not polled yet$/);
    // Once its hub pushes it: its safety poll, and the hub and the lease's end beside it (text escaped for Discord).
    const url = 'http://93.184.215.14/rss';
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    await store.setFeedState(url, { lastOkAt: NOW.toISOString(), pollIntervalMs: 3_600_000, pollReason: 'override', nextPollAt: at(30 * 60_000) });
    await store.setSubscription({
      ...{ id: 'wire-sub', feedId: url, hub: 'https://hub.example/', topic: url, secret: 's', status: 'active', attempts: 0 },
      ...{ requestedAt: NOW.toISOString(), verifiedAt: NOW.toISOString(), leaseSeconds: 5 * 86_400, expiresAt: at(5 * 86_400_000) },
    });
    const pushed = await callback(fake.sendCommand('list', {}, { group: 'feeds', permissions: MEMBER_PERMISSIONS }));
    const nextAt = at(30 * 60_000).slice(11, 16);
    const expires = at(5 * 86_400_000);
    expect(pushed.data?.embeds?.[0]?.description).toBe(
      `Wire · <http://93.184.215.14/rss> · added by discord:800000000000000001 on ${NOW.toISOString().slice(0, 10).replace(/-/g, '\\-')} · ` +
        `every 1 h \\(override\\), next ${nextAt} UTC \\(in 30 min\\) · ` +
        `pushed by hub.example \\(lease until ${expires.slice(0, 10).replace(/-/g, '\\-')} ${expires.slice(11, 16)} UTC \\(in 5 d\\)\\)`,
    );
    await store.deleteSubscription('wire-sub');
    const removed = await callback(fake.sendCommand('remove', { url: 'wire' }, { group: 'feeds' }));
    expect(removed.data?.embeds?.[0]?.title).toBe('Removed Wire');
    expect(await store.getAddedFeeds()).toEqual([]);
  });
});
