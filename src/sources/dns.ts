/**
 * Name lookups for feed hosts that cannot starve the rest of the process. dns.lookup (getaddrinfo) runs
 * on libuv's small thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which SQLite, file
 * reads and the Redis client's own lookups share: a resolver that hangs on a few feed hosts would
 * otherwise hold every thread and stall the store. Here at most half the pool looks up feed hosts at
 * once; identical lookups share one call; answers are cached; a lookup that waits too long for a free
 * slot fails as DNS_TIMEOUT instead of waiting for ever.
 */
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { ExitsError } from '../core/errors.ts';

type Answer = LookupAddress[];
type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupOptions = { all?: boolean; family?: number | string };
/** The shape net.connect (and undici's connector) call a custom lookup with. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: Callback) => void;
/** A lookup that always answers every address (dns.lookup with all: true). */
export type ResolveAll = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: Answer) => void) => void;

export interface BoundedLookupOptions {
  /** The resolver underneath; default getaddrinfo through dns.lookup. */
  resolve?: ResolveAll;
  /** Lookups running at once; default half of a default thread pool. */
  maxConcurrent?: number;
  /** How long an answer is reused. */
  ttlMs?: number;
  /** How long a lookup may wait for a free slot and its answer. */
  timeoutMs?: number;
}

const systemResolve: ResolveAll = (hostname, callback) => systemLookup(hostname, { all: true }, callback);

/** Half of libuv's thread pool (UV_THREADPOOL_SIZE, 4 unless set). */
export function defaultMaxConcurrent(threadPoolSize = 4): number {
  return Math.max(1, Math.floor(threadPoolSize / 2));
}

function familyOf(options: LookupOptions): 0 | 4 | 6 {
  const f = options.family;
  return f === 4 || f === 'IPv4' ? 4 : f === 6 || f === 'IPv6' ? 6 : 0;
}

/** Answers the caller in the form it asked for: every address, or the first of the wanted family. */
function reply(hostname: string, options: LookupOptions, answer: Answer, callback: Callback): void {
  const family = familyOf(options);
  const fitting = family === 0 ? answer : answer.filter((a) => a.family === family);
  if (options.all) return callback(null, fitting);
  const first = fitting[0];
  if (!first) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }), []);
  callback(null, first.address, first.family);
}

export function boundedLookup(opts: BoundedLookupOptions = {}): LookupFunction {
  const resolve = opts.resolve ?? systemResolve;
  const max = opts.maxConcurrent ?? defaultMaxConcurrent();
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const cache = new Map<string, { answer: Answer; until: number }>();
  /** Callers waiting for a host's answer; a host is in here from its first request to its answer. */
  const waiting = new Map<string, ((err: NodeJS.ErrnoException | null, answer: Answer) => void)[]>();
  const queue: string[] = [];
  let running = 0;

  const start = (hostname: string) => {
    running++;
    resolve(hostname, (err, answer) => {
      running--;
      if (!err) cache.set(hostname, { answer, until: Date.now() + ttlMs });
      const callers = waiting.get(hostname) ?? [];
      waiting.delete(hostname);
      for (const done of callers) done(err, answer);
      next();
    });
  };
  const next = () => {
    while (running < max && queue.length > 0) {
      const hostname = queue.shift() as string;
      if (waiting.has(hostname)) start(hostname);
    }
  };

  return function lookup(hostname, options, callback) {
    if (isIP(hostname)) return callback(null, options.all ? [{ address: hostname, family: isIP(hostname) }] : hostname, isIP(hostname));
    const cached = cache.get(hostname);
    if (cached && cached.until > Date.now()) return reply(hostname, options, cached.answer, callback);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      const callers = waiting.get(hostname);
      const at = callers?.indexOf(done) ?? -1;
      if (at >= 0) callers?.splice(at, 1);
      // No one wants it any more: it leaves the queue (one already running keeps its slot until it returns).
      if (callers?.length === 0 && queue.includes(hostname)) {
        waiting.delete(hostname);
        queue.splice(queue.indexOf(hostname), 1);
      }
      callback(new ExitsError('DNS_TIMEOUT', `no address for ${hostname} within ${timeoutMs} ms (the resolver is slow)`), []);
    }, timeoutMs);
    const done = (err: NodeJS.ErrnoException | null, answer: Answer) => {
      if (settled) return;
      clearTimeout(timer);
      if (err) callback(err, []);
      else reply(hostname, options, answer, callback);
    };
    const callers = waiting.get(hostname);
    if (callers) return void callers.push(done);
    waiting.set(hostname, [done]);
    queue.push(hostname);
    next();
  };
}
