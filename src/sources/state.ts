/**
 * FeedState transitions after a poll. The fetcher owns validators and failure counts; firstSeenAt is set
 * on the first completed fetch and kept afterwards.
 */
import type { ExitsError } from '../core/errors.ts';
import type { FeedState } from '../core/types.ts';
import { retryAfterAt } from './hints.ts';
import { HttpStatusError } from './http.ts';

/**
 * FeedState plus a hash of the last body, so servers that send no ETag (Nitter) still skip re-parsing an
 * unchanged feed. Stored alongside the declared fields; see the report about adding it to core.
 */
export type SourceState = FeedState & { bodyHash?: string };

export interface Freshness {
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
  mirror?: number;
  /** Cache-Control max-age / Expires of the answer, ms. */
  freshForMs?: number;
  /** The feed's own <ttl> / sy:updatePeriod, ms: only a parsed body says (a 304 keeps the last one). */
  ttlMs?: number | null;
  /** WebSub (issue 19, push): the hub and topic a fresh body advertised; a 304 keeps the previous ones. */
  hub?: string;
  topic?: string;
}

/** The fields okState and errorState decide; any other field of the previous state is carried over. */
const DECIDED = new Set([
  'feedTtlMs',
  'freshUntil',
  'retryAfterAt',
  'etag',
  'lastModified',
  'bodyHash',
  'mirror',
  'hub',
  'topic',
  'lastOkAt',
  'firstSeenAt',
  'failures',
  'lastError',
]);

/**
 * The previous state's fields that `decided` does not set, undefined ones dropped. Built field by field:
 * a spread of the previous state into a literal with a dozen more fields, then a for-in over it to drop
 * the undefined ones, cost ~30 µs a feed (V8 leaves such an object without a fast shape), most of a
 * 304's CPU outside the request itself; this costs ~1 µs.
 */
function carried(previous: SourceState | undefined, decided: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!previous) return out;
  const from = previous as Record<string, unknown>;
  for (const key in from) {
    const value = from[key];
    if (value !== undefined && !decided.has(key)) out[key] = value;
  }
  return out;
}

/** Sets a field, or leaves it out when undefined (stored state stays small and JSON round-trips to the same object). */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

export function okState(previous: SourceState | undefined, fresh: Freshness, now: Date): SourceState {
  const iso = now.toISOString();
  const out = carried(previous, DECIDED);
  put(out, 'feedTtlMs', fresh.ttlMs === undefined ? previous?.feedTtlMs : (fresh.ttlMs ?? undefined));
  if (fresh.freshForMs) out.freshUntil = new Date(now.getTime() + fresh.freshForMs).toISOString();
  put(out, 'etag', fresh.etag);
  put(out, 'lastModified', fresh.lastModified);
  put(out, 'bodyHash', fresh.bodyHash);
  put(out, 'mirror', fresh.mirror ?? previous?.mirror);
  put(out, 'hub', fresh.hub);
  put(out, 'topic', fresh.topic);
  out.lastOkAt = iso;
  out.firstSeenAt = previous?.firstSeenAt ?? iso;
  out.failures = 0;
  return out as SourceState;
}

/** Like okState, but a 304 may omit validators: keep the ones we had. */
export function notModifiedState(previous: SourceState | undefined, fresh: Freshness, now: Date): SourceState {
  return okState(
    previous,
    {
      etag: fresh.etag ?? previous?.etag,
      lastModified: fresh.lastModified ?? previous?.lastModified,
      bodyHash: fresh.bodyHash ?? previous?.bodyHash,
      mirror: fresh.mirror,
      freshForMs: fresh.freshForMs,
      hub: previous?.hub,
      topic: previous?.topic,
    },
    now,
  );
}

/** Statuses whose Retry-After is a request to wait, not a redirect hint. */
const ASK_TO_WAIT = new Set([429, 503]);

const ERROR_DECIDED = new Set(['failures', 'lastError', 'retryAfterAt']);

export function errorState(previous: SourceState | undefined, error: ExitsError, now = new Date()): SourceState {
  const wait = error instanceof HttpStatusError && ASK_TO_WAIT.has(error.status) ? retryAfterAt(error.retryAfter, now.getTime()) : null;
  const out = carried(previous, ERROR_DECIDED);
  out.failures = (previous?.failures ?? 0) + 1;
  out.lastError = error.code;
  if (wait !== null) out.retryAfterAt = new Date(wait).toISOString();
  return out as SourceState;
}
