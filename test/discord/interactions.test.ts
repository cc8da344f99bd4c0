import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatAdapter } from '../../src/app/chat.ts';
import { createDiscordAdapter } from '../../src/app/discord.ts';
import type { Store } from '../../src/core/ports.ts';
import type { EventRecord, PersonEntry } from '../../src/core/types.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith, type Embed, type LogLine, record } from './helpers.ts';

const people: PersonEntry[] = [
  { name: 'Mira Murati', aliases: ['Ermira Murati'] },
  { name: 'Mark Chen', aliases: [] },
  { name: 'Mark Twain', aliases: [] },
];
const NOW = new Date('2024-09-26T00:00:00Z');

/** Twelve changes of the last week (ten people at Acme, Mira Murati twice at OpenAI), plus an old one. */
function history(): EventRecord[] {
  const day = (d: number) => new Date(NOW.getTime() - d * 3_600_000 * 12).toISOString();
  const acme = Array.from({ length: 10 }, (_, i) =>
    record({ key: `acme-${i}`, person: `Person ${i}`, org: 'Acme', role: null, published: day(i + 3) }),
  );
  return [
    record({ key: 'mira-1', published: day(1) }),
    record({ key: 'mira-2', type: 'founded', destination: 'Thinking Machines', org: null, published: day(2) }),
    ...acme,
    record({ key: 'old', person: 'Jane Roe', org: 'Initech', published: '2023-01-01T00:00:00.000Z' }),
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

async function connect(fake: FakeDiscord, store: Store, deferAfterMs?: number) {
  const { log, lines } = captureLog();
  const adapter = await createDiscordAdapter({
    config: configWith(fake.channels),
    env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
    query: { store, people, now: () => NOW },
    log,
    deferAfterMs,
  });
  await adapter.start({ interactive: true });
  return { adapter, lines };
}

async function callback(fake: FakeDiscord, sent: { id: string }): Promise<Body> {
  return (await fake.callbackOf(sent.id)).body as Body;
}

describe('/exits over the gateway (fast answers)', () => {
  let fake: FakeDiscord;
  let store: Store;
  let adapter: ChatAdapter;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    store = createStore(memoryBackend());
    for (const e of history()) await store.saveEvent(e);
    ({ adapter } = await connect(fake, store));
  });
  afterAll(async () => {
    await adapter.close();
    await store.close();
    await fake.close();
  });

  it('logs in with IDENTIFY over the fake gateway', () => {
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]).toMatchObject({ token: 'fake-token' });
  });

  it('answers /exits recent with the first page of cards and paging buttons', async () => {
    const body = await callback(fake, fake.sendCommand('recent'));
    expect(body.type).toBe(4);
    const data = body.data as Data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.content).toBe('**Changes in the last 7 days**\n1–10 of 12 \\(page 1/2\\)');
    expect(data.embeds?.map((e) => e.title)).toEqual([
      'Mira Murati leaves OpenAI',
      'Mira Murati founds Thinking Machines',
      ...Array.from({ length: 8 }, (_, i) => `Person ${i} leaves Acme`),
    ]);
    const buttons = data.components?.[0]?.components ?? [];
    expect(buttons.map((b) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', true],
      ['Next ▶', false],
    ]);

    const next = await callback(fake, fake.pressButton(buttons[1]?.custom_id as string));
    expect(next.type).toBe(7);
    expect(next.data?.content).toBe('**Changes in the last 7 days**\n11–12 of 12 \\(page 2/2\\)');
    expect(next.data?.embeds?.map((e) => e.title)).toEqual(['Person 8 leaves Acme', 'Person 9 leaves Acme']);
    const again = next.data?.components?.[0]?.components ?? [];
    expect(again.map((b) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', false],
      ['Next ▶', true],
    ]);

    const back = await callback(fake, fake.pressButton(again[0]?.custom_id as string));
    expect(back.data?.embeds?.[0]?.title).toBe('Mira Murati leaves OpenAI');
  });

  it('pages /exits recent with days and company', async () => {
    const body = await callback(fake, fake.sendCommand('recent', { days: 3650, company: 'acme' }));
    expect(body.data?.content).toBe('**Changes at acme in the last 3650 days**\n1–10 of 10');
    expect(body.data?.components).toEqual([]);
    const old = await callback(fake, fake.sendCommand('recent', { days: 1000, company: 'initech' }));
    expect(old.data?.embeds?.map((e) => e.title)).toEqual(['Jane Roe leaves Initech']);
  });

  it('finds Mira Murati from a misspelling', async () => {
    const body = await callback(fake, fake.sendCommand('person', { name: 'mulati' }));
    expect(body.type).toBe(4);
    expect(body.data?.content).toBe('**Mira Murati**\n1–2 of 2');
    expect(body.data?.embeds?.map((e) => e.fields?.[0]?.value)).toEqual(['Mira Murati', 'Mira Murati']);
    expect(body.data?.flags ?? 0).toBe(0);
  });

  it('answers /exits company', async () => {
    const body = await callback(fake, fake.sendCommand('company', { name: 'thinking machines' }));
    expect(body.data?.embeds?.map((e) => e.title)).toEqual(['Mira Murati founds Thinking Machines']);
  });

  it('answers bad input ephemerally, with "did you mean"', async () => {
    const body = await callback(fake, fake.sendCommand('person', { name: 'mark' }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toBe("no one called 'mark' in the history; did you mean Mark Chen, Mark Twain?");
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const days = await callback(fake, fake.sendCommand('recent', { days: 0 }));
    expect(days.data?.flags).toBe(64);
    expect(days.data?.content).toBe('days must be a whole number from 1 to 3650');
  });

  it('answers an empty result and help ephemerally', async () => {
    const empty = await callback(fake, fake.sendCommand('recent', { company: 'nobody' }));
    expect(empty.data).toMatchObject({ flags: 64, content: 'no changes at nobody in the last 7 days' });
    const help = await callback(fake, fake.sendCommand('help'));
    expect(help.data?.flags).toBe(64);
    expect(help.data?.content).toContain('/exits person \\<name\\>');
  });

  it('escapes what the user typed', async () => {
    const body = await callback(fake, fake.sendCommand('company', { name: '@everyone' }));
    expect(body.data?.content).toBe("no changes at '@\u200beveryone' in the history");
  });

  it('suggests names from the watchlist and the history', async () => {
    const people = await callback(fake, fake.sendAutocomplete('person', 'name', { name: 'mar' }));
    expect(people.type).toBe(8);
    expect(people.data?.choices).toEqual([
      { name: 'Mark Chen', value: 'Mark Chen' },
      { name: 'Mark Twain', value: 'Mark Twain' },
    ]);
    const alias = await callback(fake, fake.sendAutocomplete('person', 'name', { name: 'ermira' }));
    expect(alias.data?.choices?.map((c) => c.value)).toEqual(['Mira Murati']);
    const companies = await callback(fake, fake.sendAutocomplete('recent', 'company', { days: 7, company: 'in' }));
    expect(companies.data?.choices?.map((c) => c.value)).toEqual(['Initech', 'Thinking Machines']);
  });

  it('says when a remembered list has expired', async () => {
    const body = await callback(fake, fake.pressButton('xp1|m|2|forgotten'));
    expect(body.data).toMatchObject({ flags: 64, content: 'this list is no longer available; run the command again' });
  });
});

describe('/exits when the history is slow or broken', () => {
  let fake: FakeDiscord;
  let adapter: ChatAdapter;
  let lines: LogLine[];
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  let broken = false;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const inner = createStore(memoryBackend());
    for (const e of history()) await inner.saveEvent(e);
    const store: Store = {
      ...inner,
      async listEvents(since, keep) {
        await gate;
        if (broken) throw new Error('disk on fire');
        return inner.listEvents(since, keep);
      },
    };
    // Answers slower than 500 ms are deferred; the gate below holds the history to force that path.
    ({ adapter, lines } = await connect(fake, store, 500));
  });
  afterAll(async () => {
    await adapter.close();
    await fake.close();
  });

  function hold(): void {
    gate = new Promise((resolve) => {
      release = resolve;
    });
  }

  it('defers a slow answer, then edits it in', async () => {
    hold();
    const sent = fake.sendCommand('person', { name: 'murati' });
    const first = await callback(fake, sent);
    expect(first.type).toBe(5);
    expect(first.data?.flags ?? 0).toBe(0);
    release();
    const edit = await fake.waitFor('the edited reply', () =>
      fake.webhooks.find((w) => w.token === sent.token && w.method === 'PATCH'),
    );
    expect(edit.messageId).toBe('@original');
    expect((edit.body as Data).embeds?.map((e) => e.title)).toEqual([
      'Mira Murati leaves OpenAI',
      'Mira Murati founds Thinking Machines',
    ]);
    expect((edit.body as Data).allowed_mentions).toEqual({ parse: [] });
  });

  it('replaces a slow public deferral by an ephemeral follow-up for bad input', async () => {
    hold();
    const sent = fake.sendCommand('person', { name: 'mark' });
    expect(await callback(fake, sent)).toMatchObject({ type: 5, data: { flags: 0 } });
    release();
    const follow = await fake.waitFor('the follow-up', () =>
      fake.webhooks.find((w) => w.token === sent.token && w.method === 'POST'),
    );
    expect((follow.body as Data).flags).toBe(64);
    expect((follow.body as Data).content).toContain('did you mean Mark Chen, Mark Twain?');
    expect(fake.webhooks.filter((w) => w.token === sent.token).map((w) => [w.method, w.messageId])).toEqual([
      ['DELETE', '@original'],
      ['POST', null],
    ]);
  });

  it('defers a slow page turn with an update', async () => {
    gate = Promise.resolve();
    const page1 = await callback(fake, fake.sendCommand('recent'));
    const nextId = page1.data?.components?.[0]?.components[1]?.custom_id as string;
    hold();
    const press = fake.pressButton(nextId);
    expect(await callback(fake, press)).toEqual({ type: 6 });
    release();
    const edit = await fake.waitFor('the edited page', () =>
      fake.webhooks.find((w) => w.token === press.token && w.method === 'PATCH'),
    );
    expect((edit.body as Data).embeds).toHaveLength(2);
  });

  it('answers a failure ephemerally and logs it', async () => {
    gate = Promise.resolve();
    broken = true;
    try {
      const body = await callback(fake, fake.sendCommand('recent'));
      expect(body.type).toBe(4);
      expect(body.data?.flags).toBe(64);
      expect(body.data?.content).toBe('sorry, that did not work: could not read the history: disk on fire');
      const ac = await callback(fake, fake.sendAutocomplete('person', 'name', { name: 'mu' }));
      expect(ac).toEqual({ type: 8, data: { choices: [] } });
    } finally {
      broken = false;
    }
    expect(lines.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'Discord interaction failed: could not read the history: disk on fire',
      'Discord interaction failed: disk on fire',
    ]);
  });
});
