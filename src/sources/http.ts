/**
 * Conditional, bounded HTTP GET for feeds.
 *
 * undici's fetch (the one Node ships, as a package so a dispatcher can guard connections) rather than rss-parser's parseURL: parseURL hides response headers (no ETag),
 * rejects on 304, does not abort the socket on timeout and has no size limit.
 */
import { type Dispatcher, fetch } from 'undici';
import { ExitsError } from '../core/errors.ts';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_USER_AGENT = 'exits/0.1 (+leadership-change alert bot; feed reader)';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  /** Aborts the request from outside (shutdown); reported as code 'ABORTED'. */
  signal?: AbortSignal;
  /** Connection pool to use (guarded for feeds added at run time); default undici's global one. */
  dispatcher?: Dispatcher;
}

export type FetchResult =
  | { notModified: true; etag?: string; lastModified?: string }
  | {
      notModified: false;
      bytes: Uint8Array;
      etag?: string;
      lastModified?: string;
      contentType?: string;
      /** URL after redirects. */
      url: string;
    };

/** A non-2xx answer; keeps the status (and Retry-After) for backoff decisions. */
export class HttpStatusError extends ExitsError {
  readonly status: number;
  readonly retryAfter: string | undefined;

  constructor(status: number, url: string, retryAfter: string | undefined) {
    super('HTTP_STATUS', `HTTP ${status} from ${safeHost(url)}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export async function fetchFeedBytes(
  url: string,
  validators: Validators = {},
  opts: FetchOptions = {},
): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isHttpUrl(url)) throw new ExitsError('BAD_URL', `not an http(s) URL: ${url}`);

  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  try {
    const res = await fetch(url, { headers, redirect: 'follow', signal, dispatcher: opts.dispatcher });
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;

    if (res.status === 304) {
      await res.body?.cancel();
      return {
        notModified: true,
        etag: etag ?? validators.etag,
        lastModified: lastModified ?? validators.lastModified,
      };
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel();
      throw new HttpStatusError(res.status, url, res.headers.get('retry-after') ?? undefined);
    }

    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      throw tooLarge(url, maxBytes);
    }
    const bytes = await readCapped(res, url, maxBytes);
    return {
      notModified: false,
      bytes,
      etag,
      lastModified,
      contentType: res.headers.get('content-type') ?? undefined,
      url: res.url || url,
    };
  } catch (err) {
    throw classify(err, url, timeout, timeoutMs);
  }
}

/** Reads the body, cancelling the stream as soon as it passes the cap. */
async function readCapped(res: { body: ReadableStream<Uint8Array> | null }, url: string, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function classify(err: unknown, url: string, timeout: AbortSignal, timeoutMs: number): ExitsError {
  if (err instanceof ExitsError) return err;
  // A refusal from the guarded dispatcher (private address) arrives as the cause of "fetch failed".
  if (err instanceof Error && err.cause instanceof ExitsError) return err.cause;
  const host = safeHost(url);
  if (timeout.aborted || (err instanceof Error && err.name === 'TimeoutError')) {
    return new ExitsError('TIMEOUT', `no complete answer from ${host} within ${timeoutMs} ms`, { cause: err });
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return new ExitsError('ABORTED', `request to ${host} aborted`, { cause: err });
  }
  const detail = describeCause(err);
  if (/redirect/i.test(detail)) {
    return new ExitsError('TOO_MANY_REDIRECTS', `too many redirects from ${host}`, { cause: err });
  }
  return new ExitsError('NETWORK', `network error for ${host}: ${detail}`, { cause: err });
}

function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
  }
  return err.message;
}

function tooLarge(url: string, maxBytes: number): ExitsError {
  return new ExitsError('TOO_LARGE', `body from ${safeHost(url)} exceeds ${maxBytes} bytes`);
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

function safeHost(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
