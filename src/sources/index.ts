/**
 * The FeedFetcher: polls a news feed or an X account's mirrors and returns Items plus the next FeedState.
 * Never throws: every failure becomes { status: 'error' } with a coded ExitsError.
 *
 * Error codes: HTTP_STATUS, TIMEOUT, TOO_LARGE, NETWORK, TOO_MANY_REDIRECTS, BAD_URL, ABORTED,
 * CONTENT_ENCODING (http.ts);
 * HOSTILE_XML, NOT_A_FEED, PARSE_ERROR (parse.ts); NO_MIRRORS, MIRRORS_FAILED (mirrors.ts); INTERNAL.
 */
import { ExitsError } from '../core/errors.ts';
import type { DeliveredBody, FeedFetcher, FeedSpec, PollResult, SourceSpec, XAccountSpec } from '../core/ports.ts';
import type { FeedState } from '../core/types.ts';
import { xHandleFromUrl, xStatusId } from './canonical.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type FetchOptions } from './http.ts';
import { Agent, type buildConnector } from 'undici';
import { boundedLookup, defaultMaxConcurrent, type LookupFunction } from './dns.ts';
import { guardedAgent } from './guard.ts';
import { decodeFeed } from './charset.ts';
import { loadFeed } from './load.ts';
import { loadFromMirrors } from './mirrors.ts';
import { newsItems } from './news.ts';
import { type ParsedFeed, parseFeed } from './parse.ts';
import { errorState, notModifiedState, okState, type SourceState } from './state.ts';
import { xItems } from './x.ts';

export interface FeedFetcherOptions {
  /** Per request (per mirror for X accounts). Default 15 000 ms. */
  timeoutMs?: number;
  /** Body cap after decompression. Default 5 MiB. */
  maxBytes?: number;
  userAgent?: string;
  /** Aborts in-flight requests on shutdown. */
  signal?: AbortSignal;
  /** Clock for lastOkAt / firstSeenAt. Default: the system clock. */
  now?: () => Date;
  /** Let feeds added at run time reach loopback and private addresses (default: refused). */
  allowPrivateAddresses?: boolean;
  /** Name lookups for feed hosts; default a bounded, cached getaddrinfo (see dns.ts). */
  lookup?: LookupFunction;
  /** libuv's thread pool size (UV_THREADPOOL_SIZE), which bounds the default lookups to half of it. */
  threadPoolSize?: number;
}

export function createFeedFetcher(opts: FeedFetcherOptions = {}): FeedFetcher {
  const lookup =
    opts.lookup ??
    boundedLookup({ timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxConcurrent: defaultMaxConcurrent(opts.threadPoolSize) });
  const fetchOpts: FetchOptions = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
    userAgent: opts.userAgent,
    signal: opts.signal,
    dispatcher: new Agent({ connect: { lookup } as buildConnector.BuildOptions }),
  };
  const now = opts.now ?? (() => new Date());
  let guarded: FetchOptions | undefined;
  const optionsFor = (spec: FeedSpec): FetchOptions => {
    if (!spec.untrusted || opts.allowPrivateAddresses) return fetchOpts;
    guarded ??= { ...fetchOpts, dispatcher: guardedAgent(lookup) };
    return guarded;
  };

  async function poll(spec: SourceSpec, previous: FeedState | undefined): Promise<PollResult> {
    const prev = previous as SourceState | undefined;
    try {
      return spec.kind === 'x' ? await pollAccount(spec, prev) : await pollFeed(spec, prev);
    } catch (err) {
      const error =
        err instanceof ExitsError
          ? err
          : new ExitsError('INTERNAL', `unexpected failure polling ${spec.id}: ${String(err)}`, { cause: err });
      return { status: 'error', error, state: errorState(prev, error, now()) };
    }
  }

  async function pollFeed(spec: FeedSpec, prev: SourceState | undefined): Promise<PollResult> {
    const validators = { etag: prev?.etag, lastModified: prev?.lastModified, bodyHash: prev?.bodyHash };
    const result = await loadFeed(spec.url, validators, optionsFor(spec));
    if (result.status === 'not-modified') {
      return { status: 'not-modified', state: notModifiedState(prev, result, now()) };
    }
    const account = mirrorAccount(spec, result.feed);
    const items = account ? xItems(account, result.feed, spec.url) : newsItems(spec, result.feed);
    return { status: 'ok', items, state: okState(prev, { ...result, ttlMs: result.feed.ttlMs }, now()) };
  }

  async function pollAccount(spec: XAccountSpec, prev: SourceState | undefined): Promise<PollResult> {
    const result = await loadFromMirrors(spec, prev, fetchOpts);
    if (result.status === 'not-modified') {
      return { status: 'not-modified', state: notModifiedState(prev, result, now()) };
    }
    const items = xItems(spec, result.feed, result.mirrorUrl);
    return { status: 'ok', items, state: okState(prev, { ...result, ttlMs: result.feed.ttlMs }, now()) };
  }

  /** A WebSub delivery: the same decoding, parsing and item rules as a poll; the state stays as it was. */
  async function read(spec: SourceSpec, previous: FeedState | undefined, body: DeliveredBody): Promise<PollResult> {
    const state: FeedState = { ...previous };
    try {
      if (body.bytes.byteLength > (fetchOpts.maxBytes ?? DEFAULT_MAX_BYTES)) {
        throw new ExitsError('TOO_LARGE', `delivered body exceeds ${fetchOpts.maxBytes} bytes`);
      }
      const { text } = decodeFeed(body.bytes, body.contentType);
      const url = spec.kind === 'x' ? (spec.mirrors[previous?.mirror ?? 0] ?? '') : spec.url;
      const feed = await parseFeed(text, body.contentType, url || undefined);
      if (spec.kind === 'x') return { status: 'ok', items: xItems(spec, feed, url), state };
      const account = mirrorAccount(spec, feed);
      return { status: 'ok', items: account ? xItems(account, feed, spec.url) : newsItems(spec, feed), state };
    } catch (err) {
      const error = err instanceof ExitsError ? err : new ExitsError('INTERNAL', `unexpected failure reading a delivery for ${spec.id}: ${String(err)}`, { cause: err });
      return { status: 'error', error, state };
    }
  }

  return { poll, read };
}

/**
 * A plain feed URL may be an X mirror (`exits once --feed https://nitter.net/miramurati/rss`): when most
 * entries link to X statuses, read it as an account so posts keep their status-id identity and author.
 */
function mirrorAccount(spec: FeedSpec, feed: ParsedFeed): XAccountSpec | null {
  if (feed.entries.length === 0) return null;
  const statuses = feed.entries.filter((e) => xStatusId(e.guid, e.link)).length;
  if (statuses * 2 <= feed.entries.length) return null;
  const handle =
    /@(\w{1,30})\s*$/.exec(feed.title ?? '')?.[1] ??
    feed.entries.map((e) => xHandleFromUrl(e.link)).find((h) => h !== null) ??
    null;
  if (!handle) return null;
  return { kind: 'x', id: spec.id, handle: `@${handle}`, person: null, mirrors: [spec.url], lang: spec.lang };
}

export { canonicalUrl, xStatusId } from './canonical.ts';
export { HttpStatusError } from './http.ts';
