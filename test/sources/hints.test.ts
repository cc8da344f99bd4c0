import { describe, expect, it } from 'vitest';
import { feedTtlMs, freshForMs, retryAfterAt } from '../../src/sources/hints.ts';
import { parseFeed } from '../../src/sources/parse.ts';

const MIN = 60_000;

describe('what a feed and its server say about polling', () => {
  it('reads <ttl> and sy:updatePeriod / sy:updateFrequency from RSS, RDF and Atom', async () => {
    const rss = (extra: string) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>${extra}<item><title>a</title></item></channel></rss>`;
    expect((await parseFeed(rss('<ttl>15</ttl>'))).ttlMs).toBe(15 * MIN);
    expect((await parseFeed(rss('<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>'))).ttlMs).toBe(30 * MIN);
    expect((await parseFeed(rss('<ttl>90</ttl><sy:updatePeriod>hourly</sy:updatePeriod>'))).ttlMs).toBe(90 * MIN);
    expect((await parseFeed(rss(''))).ttlMs).toBeNull();
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><title>t</title><sy:updatePeriod>daily</sy:updatePeriod><entry><title>a</title></entry></feed>`;
    expect((await parseFeed(atom)).ttlMs).toBe(1440 * MIN);
    expect(feedTtlMs({ ttl: 'soon', 'sy:updatePeriod': 'fortnightly' })).toBeNull();
    expect(feedTtlMs({ ttl: '-5' })).toBeNull();
  });

  it('reads Cache-Control max-age and Expires, and nothing from a no-cache or silent answer', () => {
    const date = new Date('2026-12-01T00:00:00Z').toUTCString();
    const at = (h: Record<string, string>, status = 200) => freshForMs('http://x.test/f', {}, status, { date, ...h });
    // http-cache-semantics measures against the answer's Date and the local clock: max-age is exact.
    expect(at({ 'cache-control': 'public, max-age=600' })).toBeGreaterThan(590_000);
    expect(at({ 'cache-control': 'max-age=600' }, 304)).toBeGreaterThan(590_000);
    expect(at({ 'cache-control': 'no-cache' })).toBe(0);
    expect(at({})).toBe(0);
    // Expires against the answer's own Date.
    const now = new Date();
    const expires = freshForMs('http://x.test/f', {}, 200, { date: now.toUTCString(), expires: new Date(now.getTime() + 20 * MIN).toUTCString() });
    expect(Math.round(expires / MIN)).toBe(20);
    // A Last-Modified long ago gives no heuristic freshness.
    expect(at({ 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT', expires: 'garbage' })).toBe(0);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(retryAfterAt('120', now)).toBe(now + 120_000);
    expect(retryAfterAt('Tue, 01 Dec 2026 00:10:00 GMT', now)).toBe(now + 10 * MIN);
    expect(retryAfterAt('Mon, 30 Nov 2026 00:10:00 GMT', now)).toBe(now);
    expect(retryAfterAt('later', now)).toBeNull();
    expect(retryAfterAt(undefined, now)).toBeNull();
  });
});
