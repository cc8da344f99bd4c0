import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { MAX_ENTRIES, OFF_THREAD_BYTES, parseFeed } from '../../src/sources/parse.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { errorCodeOf, expectOk, feedSpec } from './helpers.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

function bigFeed(items: number): string {
  const entries = Array.from(
    { length: items },
    (_, i) =>
      `<item><title>Item ${i}: Jane Roe ${i} leaves Example Corp</title><link>https://big.example.com/${i}</link>` +
      `<guid>big-${i}</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>` +
      `<description>${'A long summary of the change, with details. '.repeat(8)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title>${entries.join('')}</channel></rss>`;
}

describe('large feeds', () => {
  it('parses bodies that arrive together one per turn of the event loop, so a timer runs between them', async () => {
    const xml = bigFeed(200); // about 80 KiB: parsed inline, a millisecond or more each
    expect(xml.length).toBeLessThan(OFF_THREAD_BYTES);
    const order: string[] = [];
    const parses = Array.from({ length: 6 }, (_, i) => parseFeed(xml).then(() => void order.push(`parse ${i}`)));
    setTimeout(() => order.push('timer'), 1);
    await Promise.all(parses);
    expect(order).toHaveLength(7);
    expect(order.indexOf('timer')).toBeLessThan(6);
  });

  it('stops a gzip bomb at the body cap, counting the bytes after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    server.setRoute('/bomb.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const result = await createFeedFetcher({ maxBytes: 2 * 1024 * 1024 }).poll(feedSpec(`${server.url}/bomb.xml`), undefined);
    expect(errorCodeOf(result)).toBe('TOO_LARGE');
  });

  it('parses a feed above the off-thread threshold in the worker, with the same result', async () => {
    const xml = bigFeed(3000);
    expect(xml.length).toBeGreaterThan(OFF_THREAD_BYTES * 4);
    server.setRoute('/big-feed.xml', { body: xml, contentType: 'application/rss+xml' });
    const items = expectOk(await createFeedFetcher().poll(feedSpec(`${server.url}/big-feed.xml`), undefined));
    // Feeds list newest first; past MAX_ENTRIES the rest of a dump is dropped.
    expect(items).toHaveLength(MAX_ENTRIES);
    expect(items[999]).toMatchObject({ title: 'Item 999: Jane Roe 999 leaves Example Corp', id: 'guid:test-feed:big-999' });
    expect(items[0]?.summary).toMatch(/^A long summary of the change/);
  });

  it('reports a broken large feed with the same code as a small one', async () => {
    const xml = bigFeed(2000).slice(0, -40);
    server.setRoute('/big-broken.xml', { body: xml, contentType: 'application/rss+xml' });
    const result = await createFeedFetcher().poll(feedSpec(`${server.url}/big-broken.xml`), undefined);
    expect(errorCodeOf(result)).toBe('PARSE_ERROR');
  });
});
