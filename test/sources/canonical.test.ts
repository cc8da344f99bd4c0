import { describe, expect, it } from 'vitest';
import { canonicalUrl, itemUrl, newsIds, xHandleFromUrl, xStatusId } from '../../src/sources/canonical.ts';

describe('itemUrl', () => {
  it('keeps a fragment that names an entry, drops one that points into a page or tracks', () => {
    expect(itemUrl('http://blog.example.org/2024/01/02/?utm_source=rss#a123')).toBe('https://blog.example.org/2024/01/02#a123');
    for (const f of ['comments', 'respond', 'more-4512', 'main-content', 'xtor=RSS-3', 'utm_source=feed', ':~:text=exit', '']) {
      expect(itemUrl(`https://blog.example.org/post#${f}`)).toBe('https://blog.example.org/post');
    }
    expect(itemUrl('not a url')).toBeNull();
  });
});

describe('canonicalUrl', () => {
  const base = 'https://techwire.example.com/2024/08/06/d009-three-senior-exits';

  it('drops utm_*, fbclid, gclid and the fragment; keeps real parameters, sorted', () => {
    expect(canonicalUrl(`${base}?utm_source=rss&utm_medium=feed&utm_campaign=leadership`)).toBe(base);
    expect(canonicalUrl(`${base}?utm_source=twitter&fbclid=IwAR0example&gclid=x#comments`)).toBe(base);
    expect(canonicalUrl(`${base}?p=2&utm_source=x&a=1`)).toBe(`${base}?a=1&p=2`);
  });

  it('treats http and https, host case and a trailing slash the same', () => {
    expect(canonicalUrl('http://TechWire.Example.com/2024/08/06/d009-three-senior-exits/')).toBe(base);
    expect(canonicalUrl('https://techwire.example.com:443/2024/08/06/d009-three-senior-exits')).toBe(base);
    expect(canonicalUrl('https://techwire.example.com/')).toBe('https://techwire.example.com');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    expect(canonicalUrl('urn:uuid:750105b2-d021')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('/relative/path')).toBeNull();
  });
});

describe('X status ids', () => {
  const id = '1839063616585101407';

  it('are the same whichever host or form carries them', () => {
    const forms = [
      `https://nitter.net/barret_zoph/status/${id}#m`,
      `https://nitter.poast.org/barret_zoph/status/${id}`,
      `https://x.com/barret_zoph/status/${id}`,
      `https://twitter.com/barret_zoph/status/${id}?s=20`,
      `https://mobile.twitter.com/barret_zoph/statuses/${id}`,
      `https://x.com/i/web/status/${id}`,
      id,
    ];
    for (const form of forms) expect(xStatusId(form)).toBe(id);
  });

  it('take the guid first, then the link, and ignore non-status URLs', () => {
    expect(xStatusId(null, `https://x.com/a/status/${id}`)).toBe(id);
    expect(xStatusId('https://nitter.net/miramurati', 'https://nitter.net/miramurati/rss')).toBeNull();
  });

  it('the handle in a status URL; "i/web" is not a handle', () => {
    expect(xHandleFromUrl(`https://nitter.net/barret_zoph/status/${id}#m`)).toBe('barret_zoph');
    expect(xHandleFromUrl(`https://x.com/i/web/status/${id}`)).toBeNull();
  });
});

describe('news ids', () => {
  const e = (guid: string | null, link: string | null, title = 't') => ({ guid, link, title, published: null });

  it('a unique guid is used: URL-like canonicalised, others namespaced by feed', () => {
    expect(
      newsIds('feed-a', [e('urn:uuid:1', 'https://a.example/x'), e('http://A.example/y/?utm_source=z', null)]),
    ).toEqual(['guid:feed-a:urn:uuid:1', 'url:https://a.example/y']);
  });

  it('a guid reused for different stories falls back to each canonical link', () => {
    const ids = newsIds('f', [e('dup', 'https://a.example/1?utm_source=x'), e('dup', 'https://a.example/2')]);
    expect(ids).toEqual(['url:https://a.example/1', 'url:https://a.example/2']);
  });

  it('the same guid with the same link is still one story', () => {
    expect(newsIds('f', [e('g', 'https://a.example/1'), e('g', 'https://a.example/1#top')])).toEqual([
      'guid:f:g',
      'guid:f:g',
    ]);
  });

  it('entries with neither guid nor link get a content hash, stable across fetches', () => {
    const [a] = newsIds('f', [e(null, null, 'Headline')]);
    const [b] = newsIds('f', [e(null, null, 'Headline')]);
    expect(a).toMatch(/^hash:f:[0-9a-f]{16}$/);
    expect(a).toBe(b);
  });
});
