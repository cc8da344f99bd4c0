import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/core/types.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { type FeedServer, FIXTURE_DIR, startFeedServer } from '../fakes/feed-server.ts';
import { errorCodeOf, expectOk, feedSpec, manifest } from './helpers.ts';

let server: FeedServer;
const fetcher = createFeedFetcher({ timeoutMs: 5000 });

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function pollFile(file: string): Promise<ReturnType<typeof fetcher.poll>> {
  return fetcher.poll(feedSpec(`${server.url}/feeds/${file}`, { id: file, name: file }), undefined);
}

function texts(item: Item): string[] {
  return [item.title, item.summary, item.body ?? ''];
}

const NEWS_FEEDS = ['news-rss2.xml', 'news-atom.xml', 'news-rdf.xml', 'google-news.xml', 'mentions.xml'];

describe('corpus feeds parse to what the manifest lists', () => {
  for (const file of NEWS_FEEDS) {
    it(`${file}: one item per manifest entry, same links, in order`, async () => {
      const items = expectOk(await pollFile(file));
      const expected = manifest[file]?.items ?? [];
      expect(items).toHaveLength(expected.length);
      expect(items.map((i) => i.url)).toEqual(expected.map((e) => e.link));
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      for (const item of items) {
        expect(item.kind).toBe('news');
        expect(item.title.length).toBeGreaterThan(0);
        expect(item.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
    });
  }

  it('news-rss2.xml: summaries are plain text, full seed bodies come from content:encoded', async () => {
    const items = expectOk(await pollFile('news-rss2.xml'));
    expect(items[0]?.title).toBe("Apple AI chief John Giannandrea to step down; Microsoft's Amar Subramanya hired");
    expect(items[0]?.published).toBe('2025-12-01T10:26:47.000Z'); // +0200 offset applied
    for (const item of items) expect(item.summary).not.toMatch(/<\/?[a-z][^>]*>|&lt;|&amp;/i);
    const seeds = items.filter((i) => /\/s00\d-/.test(i.url ?? ''));
    expect(seeds).toHaveLength(5);
    for (const seed of seeds) expect(seed.body?.length ?? 0).toBeGreaterThan(1500);
    // A content:encoded that only repeats the description plus a byline is not a body.
    expect(items[0]?.body).toBeUndefined();
    const french = items.find((i) => i.title.startsWith('Apple accélère'));
    expect(french?.lang).toBe('fr');
  });

  it('news-atom.xml: entry xml:lang wins, xhtml and escaped-html content become text', async () => {
    const items = expectOk(await pollFile('news-atom.xml'));
    expect(items.map((i) => i.lang)).toContain('zh');
    expect(items[0]).toMatchObject({
      title: "Yann LeCun s'apprête à quitter Meta pour fonder sa propre start-up, selon le Financial Times",
      lang: 'fr',
      id: 'guid:news-atom.xml:tag:filnumerique.example.org,2025:d059',
    });
    const s003 = items.find((i) => i.url?.includes('/s003-'));
    expect(s003?.body?.length ?? 0).toBeGreaterThan(1500);
    for (const item of items) expect(texts(item).join(' ')).not.toMatch(/<\/?(p|div)\b/);
  });

  it('news-rdf.xml: rdf:about identifies items, dc:date and dc:language are read', async () => {
    const items = expectOk(await pollFile('news-rdf.xml'));
    expect(items[0]).toMatchObject({
      id: 'url:https://cronachedigitali.example.org/2025/08/13/d088-igor-babuschkin-lascia-xai-e-fonda-babuschkin-ventures',
      title: 'Igor Babuschkin lascia xAI e fonda Babuschkin Ventures',
      published: '2025-08-13T19:37:41.000Z',
      lang: 'it',
    });
  });

  it('google-news.xml: only the exact " - Outlet" suffix is removed; the outlet names the source', async () => {
    const items = expectOk(await pollFile('google-news.xml'));
    const expected = manifest['google-news.xml']?.items ?? [];
    expect(items.map((i) => i.title)).toEqual(expected.map((e) => e.title_without_outlet));
    expect(items[0]?.source).toBe('Reuters via google-news.xml');
    expect(items.some((i) => i.title.includes(' - '))).toBe(true); // the headline with an inner " - "
  });

  it('mentions.xml: mentions pass through as written (neutralising is the notifier’s job), HTML is reduced to text', async () => {
    const items = expectOk(await pollFile('mentions.xml'));
    const expected = manifest['mentions.xml']?.items ?? [];
    // RSS titles are HTML (issue 16): the escaped <script> and <img> are markup, not words of the title.
    const markup = 'Greg Brockman takes sabbatical';
    expect(items.map((i) => i.title)).toEqual(expected.map((e) => (e.raw_title?.endsWith(markup) ? markup : e.raw_title)));
  });

  it('empty-channel.xml: zero items and no error', async () => {
    const result = await pollFile('empty-channel.xml');
    expect(expectOk(result)).toEqual([]);
  });

  it('duplicate-guids.xml: exactly 3 distinct stories', async () => {
    const items = expectOk(await pollFile('duplicate-guids.xml'));
    expect(items.map((i) => i.id)).toEqual([
      'url:https://techwire.example.com/2024/09/25/d011-some-personal-news-after-six-and-a-half-years-i-ve-decided-t',
      'url:https://techwire.example.com/2024/09/10/d010-career-update-my-time-at-openai-building-the-voice-model-beh',
      'url:https://techwire.example.com/2024/08/06/d009-three-senior-exits-hit-openai-in-one-day-schulman-to-anthrop',
    ]);
  });
});

describe('encodings', () => {
  const expectedTitles = (manifest['wrong-encoding.xml']?.items ?? []).map((e) => e.expected_title);

  it('wrong-encoding.xml (ISO-8859-1, header silent on charset): correct accents', async () => {
    const items = expectOk(await pollFile('wrong-encoding.xml'));
    expect(items.map((i) => i.title)).toEqual(expectedTitles);
    expect(items[0]?.title).toBe("Mira Murati, directrice technique d'OpenAI, quitte l'entreprise");
    expect(items[0]?.summary).toContain('annoncé mercredi son départ');
  });

  it('wrong-encoding.xml served with a header claiming UTF-8: the declaration still wins', async () => {
    server.setRoute('/lying-header.xml', {
      body: readFileSync(`${FIXTURE_DIR}/wrong-encoding.xml`),
      contentType: 'application/rss+xml; charset=utf-8',
    });
    const items = expectOk(await fetcher.poll(feedSpec(`${server.url}/lying-header.xml`), undefined));
    expect(items.map((i) => i.title)).toEqual(expectedTitles);
  });

  it('mislabeled-encoding.xml (declared UTF-8, Latin-1 bytes): recovered, never U+FFFD', async () => {
    const items = expectOk(await pollFile('mislabeled-encoding.xml'));
    expect(items.map((i) => i.title)).toEqual(expectedTitles);
  });

  it('no corpus feed yields U+FFFD in any text', async () => {
    for (const file of Object.keys(manifest)) {
      const result = await pollFile(file);
      if (result.status !== 'ok') continue;
      for (const item of result.items) expect(texts(item).join(' ')).not.toContain('\uFFFD');
    }
  });
});

describe('hostile and broken documents give coded errors', () => {
  it('malformed.xml: PARSE_ERROR', async () => {
    const result = await pollFile('malformed.xml');
    expect(errorCodeOf(result)).toBe('PARSE_ERROR');
  });

  it('a parse error leaves the shared parser usable for the next feed', async () => {
    expect(errorCodeOf(await pollFile('malformed.xml'))).toBe('PARSE_ERROR');
    expect(expectOk(await pollFile('news-rdf.xml'))).toHaveLength(10);
  });

  it('not-a-feed.html: NOT_A_FEED, and its fake <item> is not extracted', async () => {
    const result = await pollFile('not-a-feed.html');
    expect(errorCodeOf(result)).toBe('NOT_A_FEED');
    expect('items' in result).toBe(false);
  });

  it('huge-entities.xml: HOSTILE_XML, refused fast', async () => {
    const started = performance.now();
    const result = await pollFile('huge-entities.xml');
    expect(errorCodeOf(result)).toBe('HOSTILE_XML');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an RSS feed served as text/html is still a feed', async () => {
    server.setRoute('/feed-as-html', {
      body: readFileSync(`${FIXTURE_DIR}/empty-channel.xml`),
      contentType: 'text/html; charset=utf-8',
    });
    const result = await fetcher.poll(feedSpec(`${server.url}/feed-as-html`), undefined);
    expect(result.status).toBe('ok');
  });

  it('an XML document that is not a feed: NOT_A_FEED', async () => {
    server.setRoute('/sitemap.xml', {
      body: '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
      contentType: 'application/xml',
    });
    const result = await fetcher.poll(feedSpec(`${server.url}/sitemap.xml`), undefined);
    expect(errorCodeOf(result)).toBe('NOT_A_FEED');
  });
});
