import type { FeedFetcher, Clock, Notifier, PollResult, SourceSpec, Store } from '../core/ports.ts';
import type { Log } from '../core/queries.ts';
import type { ChannelRoute, DetectedEvent, DetectInput, EventRecord, FeedState } from '../core/types.ts';
import type { PollingPolicy } from './due.ts';
import type { HostLimits } from './hosts.ts';

/** What a cycle is given, what it reports, and what the pipeline offers (cycle.ts builds it). */

export interface CycleDeps {
  sources: SourceSpec[];
  /** Feeds added at run time, read at each cycle (after the config's). */
  addedSources?: () => Promise<SourceSpec[]>;
  fetcher: FeedFetcher;
  store: Store;
  detect: (input: DetectInput) => DetectedEvent[];
  notifiers: Notifier[];
  /** The channels and what each wants, read at each cycle (run-time watchlists can change it). */
  routes: () => Promise<ChannelRoute[]>;
  clock: Clock;
  log: Log;
  /** Items published longer ago than this never post (they still enter the history). */
  maxAgeMs: number;
  /** Post the changes of a feed seen for the first time, instead of only recording them. */
  postOnFirstSight: boolean;
  /** How many feeds are fetched at once. */
  concurrency: number;
  /** Reports of the same change this close in time are one event (default 14 days). */
  mergeWindowMs: number;
  /** At most one edit of a card per this interval; reports in between are shown by the next edit. */
  updateThrottleMs: number;
  /** Backoff after a failure: base * 2^(failures-1), capped, with ±25% jitter. */
  backoff?: { baseMs: number; maxMs: number };
  /** A feed failing for this long gets one warning (default one day). */
  warnAfterMs?: number;
  /** Posts a notice to the operators' channel; throws when it could not. Absent: the log alone. */
  admin?: (text: string) => Promise<void>;
  /** Source of jitter (tests pass a fixed one). */
  random?: () => number;
  /** This replica's name in the leases it takes (several replicas share one Redis). */
  owner?: string;
  /** How long a feed's lease for one tick lasts; a dead replica's feeds are polled again after it. */
  leaseMs?: number;
  /**
   * Adaptive polling (due.ts): a scheduled tick polls only the feeds that are due. Absent: every feed at
   * every tick.
   */
  polling?: PollingPolicy;
  /**
   * A feed's interval set from outside, replacing the learnt one (ms); undefined keeps the learnt one.
   * Meant for push: a feed with an active WebSub subscription keeps only a slow safety poll.
   */
  pollOverride?: (spec: SourceSpec, state: FeedState | undefined, now: Date) => number | undefined;
  /** At most so many requests at once and so much time between two starts, per host (hosts.ts). */
  hosts?: HostLimits;
  /**
   * s19-push: how often a feed with an active WebSub subscription is still polled (the safety poll), or
   * undefined when it has none; scheduled ticks skip it until then (status 'pushed').
   */
  pushInterval?: (feedId: string, nowMs: number) => number | undefined;
}

export interface FeedReport {
  id: string;
  name: string;
  /**
   * 'backoff': still waiting after failures; 'leased': another replica polls it this tick; 'waiting': not
   * due at this tick (adaptive polling); 'deferred': due, but its host could take no more this tick;
   * 'pushed': its hub pushes new items (WebSub), so only the slow safety poll asks for it.
   */
  status: 'ok' | 'not-modified' | 'error' | 'backoff' | 'leased' | 'waiting' | 'deferred' | 'pushed';
  items: number;
  newItems: number;
  events: number;
  firstSight: boolean;
  error?: { code: string; message: string };
}

export interface CycleReport {
  feeds: FeedReport[];
  /** Changes posted for the first time in this cycle. */
  alerts: EventRecord[];
  /** Cards edited in place because new reports arrived. */
  updates: EventRecord[];
  /** Chat calls that failed (posts kept in the outbox, edits skipped). */
  chatErrors: number;
  /** Alerts set aside in this cycle as undeliverable (`exits outbox list`), with the platforms' reasons. */
  setAside: { key: string; reason: string }[];
  durationMs: number;
  /** This cycle found that the store lost its data (see marker.ts). */
  storeLost?: boolean;
}

export interface Pipeline {
  /**
   * One cycle. `slot` names the scheduled tick: replicas firing for the same tick share the feeds, and
   * failing feeds wait out their backoff. Without it (exits once) every feed is polled.
   */
  runCycle(slot?: string): Promise<CycleReport>;
  /**
   * A feed body delivered without a poll (WebSub), read by the fetcher: the same seen-items check,
   * detection and merge as a polled body. Resolves once its changes are in the history and the outbox
   * (nothing is lost from then on); `sent` settles when the outbox was flushed to the chats.
   */
  ingest(spec: SourceSpec, result: PollResult): Promise<{ report: FeedReport; sent: Promise<EventRecord[]> }>;
}
