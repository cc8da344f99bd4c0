import { describe, expect, it } from 'vitest';
import { MAX_ADDED_FEEDS } from '../../src/commands/feeds.ts';
import { answerRequest, type QueryContext } from '../../src/commands/query.ts';
import type { PushSubscription } from '../../src/core/types.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';

const admin = { id: 'discord:1', mayEdit: true };
const member = { id: 'discord:2', mayEdit: false };

function context(): QueryContext {
  return {
    store: createStore(memoryBackend()),
    people: [],
    now: () => new Date('2024-09-26T12:00:00Z'),
    feeds: {
      configured: ['https://config.example/rss'],
      check: async (url) =>
        url.includes('10.0.0.1')
          ? { ok: false, error: '10.0.0.1 is a loopback, private or reserved address: an added feed must be public, unless the config sets http.allowPrivateAddresses: true' }
          : { ok: true, url: new URL(url).href },
    },
  };
}

describe('/exits feeds', () => {
  it('adds a feed, lists it, and removes it by URL or by name', async () => {
    const ctx = context();
    const added = await answerRequest({ sub: 'feeds', action: 'add', url: 'https://news.example/rss', name: ' Le  Monde ', asker: admin }, ctx);
    expect(added).toEqual({ ok: true, title: 'Added Le Monde', lines: ['https://news.example/rss is polled from the next cycle'] });
    await answerRequest({ sub: 'feeds', action: 'add', url: 'https://other.example/atom', asker: admin }, ctx);
    expect(await ctx.store.getAddedFeeds()).toEqual([
      { url: 'https://news.example/rss', name: 'Le Monde', addedBy: 'discord:1', addedAt: '2024-09-26T12:00:00.000Z' },
      { url: 'https://other.example/atom', name: 'other.example', addedBy: 'discord:1', addedAt: '2024-09-26T12:00:00.000Z' },
    ]);
    const list = await answerRequest({ sub: 'feeds', action: 'list', asker: member }, ctx);
    expect(list).toEqual({
      ok: true,
      title: 'Feeds: 1 from the config, 2 added',
      lines: [
        'https://config.example/rss · from the config · not polled yet',
        'Le Monde · https://news.example/rss · added by discord:1 on 2024-09-26 · not polled yet',
        'other.example · https://other.example/atom · added by discord:1 on 2024-09-26 · not polled yet',
      ],
    });
    expect(await answerRequest({ sub: 'feeds', action: 'remove', url: 'le monde', asker: admin }, ctx)).toMatchObject({
      ok: true,
      title: 'Removed Le Monde',
    });
    expect(await answerRequest({ sub: 'feeds', action: 'remove', url: 'https://other.example/atom', asker: admin }, ctx)).toMatchObject({ ok: true });
    expect(await ctx.store.getAddedFeeds()).toEqual([]);
  });

  it('lists each feed and X account with its poll interval and next poll', async () => {
    const ctx = context();
    ctx.feeds = { ...(ctx.feeds as NonNullable<QueryContext['feeds']>), accounts: [{ id: 'x:@miramurati', handle: '@miramurati' }] };
    await ctx.store.setFeedState('https://config.example/rss', {
      lastOkAt: '2024-09-26T11:59:00.000Z',
      pollIntervalMs: 120_000,
      pollReason: 'rhythm',
      nextPollAt: '2024-09-26T12:01:00.000Z',
    });
    await ctx.store.setFeedState('x:@miramurati', {
      lastOkAt: '2024-09-26T11:00:00.000Z',
      pollIntervalMs: 40 * 60_000,
      pollReason: 'ttl',
      nextPollAt: '2024-09-26T11:40:00.000Z',
    });
    await answerRequest({ sub: 'feeds', action: 'add', url: 'https://news.example/rss', asker: admin }, ctx);
    await ctx.store.setFeedState('https://news.example/rss', {
      failures: 3,
      failingSince: '2024-09-26T10:00:00.000Z',
      nextAttemptAt: '2024-09-27T12:30:00.000Z',
    });
    const list = await answerRequest({ sub: 'feeds', action: 'list', asker: member }, ctx);
    expect(list).toEqual({
      ok: true,
      title: 'Feeds: 1 from the config, 1 X accounts, 1 added',
      lines: [
        'https://config.example/rss · from the config · every 2 min (rhythm), next 12:01 UTC (in 1 min)',
        '@miramurati · X account from the config · every 40 min (ttl), next 11:40 UTC (due now)',
        'news.example · https://news.example/rss · added by discord:1 on 2024-09-26 · failing since 2024-09-26 10:00 UTC, next try 2024-09-27 12:30 UTC (in 24 h 30 min)',
      ],
    });
  });

  it('says which feeds a WebSub hub pushes, until when, and which are waiting for or refused by their hub', async () => {
    const ctx = context();
    const sub = (feedId: string, over: Partial<PushSubscription>): PushSubscription => ({
      id: `sub-${feedId}`,
      feedId,
      hub: 'https://hub.example/',
      topic: feedId,
      secret: 's',
      status: 'active',
      requestedAt: '2024-09-26T10:00:00.000Z',
      attempts: 0,
      ...over,
    });
    await ctx.store.setFeedState('https://config.example/rss', {
      lastOkAt: '2024-09-26T11:30:00.000Z',
      pollIntervalMs: 3_600_000,
      pollReason: 'override',
      nextPollAt: '2024-09-26T12:30:00.000Z',
      hub: 'https://hub.example/',
    });
    await ctx.store.setSubscription(sub('https://config.example/rss', { verifiedAt: '2024-09-26T10:00:00.000Z', leaseSeconds: 7 * 86_400, expiresAt: '2024-10-03T10:00:00.000Z' }));
    for (const url of ['https://a.example/rss', 'https://b.example/rss', 'https://c.example/rss']) {
      await answerRequest({ sub: 'feeds', action: 'add', url, asker: admin }, ctx);
    }
    await ctx.store.setSubscription(sub('https://a.example/rss', { status: 'subscribing', hub: 'https://push.example/websub' }));
    await ctx.store.setSubscription(sub('https://b.example/rss', { status: 'denied', reason: 'topic not allowed' }));
    await ctx.store.setSubscription(sub('https://c.example/rss', { verifiedAt: '2024-09-20T10:00:00.000Z', expiresAt: '2024-09-26T11:00:00.000Z' }));
    const list = await answerRequest({ sub: 'feeds', action: 'list', asker: member }, ctx);
    expect(list).toMatchObject({
      ok: true,
      lines: [
        'https://config.example/rss · from the config · every 1 h (override), next 12:30 UTC (in 30 min) · pushed by hub.example (lease until 2024-10-03 10:00 UTC (in 6 d 22 h))',
        'a.example · https://a.example/rss · added by discord:1 on 2024-09-26 · not polled yet · push: subscribing at push.example/websub, not verified yet',
        'b.example · https://b.example/rss · added by discord:1 on 2024-09-26 · not polled yet · push refused by hub.example (topic not allowed), asked again later',
        'c.example · https://c.example/rss · added by discord:1 on 2024-09-26 · not polled yet · push lease at hub.example ran out 11:00 UTC: polled as usual',
      ],
    });
  });

  it('lets only admins change the feeds', async () => {
    const ctx = context();
    const answer = await answerRequest({ sub: 'feeds', action: 'add', url: 'https://news.example/rss', asker: member }, ctx);
    expect(answer).toEqual({ ok: false, error: 'only the bot’s admins can change its feeds' });
    expect(await ctx.store.getAddedFeeds()).toEqual([]);
  });

  it('refuses private addresses, duplicates, configured feeds, overlong input and too many feeds', async () => {
    const ctx = context();
    const add = (url: string, name?: string) => answerRequest({ sub: 'feeds', action: 'add', url, name, asker: admin }, ctx);
    expect(await add('http://10.0.0.1/rss')).toMatchObject({ ok: false, error: expect.stringContaining('must be public') });
    expect(await add('https://config.example/rss')).toEqual({ ok: false, error: 'that feed is already in the config file' });
    expect(await add(`https://news.example/${'a'.repeat(2100)}`)).toEqual({ ok: false, error: 'that URL is longer than 2048 characters' });
    expect(await add('https://news.example/rss', 'n'.repeat(101))).toEqual({ ok: false, error: 'the name is longer than 100 characters' });
    expect(await add('')).toEqual({ ok: false, error: 'usage: /exits feeds add <url>' });
    expect(await add('https://news.example/rss')).toMatchObject({ ok: true });
    expect(await add('https://news.example/rss')).toEqual({ ok: false, error: 'that feed was already added' });
    expect(await answerRequest({ sub: 'feeds', action: 'remove', url: 'https://config.example/rss', asker: admin }, ctx)).toEqual({
      ok: false,
      error: 'that feed is in the config file: remove it there',
    });
    for (let i = 1; i < MAX_ADDED_FEEDS; i++) await add(`https://news.example/${i}`);
    expect(await add('https://one-too-many.example/rss')).toEqual({
      ok: false,
      error: `${MAX_ADDED_FEEDS} feeds are added already: put more in the config file`,
    });
    expect(await ctx.store.getAddedFeeds()).toHaveLength(MAX_ADDED_FEEDS);
  });

  it('never loses an addition when two admins add at once', async () => {
    const ctx = context();
    const urls = Array.from({ length: 8 }, (_, i) => `https://news.example/${i}`);
    await Promise.all(urls.map((url) => answerRequest({ sub: 'feeds', action: 'add', url, asker: admin }, ctx)));
    expect((await ctx.store.getAddedFeeds()).map((f) => f.url).sort()).toEqual(urls.sort());
  });
});
