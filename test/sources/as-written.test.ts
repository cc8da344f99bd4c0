/**
 * Feeds as the world writes them (issue 16): each test serves one small document on loopback and polls it
 * through the real fetcher (undici, charset decoding, rss-parser, items).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/core/types.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectOk, feedSpec } from './helpers.ts';

let server: FeedServer;
const fetcher = createFeedFetcher({ timeoutMs: 5000 });
let n = 0;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

/** Serves the body at a fresh path and polls it; returns the items (or throws with the error). */
async function read(body: string | Uint8Array, contentType = 'application/xml', headers: Record<string, string> = {}): Promise<Item[]> {
  const path = `/doc-${++n}.xml`;
  server.setRoute(path, { body, contentType, headers });
  return expectOk(await fetcher.poll(feedSpec(`${server.url}${path}`, { id: `doc-${n}` }), undefined));
}

async function refusal(body: string): Promise<{ code: string; message: string }> {
  const path = `/doc-${++n}.xml`;
  server.setRoute(path, { body, contentType: 'application/xml' });
  const result = await fetcher.poll(feedSpec(`${server.url}${path}`, { id: `doc-${n}` }), undefined);
  if (result.status !== 'error') throw new Error(`expected a refusal, got ${result.status}`);
  return { code: result.error.code, message: result.error.message };
}

const rss = (items: string, channelAttrs = '', rootAttrs = '') =>
  `<?xml version="1.0"?><rss version="2.0"${rootAttrs}><channel${channelAttrs}><title>t</title>${items}</channel></rss>`;
const atom = (entries: string, rootAttrs = '') => `<feed xmlns="http://www.w3.org/2005/Atom"${rootAttrs}><title>t</title>${entries}</feed>`;

describe('item ids', () => {
  it('keeps apart entries whose permalinks differ only after #', async () => {
    const items = await read(
      rss(
        ['a123', 'a124', 'a125']
          .map((f) => `<item><title>Post ${f}</title><link>https://blog.example.org/2024/01/02#${f}</link><guid>https://blog.example.org/2024/01/02#${f}</guid></item>`)
          .join(''),
      ),
    );
    expect(items.map((i) => i.title)).toEqual(['Post a123', 'Post a124', 'Post a125']);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
  });

  it('still takes one story under utm_*, http://, a trailing slash or #comments as one item', async () => {
    const links = [
      'https://news.example.org/story',
      'http://news.example.org/story/',
      'https://news.example.org/story?utm_source=rss',
      'https://news.example.org/story#comments',
    ];
    const items = await read(rss(links.map((l) => `<item><title>Story</title><link>${l}</link></item>`).join('')));
    expect(items).toHaveLength(1);
  });

  it('does not take a link to the site\'s home page as an entry\'s identity', async () => {
    const items = await read(
      rss(
        '<item><title>Episode 2</title><link>https://cast.example.org/</link><guid>https://cast.example.org/ep2.mp3</guid></item>' +
          '<item><title>Episode 2 (extended)</title><link>https://cast.example.org/</link><guid>https://cast.example.org/ep2.mp3</guid></item>' +
          '<item><title>Episode 1</title><link>https://cast.example.org/</link></item>',
      ),
    );
    expect(items.map((i) => i.title)).toEqual(['Episode 2', 'Episode 2 (extended)', 'Episode 1']);
  });

  it('keeps two identical entries with neither guid nor link', async () => {
    const items = await read(atom('<entry><title>Same</title></entry><entry><title>Same</title></entry>'));
    expect(items).toHaveLength(2);
    expect(items[0]?.id).not.toBe(items[1]?.id);
  });
});

describe('titles are text', () => {
  it('reads an Atom xhtml title in document order', async () => {
    const items = await read(
      atom('<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Jane <b>Doe</b> steps down &lt;now&gt;</div></title></entry>'),
    );
    expect(items[0]?.title).toBe('Jane Doe steps down <now>');
  });

  it('keeps the word order of an Atom xhtml summary', async () => {
    const items = await read(
      atom('<entry><title>t</title><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Jane <b>Doe</b> leaves <i>Acme</i> today</div></summary></entry>'),
    );
    expect(items[0]?.summary).toBe('Jane Doe leaves Acme today');
  });

  it('decodes an Atom 0.3 base64 title', async () => {
    const b64 = Buffer.from('Jane <b>Doe</b> resigns').toString('base64');
    const items = await read(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title mode="base64">${b64}</title></entry></feed>`);
    expect(items[0]?.title).toBe('Jane Doe resigns');
  });

  it('reduces markup in RSS titles to text and drops scripts', async () => {
    const items = await read(rss('<item><title>Loft 90ft&lt;sup&gt;2&lt;/sup&gt; &lt;script&gt;alert(1)&lt;/script&gt;&lt;span&gt;open&lt;/span&gt;</title><link>https://a.example/1</link></item>'));
    expect(items[0]?.title).toBe('Loft 90ft2 open');
  });

  it('decodes entities once: an Atom text title keeps what it says', async () => {
    const items = await read(atom('<entry><title type="text">History of the &lt;blink&gt; tag, AT&amp;amp;T</title></entry>'));
    expect(items[0]?.title).toBe('History of the <blink> tag, AT&amp;T');
  });
});

describe('links', () => {
  it('resolves relative links against nested xml:base', async () => {
    const items = await read(
      atom('<entry xml:base="posts/"><title>a</title><link href="one.html"/></entry>', ' xml:base="https://site.example.org/blog/"'),
    );
    expect(items[0]?.url).toBe('https://site.example.org/blog/posts/one.html');
  });

  it('resolves links the same way in a document large enough to be parsed in the worker thread', async () => {
    const padding = `<summary>${'x'.repeat(300 * 1024)}</summary>`;
    const items = await read(
      atom(`<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Big <i>one</i></div></title><link href="p/1"/>${padding}</entry>`, ' xml:base="https://big.example.org/"'),
    );
    expect(items.map((i) => [i.title, i.url])).toEqual([['Big one', 'https://big.example.org/p/1']]);
  });

  it('resolves relative links against Content-Location, then the document URL', async () => {
    const doc = rss('<item><title>a</title><link>/relative/uri</link></item>');
    const [withHeader] = await read(doc, 'application/rss+xml', { 'content-location': 'https://mirror.example.org/feeds/x.xml' });
    expect(withHeader?.url).toBe('https://mirror.example.org/relative/uri');
    const [withUrl] = await read(doc);
    expect(withUrl?.url).toBe(`${server.url}/relative/uri`);
  });

  it('uses a permalink guid or a URL id when there is no link, never a guid that is not a permalink', async () => {
    const [permalink, notPermalink] = await read(
      rss(
        '<item><title>a</title><guid>https://a.example/p/1</guid></item>' +
          '<item><title>b</title><guid isPermaLink="false">https://a.example/p/2</guid></item>',
      ),
    );
    expect(permalink?.url).toBe('https://a.example/p/1');
    expect(notPermalink?.url).toBeNull();
    const [fromId] = await read(atom('<entry><title>c</title><id>https://a.example/p/3</id></entry>'));
    expect(fromId?.url).toBe('https://a.example/p/3');
  });

  it('takes only an alternate link in Atom, never an enclosure or related one', async () => {
    const items = await read(
      atom(
        '<entry><title>a</title><link rel="enclosure" href="https://a.example/a.mp3"/><link rel="related" href="https://b.example/"/></entry>' +
          '<entry><title>b</title><link rel="enclosure" href="https://a.example/b.mp3"/><link href="https://a.example/b"/></entry>' +
          '<entry><title>c</title><link>https://a.example/c</link></entry>',
      ),
    );
    expect(items.map((i) => i.url)).toEqual([null, 'https://a.example/b', 'https://a.example/c']);
  });
});

describe('charsets as browsers decode them', () => {
  const bytes = (prefix: string, middle: number[], suffix: string) =>
    Uint8Array.from([...Buffer.from(prefix, 'latin1'), ...middle, ...Buffer.from(suffix, 'latin1')]);

  it('reads windows-1252 punctuation in a feed labelled ISO-8859-1 (no C1 controls)', async () => {
    const doc = bytes('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><title>', [0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x85], '</title></item></channel></rss>');
    const items = await read(doc, 'application/rss+xml');
    expect(items[0]?.title).toBe('€ “q” – …');
  });

  it('reads numeric references to windows-1252 punctuation as that punctuation, and any HTML entity', async () => {
    const items = await read(rss('<item><title>Q3 &amp;#150; &amp;#147;Exit&amp;#148; &amp;hearts; &amp;frac12;</title></item>'));
    expect(items[0]?.title).toBe('Q3 – “Exit” ♥ ½');
  });

  it('reads UTF-8 labelled ISO-8859-1 as UTF-8, not mojibake', async () => {
    const items = await read(Buffer.from(rss('<item><title>Café Müller</title></item>'), 'utf8'), 'text/xml; charset=iso-8859-1');
    expect(items[0]?.title).toBe('Café Müller');
  });

  it('reads UTF-16 and UTF-32 without a byte-order mark', async () => {
    const doc = rss('<item><title>Zoë ünter</title></item>');
    const [le] = await read(Buffer.from(doc, 'utf16le'));
    expect(le?.title).toBe('Zoë ünter');
    const utf32be = Buffer.alloc(doc.length * 4);
    [...doc].forEach((c, i) => utf32be.writeUInt32BE(c.codePointAt(0) as number, i * 4));
    const [be32] = await read(utf32be);
    expect(be32?.title).toBe('Zoë ünter');
  });
});

describe('odd but valid shapes', () => {
  it('reads RSS 1.0 written with rss: prefixes', async () => {
    const items = await read(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">' +
        '<rss:channel rdf:about="https://a.example/"><rss:title>t</rss:title></rss:channel>' +
        '<rss:item rdf:about="https://a.example/1"><rss:title>One</rss:title><rss:link>https://a.example/1</rss:link></rss:item></rdf:RDF>',
    );
    expect(items.map((i) => [i.title, i.url])).toEqual([['One', 'https://a.example/1']]);
  });

  it('reads Atom entries written with an atom: prefix beside the default namespace', async () => {
    const items = await read(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:atom="http://www.w3.org/2005/Atom"><title>t</title>' +
        '<atom:entry><atom:title>Prefixed</atom:title><atom:link href="https://a.example/p"/></atom:entry></feed>',
    );
    expect(items.map((i) => [i.title, i.url])).toEqual([['Prefixed', 'https://a.example/p']]);
  });

  it('reads an <rss> whose items have no <channel>, and an empty one', async () => {
    const items = await read('<rss><item><title>Loose</title><link>https://a.example/l</link></item></rss>');
    expect(items.map((i) => i.title)).toEqual(['Loose']);
    expect(await read('<rss version="2.0">\n</rss>')).toEqual([]);
  });

  it('reads <item> elements inside an Atom feed', async () => {
    const items = await read(atom('<item><title>Odd</title><link href="https://a.example/odd"/></item>'));
    expect(items.map((i) => i.url)).toEqual(['https://a.example/odd']);
  });

  it('keeps the entries of an Atom feed with one date that is not a date', async () => {
    const items = await read(atom('<entry><title>a</title><published>soon</published></entry><entry><title>b</title><updated>2024-01-02T03:04:05Z</updated></entry>'));
    expect(items.map((i) => [i.title, i.published])).toEqual([
      ['a', null],
      ['b', '2024-01-02T03:04:05.000Z'],
    ]);
  });

  it('refuses CDF as NOT_A_FEED', async () => {
    const { code } = await refusal('<channel href="https://a.example/"><item href="https://a.example/1"><title>x</title></item></channel>');
    expect(code).toBe('NOT_A_FEED');
  });

  it('explains an ill-formed feed with a sentence and its place, not the parser\'s words', async () => {
    const { code, message } = await refusal('<rss version="2.0"><channel><item><title>a</title></item></channel>');
    expect(code).toBe('PARSE_ERROR');
    expect(message).toMatch(/^the feed is not well-formed XML: the document ends before its root element is closed .*\(line 1, column \d+\)$/);
  });
});
