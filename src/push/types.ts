/** What the push module needs from the rest of the bot, as small interfaces (app wires them). */
import type { Log } from '../core/queries.ts';
import type { Clock, DeliveredBody, SourceSpec, Store } from '../core/ports.ts';
import type { FeedState, PushSubscription } from '../core/types.ts';
import type { HubRequest } from './hub-client.ts';

/** Counts for /metrics. */
export interface PushMetrics {
  delivery(outcome: 'accepted' | 'refused', reason: string): void;
  subscriptions(active: number): void;
}

/** What happened to a delivery whose signature was right. */
export type DeliveryOutcome =
  | { outcome: 'accepted'; items: number; newItems: number }
  | { outcome: 'unknown-feed' }
  | { outcome: 'broken'; message: string };

export interface PushDeps {
  store: Store;
  log: Log;
  clock: Clock;
  /** The bot's address as hubs reach it, without a trailing slash; callbacks are `${publicUrl}/websub/<id>`. */
  publicUrl: string;
  /** Lease asked of hubs (they may grant another). */
  leaseSeconds: number;
  /** A pushed feed is still polled this often. */
  safetyMs: number;
  /** Every source the bot watches now (config and added at run time). */
  sources: () => Promise<SourceSpec[]>;
  /** Sends a request to a hub on behalf of a feed (the app picks the connection pool for it). */
  ask: (hub: string, req: HubRequest, spec: SourceSpec | undefined) => Promise<unknown>;
  /** Runs a delivered body through the pipeline; throws when the store failed (the hub should retry). */
  deliver: (sub: PushSubscription, body: DeliveredBody) => Promise<DeliveryOutcome>;
  /** Largest delivery accepted, in bytes. */
  maxBytes: number;
  /** This replica's name in leases (replicas share the subscription work). */
  owner: string;
  metrics?: PushMetrics;
  /** Secrets for new subscriptions; default 32 random bytes. */
  newSecret?: () => string;
}

export type { FeedState, PushSubscription };
