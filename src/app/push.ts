/** Composition of WebSub push (issue 19): the push module wired to the store, fetcher, pipeline and HTTP. */
import { errorMessage } from '../core/errors.ts';
import type { Clock, FeedFetcher, SourceSpec, Store } from '../core/ports.ts';
import type { CycleDeps, Pipeline } from '../pipeline/cycle.ts';
import { askHub, createPush, type Push, type PushMetrics } from '../push/index.ts';
import { guardedAgent } from '../sources/guard.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';

export interface PushWiring {
  /** The push and http sections of the config. */
  config: Pick<Config, 'push' | 'http'>;
  store: Store;
  fetcher: FeedFetcher;
  pipeline: Pipeline;
  sources: () => Promise<SourceSpec[]>;
  log: Logger;
  owner: string;
  /** Read at each use: the health server, started later, supplies the counters. */
  metrics: () => PushMetrics | undefined;
  /** Default: the system clock (tests drive time through it). */
  clock?: Clock;
}

export function composePush(w: PushWiring): Push | undefined {
  const settings = w.config.push;
  if (!settings) return undefined;
  const log = w.log.child({ module: 'push' });
  // A hub named by a feed added from chat is reached only at a public address, as the feed itself is.
  let guarded: ReturnType<typeof guardedAgent> | undefined;
  const dispatcherFor = (spec: SourceSpec | undefined) => {
    if (!spec || spec.kind !== 'feed' || !spec.untrusted || w.config.http.allowPrivateAddresses) return undefined;
    guarded ??= guardedAgent();
    return guarded;
  };
  const metrics: PushMetrics = {
    delivery: (outcome, reason) => w.metrics()?.delivery(outcome, reason),
    subscriptions: (active) => w.metrics()?.subscriptions(active),
  };
  return createPush({
    store: w.store,
    log,
    clock: w.clock ?? { now: () => new Date() },
    publicUrl: settings.publicUrl,
    leaseSeconds: Math.round(settings.leaseDays * 86_400),
    safetyMs: settings.safetyPollMinutes * 60_000,
    sources: w.sources,
    ask: (hub, req, spec) =>
      askHub(hub, req, { timeoutMs: w.config.http.timeoutMs, userAgent: w.config.http.userAgent, dispatcher: dispatcherFor(spec) }),
    maxBytes: w.config.http.maxBytes,
    owner: w.owner,
    metrics,
    async deliver(sub, body) {
      const spec = (await w.sources()).find((s) => s.id === sub.feedId);
      if (!spec) return { outcome: 'unknown-feed' };
      if (!w.fetcher.read) return { outcome: 'broken', message: 'this fetcher cannot read delivered bodies' };
      const previous = await w.store.getFeedState(spec.id);
      const result = await w.fetcher.read(spec, previous, body);
      if (result.status === 'error') return { outcome: 'broken', message: `${result.error.code}: ${result.error.message}` };
      const { report, sent } = await w.pipeline.ingest(spec, result);
      sent.catch((err: unknown) => log.error({ feed: spec.id }, `sending the alerts of a WebSub delivery failed (kept in the outbox): ${errorMessage(err)}`));
      return { outcome: 'accepted', items: report.items, newItems: report.newItems };
    },
  });
}

/**
 * A pushed feed keeps only its safety poll: with adaptive polling the interval replaces the learnt one in
 * the feed's schedule (so it is not due), and without it a scheduled tick skips the feed until then.
 */
export function pollOnlyForSafety(deps: CycleDeps, manager: Push['manager']): void {
  deps.pushInterval = (feedId, nowMs) => manager.intervalFor(feedId, nowMs);
  deps.pollOverride = (spec, _state, now) => manager.intervalFor(spec.id, now.getTime());
}
