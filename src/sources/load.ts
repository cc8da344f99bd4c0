/** One URL to a parsed feed: conditional fetch, unchanged-body skip, charset decoding, parsing. */
import { createHash } from 'node:crypto';
import { decodeFeed } from './charset.ts';
import { advertisedPush } from './hub.ts';
import { type FetchOptions, fetchFeedBytes } from './http.ts';
import { type ParsedFeed, parseFeed } from './parse.ts';

export interface LoadValidators {
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
}

export type LoadResult =
  | { status: 'not-modified'; etag?: string; lastModified?: string; freshForMs?: number }
  | { status: 'ok'; feed: ParsedFeed; etag?: string; lastModified?: string; bodyHash: string; url: string; freshForMs?: number; hub?: string; topic?: string };

export async function loadFeed(url: string, validators: LoadValidators, opts: FetchOptions): Promise<LoadResult> {
  const res = await fetchFeedBytes(url, validators, opts);
  if (res.notModified) return { status: 'not-modified', etag: res.etag, lastModified: res.lastModified, freshForMs: res.freshForMs };
  const bodyHash = createHash('sha256').update(res.bytes).digest('base64url');
  // Same bytes as last time: nothing new, and parsing is most of a poll's CPU.
  if (validators.bodyHash === bodyHash) {
    return { status: 'not-modified', etag: res.etag, lastModified: res.lastModified, freshForMs: res.freshForMs };
  }
  const { text } = decodeFeed(res.bytes, res.contentType);
  const base = documentBase(res.url, res.contentLocation);
  const feed = await parseFeed(text, res.contentType, base);
  // WebSub discovery (issue 19, push): what the feed advertises is kept in its state.
  const { hub, topic } = advertisedPush(text, res.link, res.url);
  return { status: 'ok', feed, etag: res.etag, lastModified: res.lastModified, bodyHash, url: res.url, freshForMs: res.freshForMs, hub, topic };
}

/** The base of the document's relative links: its Content-Location, resolved against its URL, else its URL. */
export function documentBase(url: string, contentLocation: string | undefined): string {
  const location = contentLocation?.trim();
  if (location && URL.canParse(location, url)) {
    const resolved = new URL(location, url);
    if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
  }
  return url;
}
