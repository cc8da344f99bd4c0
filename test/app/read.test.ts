import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeeds } from '../../src/app/read.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.setRoute('/mine.xml', {
    body:
      '<rss version="2.0"><channel><title>mine</title>' +
      '<item><title>Jane &lt;b&gt;Doe&lt;/b&gt; leaves</title><link>/posts/1</link><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item>' +
      '<item><title>No date</title><guid>https://mine.example.org/p/2</guid></item></channel></rss>',
  });
});
afterAll(async () => {
  await server.close();
});

async function run(urls: string[], json: boolean): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await readFeeds(urls, { json, write: (t) => (text += t), timeoutMs: 5000 });
  return { code, text };
}

describe('exits read', () => {
  it('prints one JSON line per feed, in the order given, from a loopback server, storing nothing', async () => {
    const { code, text } = await run([`${server.url}/mine.xml`, `${server.url}/status/404`, 'ftp://nowhere/feed'], true);
    expect(code).toBe(1);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      url: `${server.url}/mine.xml`,
      items: [
        { id: `url:https://127.0.0.1:${server.port}/posts/1`, title: 'Jane Doe leaves', link: `${server.url}/posts/1`, published: '2024-01-02T10:00:00.000Z' },
        { id: 'url:https://mine.example.org/p/2', title: 'No date', link: 'https://mine.example.org/p/2', published: null },
      ],
    });
    expect(lines[1]).toMatchObject({ url: `${server.url}/status/404`, error: { code: 'HTTP_STATUS' } });
    expect(lines[2]).toMatchObject({ url: 'ftp://nowhere/feed', error: { code: 'BAD_URL' } });
  });

  it('prints title, date and link per item for a person, and exits 0 when every feed was read', async () => {
    const { code, text } = await run([`${server.url}/mine.xml`], false);
    expect(code).toBe(0);
    expect(text).toContain('2 items');
    expect(text).toMatch(/2024-01-02 10:00 {2}Jane Doe leaves\n\s+http:\/\/127\.0\.0\.1:\d+\/posts\/1\n/);
    expect(text).toMatch(/no date\s+No date\n\s+https:\/\/mine\.example\.org\/p\/2\n/);
  });
});
