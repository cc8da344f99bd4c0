import { describe, expect, it } from 'vitest';
import { advertisedPush, fromDocument, fromLinkHeader } from '../../src/sources/hub.ts';

const BASE = 'https://news.example/feeds/main.xml';

describe('WebSub discovery', () => {
  it('reads rel="hub" and rel="self" from an HTTP Link header, resolving relative URLs', () => {
    const header = '<https://hub.example/>; rel="hub", </feeds/main.xml?self=1>; rel="self", <https://x.example/>; rel="alternate"';
    expect(fromLinkHeader(header, BASE)).toEqual({ hub: 'https://hub.example/', topic: 'https://news.example/feeds/main.xml?self=1' });
    expect(fromLinkHeader('<https://hub.example/>; rel="next hub"', BASE)).toEqual({ hub: 'https://hub.example/' });
    expect(fromLinkHeader('garbage', BASE)).toEqual({});
    expect(fromLinkHeader(undefined, BASE)).toEqual({});
  });

  it('reads an Atom feed-level <link rel="hub"> and rel="self", not an entry\'s', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <!-- <link rel="hub" href="https://commented.example/"/> -->
      <link rel='self' href='https://news.example/atom.xml?a=1&amp;b=2'/>
      <link href="https://pubsubhubbub.appspot.com/" rel="hub" />
      <entry><link rel="hub" href="https://entry.example/"/></entry></feed>`;
    expect(fromDocument(atom, BASE)).toEqual({ hub: 'https://pubsubhubbub.appspot.com/', topic: 'https://news.example/atom.xml?a=1&b=2' });
  });

  it('reads an RSS <atom:link rel="hub">', () => {
    const rss = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
      <atom:link href="https://news.example/feed/" rel="self" type="application/rss+xml"/>
      <atom:link rel="hub" href="https://websubhub.example/"/>
      <item><title>x</title></item></channel></rss>`;
    expect(fromDocument(rss, BASE)).toEqual({ hub: 'https://websubhub.example/', topic: 'https://news.example/feed/' });
  });

  it('prefers the header to the document, uses the feed URL as topic when none is named, and needs a hub', () => {
    const doc = '<feed><link rel="hub" href="https://doc-hub.example/"/><link rel="self" href="https://doc.example/self"/></feed>';
    expect(advertisedPush(doc, '<https://header-hub.example/>; rel="hub"', BASE)).toEqual({
      hub: 'https://header-hub.example/',
      topic: 'https://doc.example/self',
    });
    expect(advertisedPush('<feed><link rel="hub" href="/hub"/></feed>', undefined, BASE)).toEqual({ hub: 'https://news.example/hub', topic: BASE });
    expect(advertisedPush('<feed><link rel="self" href="https://doc.example/self"/></feed>', undefined, BASE)).toEqual({});
    expect(advertisedPush('<feed><link rel="hub" href="javascript:alert(1)"/></feed>', undefined, BASE)).toEqual({});
  });
});
