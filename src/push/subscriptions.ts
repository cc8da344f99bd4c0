/**
 * WebSub subscription lifecycle (issue 19): subscribe to the hub a feed advertises, renew before the lease
 * runs out (at 80% of it), retry with backoff when a hub does not verify, wait a day after a denial, and
 * unsubscribe when the feed leaves the config or moves to another hub. Records live in the store, so any
 * replica answers the hub's verification; a short claim per subscription keeps replicas from asking twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { SourceSpec } from '../core/ports.ts';
import type { FeedState, PushSubscription } from '../core/types.ts';
import { HubRefused, secureHubUrl } from './hub-client.ts';
import { pushSafetyInterval } from './safety.ts';
import type { PushDeps } from './types.ts';

/** Renew when this share of the granted lease has passed. */
export const RENEW_AT = 0.8;
const RETRY_BASE_MS = 10 * 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;
const DENIED_WAIT_MS = 24 * 3_600_000;
/** Unsubscribe requests sent before a record is dropped anyway (its lease will lapse at the hub). */
const UNSUBSCRIBE_TRIES = 3;
const CLAIM_MS = 60_000;

/** The callback id: the same feed, hub and topic always map to the same callback on every replica. */
export function subscriptionId(feedId: string, hub: string, topic: string): string {
  return createHash('sha256').update(`${feedId}\n${hub}\n${topic}`).digest('base64url').slice(0, 32);
}

export function callbackUrl(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/websub/${id}`;
}

function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** When this subscription should next be (re)requested from its hub. */
export function nextRequestAt(sub: PushSubscription): number {
  const asked = Date.parse(sub.requestedAt);
  if (sub.status === 'denied') return asked + DENIED_WAIT_MS;
  if (sub.status === 'unsubscribing') return Number.NEGATIVE_INFINITY;
  if (sub.status === 'subscribing' || !sub.verifiedAt || !sub.leaseSeconds) return asked + retryDelay(sub.attempts);
  const verified = Date.parse(sub.verifiedAt);
  const renewAt = verified + sub.leaseSeconds * 1000 * RENEW_AT;
  // A renewal asked for and not verified yet is asked again with the same backoff as a first request.
  return asked > verified ? Math.max(renewAt, asked + retryDelay(sub.attempts)) : renewAt;
}

export interface PushManager {
  /** Subscribes, renews and unsubscribes as the feeds' states ask; call after each cycle. */
  reconcile(): Promise<void>;
  /** The safety-poll interval for a feed under push, else undefined (wired into the cycle's due check). */
  intervalFor(feedId: string, nowMs: number): number | undefined;
  /** A subscription changed (verified, denied, removed) by the callback: refresh what intervalFor knows. */
  noteChange(sub: PushSubscription, removed?: boolean): void;
}

export function createPushManager(deps: PushDeps): PushManager {
  /** Subscriptions of watched feeds by feed id, as last read or changed here. */
  let byFeed = new Map<string, PushSubscription>();
  const newSecret = deps.newSecret ?? (() => randomBytes(32).toString('base64url'));
  const countActive = () => {
    const nowMs = deps.clock.now().getTime();
    deps.metrics?.subscriptions([...byFeed.values()].filter((s) => pushSafetyInterval(s, nowMs) !== undefined).length);
  };

  async function subscribe(spec: SourceSpec, advertised: string, topic: string, id: string): Promise<void> {
    // The secret never travels in clear: a plain-http hub elsewhere is asked over https (hub-client.ts).
    const hub = secureHubUrl(advertised);
    const before = await deps.store.getSubscription(id);
    const nowIso = deps.clock.now().toISOString();
    if (before && before.status !== 'unsubscribing' && nextRequestAt(before) > Date.parse(nowIso)) return;
    const sub: PushSubscription = {
      ...before,
      id,
      feedId: spec.id,
      hub,
      topic,
      // A renewal keeps its secret: deliveries already on their way are signed with it.
      secret: before?.secret && before.status !== 'unsubscribing' ? before.secret : newSecret(),
      status: before?.status === 'active' ? 'active' : 'subscribing',
      requestedAt: nowIso,
      attempts: (before?.status === 'unsubscribing' ? 0 : (before?.attempts ?? 0)) + 1,
    };
    // Saved first: the hub may verify before its answer to the request arrives.
    await deps.store.setSubscription(sub);
    const renewal = before?.status === 'active';
    try {
      const callback = callbackUrl(deps.publicUrl, id);
      await deps.ask(hub, { mode: 'subscribe', topic, callback, leaseSeconds: deps.leaseSeconds, secret: sub.secret }, spec);
      deps.log.info({ feed: spec.id, hub, topic, renewal }, `${renewal ? 'renewing' : 'subscribing to'} ${topic} at hub ${hub}`);
    } catch (err) {
      const upgraded = hub === advertised ? '' : ` (the feed advertises ${advertised}, plain http: asked over https, as hub.secret never travels in clear; the feed stays polled)`;
      const reason = `${errorMessage(err)}${upgraded}`;
      deps.log.warn({ feed: spec.id, hub, attempts: sub.attempts }, `WebSub ${renewal ? 'renewal' : 'subscription'} of ${topic} failed: ${reason}`);
      await deps.store.setSubscription({ ...sub, reason });
    }
  }

  async function unsubscribe(sub: PushSubscription, spec: SourceSpec | undefined): Promise<void> {
    const now = deps.clock.now();
    if (sub.status === 'unsubscribing') {
      if (sub.attempts >= UNSUBSCRIBE_TRIES) {
        deps.log.info({ feed: sub.feedId, hub: sub.hub }, `no unsubscribe verification for ${sub.topic}: forgotten (the lease lapses at the hub)`);
        await deps.store.deleteSubscription(sub.id);
        return;
      }
      if (Date.parse(sub.requestedAt) + retryDelay(sub.attempts) > now.getTime()) return;
    }
    // Never verified (or denied): the hub holds nothing to cancel.
    if (sub.status === 'denied' || (sub.status === 'subscribing' && !sub.verifiedAt)) {
      await deps.store.deleteSubscription(sub.id);
      return;
    }
    const next: PushSubscription = {
      ...sub,
      status: 'unsubscribing',
      requestedAt: now.toISOString(),
      attempts: sub.status === 'unsubscribing' ? sub.attempts + 1 : 1,
    };
    await deps.store.setSubscription(next);
    try {
      await deps.ask(sub.hub, { mode: 'unsubscribe', topic: sub.topic, callback: callbackUrl(deps.publicUrl, sub.id) }, spec);
      deps.log.info({ feed: sub.feedId, hub: sub.hub }, `unsubscribing from ${sub.topic} at hub ${sub.hub}: the feed is no longer watched there`);
    } catch (err) {
      deps.log.warn({ feed: sub.feedId, hub: sub.hub }, `WebSub unsubscribe of ${sub.topic} failed: ${errorMessage(err)}`);
      // A hub that refuses outright will not verify: nothing more to do.
      if (err instanceof HubRefused && err.status < 500) await deps.store.deleteSubscription(sub.id);
    }
  }

  /** Runs `work` for one subscription on one replica at a time. */
  async function alone(id: string, work: () => Promise<void>): Promise<void> {
    const name = `websub:${id}`;
    if (!(await deps.store.claim(name, deps.owner, CLAIM_MS))) return;
    try {
      await work();
    } finally {
      await deps.store.release(name, deps.owner);
    }
  }

  async function wantedNow(): Promise<Map<string, { spec: SourceSpec; hub: string; topic: string }>> {
    const sources = await deps.sources();
    const states = await deps.store.getFeedStates(sources.map((s) => s.id));
    const wanted = new Map<string, { spec: SourceSpec; hub: string; topic: string }>();
    sources.forEach((spec, i) => {
      const state: FeedState | undefined = states[i];
      if (!state?.hub) return;
      const topic = state.topic ?? (spec.kind === 'feed' ? spec.url : undefined);
      if (topic) wanted.set(subscriptionId(spec.id, state.hub, topic), { spec, hub: state.hub, topic });
    });
    return wanted;
  }

  return {
    async reconcile() {
      const wanted = await wantedNow();
      const known = new Map((await deps.store.listSubscriptions()).map((s) => [s.id, s]));
      const nowMs = deps.clock.now().getTime();
      for (const [id, w] of wanted) {
        const sub = known.get(id);
        if (!sub || sub.status === 'unsubscribing' || nextRequestAt(sub) <= nowMs) {
          await alone(id, () => subscribe(w.spec, w.hub, w.topic, id));
        }
      }
      const specs = new Map([...wanted.values()].map((w) => [w.spec.id, w.spec]));
      for (const sub of known.values()) {
        if (!wanted.has(sub.id)) await alone(sub.id, () => unsubscribe(sub, specs.get(sub.feedId)));
      }
      const fresh = await deps.store.listSubscriptions();
      byFeed = new Map(fresh.filter((s) => wanted.has(s.id) && s.status === 'active').map((s) => [s.feedId, s]));
      countActive();
    },
    intervalFor(feedId, nowMs) {
      return pushSafetyInterval(byFeed.get(feedId), nowMs, deps.safetyMs);
    },
    noteChange(sub, removed = false) {
      const held = byFeed.get(sub.feedId);
      if (removed || sub.status !== 'active') {
        if (held?.id === sub.id) byFeed.delete(sub.feedId);
      } else {
        byFeed.set(sub.feedId, sub);
      }
      countActive();
    },
  };
}
