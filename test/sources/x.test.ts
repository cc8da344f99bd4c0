import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { parsePostTitle } from '../../src/sources/x.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { errorCodeOf, expectOk, feedSpec, manifest, xSpec } from './helpers.ts';

let server: FeedServer;
const fetcher = createFeedFetcher({ timeoutMs: 1000 });

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

const nitterStatusIds = (manifest['nitter-murati.xml']?.items ?? []).map((e) => /(\d+)(#m)?$/.exec(e.guid)?.[1]);

describe('Nitter', () => {
  it('yields the manifest posts with prefixes stripped and the right authors', async () => {
    const items = expectOk(await fetcher.poll(xSpec([`${server.url}/nitter/miramurati/rss`]), undefined));
    expect(items.map((i) => i.id)).toEqual(nitterStatusIds.map((id) => `x:${id}`));
    for (const item of items) {
      expect(item.kind).toBe('x_post');
      expect(item.title).not.toMatch(/^(Pinned: |RT by @|R to @)/);
      expect(item.summary).toBe(item.title);
      expect(item.source).toBe(`@miramurati via 127.0.0.1:${server.port}`);
    }
    const expected = manifest['nitter-murati.xml']?.items ?? [];
    expect(items.map((i) => i.author)).toEqual(expected.map((e) => e.dc_creator));

    const retweet = items.find((i) => i.author === '@barret_zoph');
    expect(retweet?.title).toMatch(/^Note I just shared internally: after a lot of thought, I'm leaving OpenAI\./);
    expect(retweet?.url).toBe('https://x.com/barret_zoph/status/1839063616585101407');
    const pinned = items.find((i) => i.id === 'x:1838995681444562488');
    expect(pinned?.title).toMatch(/^Some personal news: after six and a half years/);
    const reply = items.find((i) => i.id === 'x:1839112790603413306');
    expect(reply?.title).toBe('Thank you, Sam. Proud of everything this team has built, and cheering you all on.');
    // Mirror hosts never reach the card: links point at x.com.
    for (const item of items) expect(item.url).toMatch(/^https:\/\/x\.com\/\w+\/status\/\d+$/);
  });
});

describe('a mirror feed given as a plain feed URL', () => {
  it('is read as the account: status-id identity, authors and x.com links', async () => {
    const url = `${server.url}/feeds/nitter-murati.xml`;
    const items = expectOk(await fetcher.poll(feedSpec(url), undefined));
    expect(items.map((i) => i.id)).toEqual(nitterStatusIds.map((id) => `x:${id}`));
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['x_post']));
    expect(items.map((i) => i.author)).toEqual((manifest['nitter-murati.xml']?.items ?? []).map((e) => e.dc_creator));
    const news = expectOk(await fetcher.poll(feedSpec(`${server.url}/feeds/news-rss2.xml`), undefined));
    expect(new Set(news.map((i) => i.kind))).toEqual(new Set(['news']));
  });
});

describe('RSSHub', () => {
  it('strips "Re " and "RT Name: "; a retweet is attributed to the original author', async () => {
    const spec = xSpec([`${server.url}/rsshub/list`], { id: 'x-list', handle: '@list' });
    const items = expectOk(await fetcher.poll(spec, undefined));
    const expected = manifest['rsshub-x.xml']?.items ?? [];
    expect(items).toHaveLength(expected.length);
    expect(items.map((i) => i.id)).toEqual(expected.map((e) => `x:${/status\/(\d+)/.exec(e.link)?.[1]}`));
    expect(items[0]?.author).toBe('@ylecun');

    const reply = items.find((i) => i.id === 'x:1839112790602801708');
    expect(reply).toMatchObject({
      title: 'Thank you, Sam. Proud of everything this team has built, and cheering you all on.',
      author: '@miramurati',
    });
    const retweet = items.find((i) => i.id === 'x:1839071417991713912');
    expect(retweet?.title).toMatch(/^Note I just shared internally/);
    expect(retweet?.summary).toBe(retweet?.title);
    // RSSHub names the original author only by display name; <author> is the retweeter (Sam Altman).
    expect(retweet?.author).toBe('Barret Zoph');
  });

  it('parsePostTitle leaves a post that merely starts with "Re" alone on Nitter', () => {
    expect(parsePostTitle('Re the launch: thanks all', '<p>Re the launch: thanks all</p>').kind).toBe('post');
    expect(parsePostTitle('Re the launch: thanks all', 'Re the launch: thanks all').kind).toBe('reply');
    expect(parsePostTitle('RT by @sama: hello')).toEqual({
      text: 'hello',
      kind: 'retweet',
      retweeted: null,
      replyTo: null,
    });
    expect(parsePostTitle('R to @sama: hi').replyTo).toBe('@sama');
  });
});

describe('mirror failover', () => {
  it('first mirror 503, second serves: items returned and state.mirror recorded', async () => {
    const mirrors = [`${server.url}/dead/miramurati/rss`, `${server.url}/nitter/miramurati/rss`];
    const result = await fetcher.poll(xSpec(mirrors), undefined);
    expect(expectOk(result)).toHaveLength(9);
    expect(result.state.mirror).toBe(1);
    expect(server.requests('/dead/miramurati/rss')).toBe(1);

    // The next poll starts at the mirror that answered; Nitter sends no ETag, so the body hash says unchanged.
    const again = await fetcher.poll(xSpec(mirrors), result.state);
    expect(again.status).toBe('not-modified');
    expect(again.state.mirror).toBe(1);
    expect(server.requests('/dead/miramurati/rss')).toBe(1);
  });

  it('a mirror answering 200 with a rate-limit HTML page is skipped', async () => {
    const mirrors = [`${server.url}/ratelimited/miramurati/rss`, `${server.url}/nitter/miramurati/rss`];
    const result = await fetcher.poll(xSpec(mirrors), undefined);
    expect(expectOk(result)).toHaveLength(9);
    expect(result.state.mirror).toBe(1);
  });

  it('a hanging mirror times out and the next one serves', async () => {
    const mirrors = [`${server.url}/hang`, `${server.url}/nitter/miramurati/rss`];
    const result = await createFeedFetcher({ timeoutMs: 200 }).poll(xSpec(mirrors), undefined);
    expect(expectOk(result)).toHaveLength(9);
  });

  it('validators belong to one mirror: switching mirror asks unconditionally', async () => {
    let down = false;
    server.setRoute('/m1/rss', (_req, res) => {
      res.writeHead(down ? 503 : 200, { 'content-type': 'application/rss+xml', etag: '"m1-etag"' });
      res.end(down ? '' : '<rss version="2.0"><channel><title>m1</title></channel></rss>');
    });
    const mirrors = [`${server.url}/rsshub/miramurati`, `${server.url}/m1/rss`];
    const first = await fetcher.poll(xSpec(mirrors), { mirror: 1 });
    expect(first.status).toBe('ok');
    expect(first.state).toMatchObject({ mirror: 1, etag: '"m1-etag"' });
    down = true;
    const second = await fetcher.poll(xSpec(mirrors), first.state);
    expect(expectOk(second)).toHaveLength(11);
    expect(second.state.mirror).toBe(0);
    expect(server.lastHeaders('/rsshub/miramurati')?.['if-none-match']).toBeUndefined();
    expect(second.state.etag).not.toBe('"m1-etag"');
  });

  it('all mirrors failing gives MIRRORS_FAILED and keeps the last good mirror', async () => {
    const mirrors = [`${server.url}/dead/a`, `${server.url}/status/429`];
    const result = await fetcher.poll(xSpec(mirrors), { mirror: 1, failures: 2 });
    expect(errorCodeOf(result)).toBe('MIRRORS_FAILED');
    expect(result.state).toMatchObject({ mirror: 1, failures: 3, lastError: 'MIRRORS_FAILED' });
    if (result.status === 'error') expect(result.error.message).toMatch(/HTTP_STATUS.*HTTP_STATUS/);
  });

  it('a single failing mirror reports its own error code', async () => {
    const result = await fetcher.poll(xSpec([`${server.url}/dead/a`]), undefined);
    expect(errorCodeOf(result)).toBe('HTTP_STATUS');
  });

  it('no mirrors configured: NO_MIRRORS', async () => {
    expect(errorCodeOf(await fetcher.poll(xSpec([]), undefined))).toBe('NO_MIRRORS');
  });
});
