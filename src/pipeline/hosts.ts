/**
 * Politeness per host: at most `concurrency` requests at once to one host and at least `gapMs` between
 * two starts there, so 200 Google News searches due at one tick leave in a trickle, not a burst. The
 * cycle's workers take the next feed whose host may be asked now, so a slow or throttled host holds back
 * only its own feeds; what a host could not take before the cycle's deadline waits for the next tick.
 */
import type { SourceSpec } from '../core/ports.ts';
import type { FeedState } from '../core/types.ts';

export interface HostLimit {
  concurrency: number;
  gapMs: number;
}

export interface HostLimits {
  /** For any host not named in `hosts`. */
  perHost: HostLimit;
  /** By host name as in the URL ("news.google.com"; with its port when it has one). */
  hosts: Record<string, HostLimit>;
}

/** Hosts known to throttle feed readers hard: Google News and the public X mirrors. */
export const THROTTLING_HOSTS = ['news.google.com', 'nitter.net', 'nitter.poast.org', 'nitter.privacydev.net', 'xcancel.com', 'rsshub.app'];
export const POLITE: HostLimit = { concurrency: 2, gapMs: 1000 };
export const DEFAULT_HOST_LIMITS: HostLimits = {
  perHost: { concurrency: 4, gapMs: 0 },
  hosts: Object.fromEntries(THROTTLING_HOSTS.map((h) => [h, POLITE])),
};

/** The host a poll of this source asks first: the feed's, or the X account's current mirror's. */
export function hostOf(spec: SourceSpec, state: FeedState | undefined): string {
  const url = spec.kind === 'feed' ? spec.url : (spec.mirrors[state?.mirror ?? 0] ?? spec.mirrors[0] ?? '');
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : url;
}

interface HostUse {
  active: number;
  lastStart: number;
}

/** Who is asking whom now; kept across cycles, so the gap holds from one tick to the next too. */
export class HostGate {
  readonly #limits: HostLimits;
  readonly #use = new Map<string, HostUse>();

  constructor(limits: HostLimits) {
    this.#limits = limits;
  }

  limit(host: string): HostLimit {
    return this.#limits.hosts[host] ?? this.#limits.perHost;
  }

  /** 0 when a request may start now; else how long until it may (Infinity: until one finishes). */
  waitMs(host: string, now: number): number {
    const use = this.#use.get(host);
    if (!use) return 0;
    const limit = this.limit(host);
    if (use.active >= limit.concurrency) return Number.POSITIVE_INFINITY;
    return Math.max(0, use.lastStart + limit.gapMs - now);
  }

  start(host: string, now: number): void {
    const use = this.#use.get(host) ?? { active: 0, lastStart: 0 };
    use.active++;
    use.lastStart = now;
    this.#use.set(host, use);
  }

  finish(host: string, now: number): void {
    const use = this.#use.get(host);
    if (!use) return;
    use.active--;
    // Forget idle hosts whose gap has passed: a process watching 10,000 hosts keeps only the busy ones.
    if (use.active <= 0 && now - use.lastStart >= this.limit(host).gapMs) this.#use.delete(host);
  }
}

export interface PoliteOptions<T> {
  /** Requests in flight at once, all hosts together. */
  limit: number;
  host: (input: T) => string;
  gate: HostGate;
  /** Inputs not started by this time (epoch ms) are not started at all: `skip` answers for them. */
  deadline: number;
  now?: () => number;
}

/**
 * Runs `work` over `inputs`, at most `limit` at once and within each host's limits, taking inputs in
 * order host by host in turn. Results keep the input order; an input left over at the deadline gets
 * `skip(input)` instead.
 */
export async function mapPolite<T, R>(inputs: T[], opts: PoliteOptions<T>, work: (input: T) => Promise<R>, skip: (input: T) => R): Promise<R[]> {
  const now = opts.now ?? Date.now;
  const results: R[] = new Array(inputs.length);
  // Hosts in turn, each with its inputs in order (`next`: the first not started).
  const queues = new Map<string, { items: number[]; next: number }>();
  for (let i = 0; i < inputs.length; i++) {
    const host = opts.host(inputs[i] as T);
    const q = queues.get(host);
    if (q) q.items.push(i);
    else queues.set(host, { items: [i], next: 0 });
  }
  const turn = [...queues.keys()];
  let inFlight = 0;
  let left = inputs.length;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const startReady = (): number => {
    // Hosts in turn until every host in the turn has said "not now"; returns the shortest of their waits.
    let soonest = Number.POSITIVE_INFINITY;
    for (let refused = 0; turn.length > 0 && inFlight < opts.limit && refused < turn.length; ) {
      const host = turn.shift() as string;
      const queue = queues.get(host) as { items: number[]; next: number };
      const t = now();
      const wait = opts.gate.waitMs(host, t);
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        turn.push(host);
        refused++;
        continue;
      }
      refused = 0;
      const i = queue.items[queue.next++] as number;
      if (queue.next < queue.items.length) turn.push(host);
      opts.gate.start(host, t);
      inFlight++;
      void work(inputs[i] as T).then(
        (r) => done(i, host, r),
        () => done(i, host, skip(inputs[i] as T)),
      );
    }
    return soonest;
  };
  const done = (i: number, host: string, r: R) => {
    results[i] = r;
    inFlight--;
    left--;
    opts.gate.finish(host, now());
    poke();
  };

  while (left > 0) {
    const soonest = turn.length > 0 && now() < opts.deadline ? startReady() : Number.POSITIVE_INFINITY;
    if (inFlight === 0 && (turn.length === 0 || !Number.isFinite(soonest) || now() + soonest > opts.deadline)) {
      // Nothing running and nothing may start before the deadline: the rest waits for the next tick.
      for (const host of turn) {
        const queue = queues.get(host);
        for (const i of queue?.items.slice(queue.next) ?? []) results[i] = skip(inputs[i] as T);
      }
      break;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      // A host's gap ends: look again then (a finished request looks again at once).
      if (Number.isFinite(soonest)) setTimeout(poke, Math.max(1, soonest));
    });
  }
  return results;
}
