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

export function okState(previous: SourceState | undefined, fresh: Freshness, now: Date): SourceState {
  const iso = now.toISOString();
  const freshUntil = fresh.freshForMs ? new Date(now.getTime() + fresh.freshForMs).toISOString() : undefined;
  return compact({
    ...previous,
    feedTtlMs: fresh.ttlMs === undefined ? previous?.feedTtlMs : (fresh.ttlMs ?? undefined),
    freshUntil,
    retryAfterAt: undefined,
    etag: fresh.etag,
    lastModified: fresh.lastModified,
    bodyHash: fresh.bodyHash,
    mirror: fresh.mirror ?? previous?.mirror,
    hub: fresh.hub,
    topic: fresh.topic,
    lastOkAt: iso,
    firstSeenAt: previous?.firstSeenAt ?? iso,
    failures: 0,
    lastError: undefined,
  });
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

export function errorState(previous: SourceState | undefined, error: ExitsError, now = new Date()): SourceState {
  const wait = error instanceof HttpStatusError && ASK_TO_WAIT.has(error.status) ? retryAfterAt(error.retryAfter, now.getTime()) : null;
  return compact({
    ...previous,
    failures: (previous?.failures ?? 0) + 1,
    lastError: error.code,
    retryAfterAt: wait === null ? undefined : new Date(wait).toISOString(),
  });
}

/** Drops undefined keys so stored state stays small and JSON round-trips to the same object. */
function compact(state: SourceState): SourceState {
  const out: Record<string, unknown> = {};
  for (const key in state) {
    const value = state[key as keyof SourceState];
    if (value !== undefined) out[key] = value;
  }
  return out as SourceState;
}
