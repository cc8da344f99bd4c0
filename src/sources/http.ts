/**
 * Conditional, bounded HTTP GET for feeds.
 *
 * undici's request() rather than rss-parser's parseURL, which hides response headers (no ETag), rejects on
 * 304, does not abort the socket on timeout and has no size limit. request() rather than fetch(): a 304
 * costs a third of the CPU (no WHATWG Request, Headers and stream objects), which is most of a steady
 * cycle. What fetch did for free is done here: redirects, decompression, one deadline for the whole answer.
 */
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import { type Dispatcher, request } from 'undici';
import { ExitsError } from '../core/errors.ts';
import { freshForMs } from './hints.ts';

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
  | { notModified: true; etag?: string; lastModified?: string; freshForMs?: number }
  | {
      notModified: false;
      /** How long the answer stays fresh (Cache-Control max-age, Expires): no poll before then. */
      freshForMs?: number;
      bytes: Uint8Array;
      etag?: string;
      lastModified?: string;
      contentType?: string;
      /** The Content-Location header, a base for the document's relative links (resolve against url). */
      contentLocation?: string;
      /** URL after redirects. */
      url: string;
      /** The HTTP Link header (WebSub discovery: rel="hub", rel="self"). */
      link?: string;
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

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchFeedBytes(
  url: string,
  validators: Validators = {},
  opts: FetchOptions = {},
): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!isHttpUrl(url)) throw new ExitsError('BAD_URL', `not an http(s) URL: ${url}`);

  const headers: Record<string, string> = {
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  const limit = new Deadline(timeoutMs, opts.signal);
  let current = url;
  try {
    for (let hops = 0; ; hops++) {
      const res = await request(current, { method: 'GET', headers, signal: limit, dispatcher: opts.dispatcher });
      const h = res.headers;
      const location = header(h, 'location');
      if (REDIRECTS.has(res.statusCode) && location) {
        await res.body.dump();
        if (hops >= MAX_REDIRECTS) throw new ExitsError('TOO_MANY_REDIRECTS', `more than ${MAX_REDIRECTS} redirects from ${safeHost(url)}`);
        current = new URL(location, current).href;
        if (!isHttpUrl(current)) throw new ExitsError('BAD_URL', `${safeHost(url)} redirects to a non-http(s) URL`);
        continue;
      }
      const etag = header(h, 'etag');
      const lastModified = header(h, 'last-modified');
      const fresh = freshForMs(current, headers, res.statusCode, h);
      if (res.statusCode === 304) {
        await res.body.dump();
        return {
          notModified: true,
          etag: etag ?? validators.etag,
          lastModified: lastModified ?? validators.lastModified,
          ...(fresh > 0 && { freshForMs: fresh }),
        };
      }
      if (res.statusCode < 200 || res.statusCode > 299) {
        await res.body.dump();
        throw new HttpStatusError(res.statusCode, current, header(h, 'retry-after'));
      }
      const encodings = contentEncodings(header(h, 'content-encoding'), current);
      const declared = Number(header(h, 'content-length'));
      if (encodings.length === 0 && Number.isFinite(declared) && declared > maxBytes) {
        // undici's body turns a plain destroy into an 'error' event: give it a listener.
        res.body.on('error', () => {}).destroy();
        throw tooLarge(current, maxBytes);
      }
      const bytes = await readCapped(decoded(res.body, encodings), current, maxBytes);
      const contentType = header(h, 'content-type');
      return {
        notModified: false,
        bytes,
        etag,
        lastModified,
        contentType,
        contentLocation: header(h, 'content-location'),
        url: current,
        link: header(h, 'link'),
        ...(fresh > 0 && { freshForMs: fresh }),
      };
    }
  } catch (err) {
    throw classify(err, current, limit, timeoutMs);
  } finally {
    limit.clear();
  }
}

/**
 * One signal for the whole answer (headers, redirects, body): the timeout or the caller's abort. undici
 * takes an EventEmitter as a request's signal; it costs a fraction of an AbortController, and one is
 * built for every request of every cycle.
 */
class Deadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #outer: AbortSignal | undefined;
  #timedOut = false;

  constructor(timeoutMs: number, outer: AbortSignal | undefined) {
    super();
    this.#timer = setTimeout(timeUp, timeoutMs, this);
    this.#outer = outer;
    if (outer?.aborted) this.#abort('aborted');
    else outer?.addEventListener('abort', this, { once: true });
  }

  timedOut(): boolean {
    return this.#timedOut;
  }

  abortedByCaller(): boolean {
    return this.#outer?.aborted === true;
  }

  expire(): void {
    this.#timedOut = true;
    this.#abort('timed out');
  }

  /** The caller's signal fired (EventListener interface). */
  handleEvent(): void {
    this.#abort('aborted');
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this);
  }

  #abort(why: string): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new Error(`request ${why}`);
    this.emit('abort');
  }
}

function timeUp(deadline: Deadline): void {
  deadline.expire();
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The codings applied to the body, in the order they were applied; identity dropped. */
function contentEncodings(value: string | undefined, url: string): string[] {
  const codings = (value ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  for (const c of codings) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(c)) {
      throw new ExitsError('CONTENT_ENCODING', `unsupported Content-Encoding "${c}" from ${safeHost(url)}`);
    }
  }
  return codings;
}

/** The body with its codings undone (gzip and zlib-wrapped deflate by createUnzip, br by Brotli). */
function decoded(body: Readable, encodings: string[]): Readable {
  if (encodings.length === 0) return body;
  const decoders = encodings.reverse().map((c) => (c === 'br' ? createBrotliDecompress() : createUnzip()));
  return pipeline([body, ...decoders], () => {}) as unknown as Readable;
}

/** Reads the body, destroying the stream (and the socket) as soon as it passes the cap. */
async function readCapped(stream: Readable, url: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(url, maxBytes);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function classify(err: unknown, url: string, limit: Deadline, timeoutMs: number): ExitsError {
  const host = safeHost(url);
  if (limit.timedOut()) {
    return new ExitsError('TIMEOUT', `no complete answer from ${host} within ${timeoutMs} ms`, { cause: err });
  }
  if (limit.abortedByCaller()) return new ExitsError('ABORTED', `request to ${host} aborted`, { cause: err });
  if (err instanceof ExitsError) return err;
  // A refusal from the guarded dispatcher (private address) may arrive as the cause of another error.
  if (err instanceof Error && err.cause instanceof ExitsError) return err.cause;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new ExitsError('CONTENT_ENCODING', `body from ${host} does not decode as its Content-Encoding says: ${describe(err)}`, {
      cause: err,
    });
  }
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new ExitsError('TIMEOUT', `no complete answer from ${host} within ${timeoutMs} ms`, { cause: err });
  }
  return new ExitsError('NETWORK', `network error for ${host}: ${describe(err)}`, { cause: err });
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = err.cause instanceof Error ? err.cause : err;
  const code = (inner as Error & { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${code} ${inner.message}` : inner.message;
}

function tooLarge(url: string, maxBytes: number): ExitsError {
  return new ExitsError('TOO_LARGE', `body from ${safeHost(url)} exceeds ${maxBytes} bytes`);
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) && URL.canParse(url);
}

function safeHost(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
