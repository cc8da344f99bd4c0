import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFeedUrl, isPrivateAddress } from '../../src/sources/guard.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectOk, feedSpec } from './helpers.ts';

describe('private addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['64:ff9b::a00:1', true],
    ['not an address', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['151.101.1.69', false],
    ['2606:4700::6810:85e5', false],
    ['::ffff:8.8.8.8', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('checking a feed added from chat', () => {
  const dns: Record<string, string[]> = {
    'news.example': ['151.101.1.69', '2606:4700::6810:85e5'],
    'rebind.example': ['151.101.1.69', '10.0.0.5'],
    'intranet.example': ['192.168.0.10'],
  };
  const resolve = async (host: string) => {
    const found = dns[host];
    if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return found;
  };
  const check = (url: string, allowPrivate = false) => checkFeedUrl(url, { allowPrivate, resolve });

  it('accepts a public http(s) feed and drops the fragment', async () => {
    expect(await check('https://news.example/rss#top')).toEqual({ ok: true, url: 'https://news.example/rss' });
  });

  it('refuses private, loopback and metadata addresses, by name or by number', async () => {
    expect(await check('http://intranet.example/feed')).toEqual({
      ok: false,
      error: 'intranet.example (192.168.0.10) is a loopback, private or reserved address: an added feed must be public, unless the config sets http.allowPrivateAddresses: true',
    });
    expect(await check('http://rebind.example/feed')).toMatchObject({ ok: false, error: expect.stringContaining('10.0.0.5') });
    expect(await check('http://169.254.169.254/latest/meta-data')).toMatchObject({ ok: false });
    expect(await check('http://[::1]:8080/rss')).toMatchObject({ ok: false, error: expect.stringContaining('::1') });
  });

  it('refuses what is not an http(s) URL, credentials, and names that do not resolve', async () => {
    expect(await check('file:///etc/passwd')).toEqual({ ok: false, error: 'only http and https feeds can be added' });
    expect(await check('ftp://news.example/rss')).toMatchObject({ ok: false });
    expect(await check('news.example/rss')).toMatchObject({ ok: false, error: expect.stringContaining('not a URL') });
    expect(await check('https://user:pw@news.example/rss')).toMatchObject({ ok: false, error: expect.stringContaining('password') });
    expect(await check('https://nowhere.example/rss')).toEqual({ ok: false, error: 'nowhere.example does not resolve (ENOTFOUND)' });
  });

  it('lets private addresses through when the config allows them', async () => {
    expect(await check('http://intranet.example/feed', true)).toEqual({ ok: true, url: 'http://intranet.example/feed' });
  });
});

describe('fetching a feed added from chat', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses to connect to a private address at fetch time, by number or through DNS', async () => {
    const fetcher = createFeedFetcher({ timeoutMs: 2000 });
    const byNumber = await fetcher.poll({ ...feedSpec(`${server.url}/feeds/news-rss2.xml`), untrusted: true }, undefined);
    expect(byNumber).toMatchObject({ status: 'error', error: { code: 'PRIVATE_ADDRESS' } });
    const byName = await fetcher.poll(
      { ...feedSpec(`${server.url.replace('127.0.0.1', 'localhost')}/feeds/news-rss2.xml`), untrusted: true },
      undefined,
    );
    expect(byName).toMatchObject({ status: 'error', error: { code: 'PRIVATE_ADDRESS' } });
    if (byName.status === 'error') expect(byName.error.message).toMatch(/^localhost \((127\.0\.0\.1|::1)\) is a loopback/);
    expect(server.requests('/feeds/news-rss2.xml')).toBe(0);
  });

  it('fetches the same URL from the config, or when the config allows private addresses', async () => {
    const url = `${server.url}/feeds/news-rss2.xml`;
    expect(expectOk(await createFeedFetcher().poll(feedSpec(url), undefined))).toHaveLength(30);
    const allowed = createFeedFetcher({ allowPrivateAddresses: true });
    expect(expectOk(await allowed.poll({ ...feedSpec(url), untrusted: true }, undefined))).toHaveLength(30);
  });
});
