/**
 * What a feed and its server say about how often to ask: the feed's <ttl> and sy:updatePeriod /
 * sy:updateFrequency, the answer's Cache-Control max-age or Expires, a 429/503's Retry-After. The
 * scheduler (pipeline/due.ts) never polls sooner than these allow.
 */
import CachePolicy from 'http-cache-semantics';

/** Channel-level fields rss-parser is asked to keep (RSS 2.0 <ttl>; the syndication module on RSS, RDF, Atom). */
export const HINT_FIELDS = ['ttl', 'sy:updatePeriod', 'sy:updateFrequency'] as const;

const MINUTE = 60_000;
const PERIODS: Record<string, number> = {
  hourly: 60 * MINUTE,
  daily: 1440 * MINUTE,
  weekly: 7 * 1440 * MINUTE,
  monthly: 30 * 1440 * MINUTE,
  yearly: 365 * 1440 * MINUTE,
};

/**
 * The shortest time between two polls the feed asks for, in ms, or null when it says nothing. `<ttl>` is
 * in minutes; sy:updatePeriod is a period that sy:updateFrequency (default 1) divides. Both present: the
 * longer wins (each says "not sooner than").
 */
export function feedTtlMs(channel: Record<string, unknown>): number | null {
  const ttl = positive(channel.ttl);
  const period = PERIODS[String(channel['sy:updatePeriod'] ?? '').trim().toLowerCase()];
  const frequency = positive(channel['sy:updateFrequency']) ?? 1;
  const fromTtl = ttl === null ? null : ttl * MINUTE;
  const fromSy = period === undefined ? null : period / frequency;
  if (fromTtl === null) return fromSy;
  return fromSy === null ? fromTtl : Math.max(fromTtl, fromSy);
}

function positive(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * How long an answer stays fresh by its Cache-Control max-age (or Expires against Date, less Age), in
 * ms; 0 when it says nothing or no-cache. Read by http-cache-semantics as a private cache would, with
 * no heuristic freshness (a Last-Modified long ago must not silence a feed). A 304 refreshes the stored
 * answer's headers (RFC 9111 4.3.4), so it is read as the 200 it stands for.
 */
export function freshForMs(url: string, requestHeaders: Headers, status: number, responseHeaders: Headers): number {
  if (responseHeaders['cache-control'] === undefined && responseHeaders.expires === undefined) return 0;
  const policy = new CachePolicy(
    { url, method: 'GET', headers: requestHeaders },
    { status: status === 304 ? 200 : status, headers: responseHeaders },
    { shared: false, cacheHeuristic: 0, immutableMinTimeToLive: 0 },
  );
  return Math.max(0, policy.timeToLive());
}

/** Retry-After, seconds or an HTTP date, as an absolute time in ms; null when absent or unreadable. */
export function retryAfterAt(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return now + Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(now, at);
}
