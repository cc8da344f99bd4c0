import type { ExitsError } from './errors.ts';
import type { AddedFeed, ChannelRoute, EventRecord, FeedState, Item, PostRef, PushSubscription } from './types.ts';

/** A news feed from the config. */
export interface FeedSpec {
  kind: 'feed';
  /** Stable id used as the key of the feed's state (defaults to the URL). */
  id: string;
  name: string;
  /** No name was given: the feed's own title names it on cards, `name` (its host) when it has none. */
  nameFromFeed?: boolean;
  url: string;
  lang: string | null;
  /** Added at run time from chat: fetched only from public addresses unless the config allows private ones. */
  untrusted?: boolean;
}

/** An X account watched through mirror feeds (Nitter, RSSHub). */
export interface XAccountSpec {
  kind: 'x';
  id: string;
  /** "@miramurati" */
  handle: string;
  /** Canonical watchlist name of the account's owner, when known. */
  person: string | null;
  /** Full feed URLs, tried in order: "https://nitter.net/miramurati/rss". */
  mirrors: string[];
  lang: string | null;
}

export type SourceSpec = FeedSpec | XAccountSpec;

export type PollResult =
  | { status: 'ok'; items: Item[]; state: FeedState }
  | { status: 'not-modified'; state: FeedState }
  | { status: 'error'; error: ExitsError; state: FeedState };

/** Fetches and parses one source; never throws, a failure is a PollResult with status 'error'. */
export interface FeedFetcher {
  poll(spec: SourceSpec, previous: FeedState | undefined): Promise<PollResult>;
  /**
   * Reads a feed body that arrived without a poll (a WebSub delivery) into items, as a poll would; the
   * state returned is `previous` (a delivery's body says nothing about validators). Never throws.
   */
  read?(spec: SourceSpec, previous: FeedState | undefined, body: DeliveredBody): Promise<PollResult>;
}

/** A feed body pushed to us (WebSub delivery). */
export interface DeliveredBody {
  bytes: Uint8Array;
  contentType?: string;
}

/** Persistent state: seen items, per-feed state, the event history, posted cards and channel watchlists. */
export interface Store {
  /**
   * The id of the marker the store holds, written as `fresh` when there is none (atomically: processes
   * starting together on an empty store all get the same one); null when the store's home is gone (an
   * SQLite file deleted under it). Another id than a process saw before means the data was lost in
   * between (Redis restarted without persistence, a flushed database, a replaced file).
   */
  marker(fresh: string): Promise<string | null>;
  /** For each id, whether it was seen before (within the seen TTL). */
  seenMany(ids: string[]): Promise<boolean[]>;
  markSeen(ids: string[]): Promise<void>;
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  /** The states of many feeds in one read (a cycle reads all of them at once). */
  getFeedStates(feedIds: string[]): Promise<(FeedState | undefined)[]>;
  setFeedState(feedId: string, state: FeedState): Promise<void>;
  /** Many feed states in one write (a tick's 304s each move their next poll): one statement on SQLite. */
  setFeedStates?(entries: { id: string; state: FeedState }[]): Promise<void>;
  /** Inserts or replaces an event (keyed by `key`) and indexes it by person. */
  saveEvent(event: EventRecord): Promise<void>;
  getEvent(key: string): Promise<EventRecord | undefined>;
  /** Every event of one person (canonical name as detected), any time. */
  eventsOf(person: string): Promise<EventRecord[]>;
  /**
   * Events since the given time, newest first. `keep` is asked about each event as it is read, so a
   * search over a large history holds only its matches.
   */
  listEvents(since?: Date, keep?: (event: EventRecord) => boolean): Promise<EventRecord[]>;
  /** Where the card of an event was posted. */
  getPosts(key: string): Promise<PostRef[]>;
  addPosts(key: string, refs: PostRef[]): Promise<void>;
  /**
   * Alerts written before they are sent and removed once every channel has them (key → since when).
   * `lookSince`: a card for it may already be in the channels since then (the store lost its record).
   */
  outboxAdd(key: string, since: string, lookSince?: string): Promise<void>;
  outboxList(): Promise<OutboxEntry[]>;
  /** Notes that sending has begun, so a process that finds the entry after a crash knows it may have landed. */
  outboxTried(key: string): Promise<void>;
  /** Notes a failed send: how many so far, and not before when to try again (kept across restarts). */
  outboxFailed(key: string, failures: number, retryAt: string): Promise<void>;
  outboxRemove(key: string): Promise<void>;
  /** Counts a refusal of the card for good (CardRefused) on its outbox entry; returns how many so far. */
  outboxRefused(key: string, reason: string): Promise<number>;
  /** Moves an alert from the outbox to the undeliverable list (`exits outbox list`). */
  setAside(entry: SetAsideEntry): Promise<void>;
  /** Alerts set aside as undeliverable, oldest first. */
  setAsideList(): Promise<SetAsideEntry[]>;
  /** Forgets an alert set aside; false when there was none under that key. */
  setAsideRemove(key: string): Promise<boolean>;
  /**
   * Leases shared by replicas: true when `name` was free, expired or already `owner`'s; held for `ttlMs`.
   * Atomic across processes on SQLite and Redis.
   */
  claim(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Whether several processes may share this store (Redis): then feeds are split between them by lease. */
  readonly shared: boolean;
  release(name: string, owner: string): Promise<void>;
  /** Run-time watchlist changes of a channel (`/exits watch`), keyed by platform and channel. */
  getWatch(platform: string, channel: string): Promise<Pick<ChannelRoute, 'people' | 'companies'> | undefined>;
  setWatch(platform: string, channel: string, watch: Pick<ChannelRoute, 'people' | 'companies'>): Promise<void>;
  /** Feeds added at run time, in the order they were added (edits are serialised by the caller with a lease). */
  getAddedFeeds(): Promise<AddedFeed[]>;
  setAddedFeeds(feeds: AddedFeed[]): Promise<void>;
  /** WebSub subscriptions (issue 19, push), keyed by their callback id. */
  getSubscription(id: string): Promise<PushSubscription | undefined>;
  setSubscription(sub: PushSubscription): Promise<void>;
  deleteSubscription(id: string): Promise<void>;
  listSubscriptions(): Promise<PushSubscription[]>;
  close(): Promise<void>;
}

/** An alert waiting in the outbox. */
export interface OutboxEntry {
  key: string;
  since: string;
  /** Sending began at least once (possibly in a process that died before it knew the outcome). */
  tried?: boolean;
  /** Failed sends so far, and when the next may be tried (a chat that keeps failing is asked less often). */
  failures?: number;
  retryAt?: string;
  /** How many times a platform refused the card for good. */
  refusals?: number;
  /** A card may already be in the channels since then (its record was lost with the store): look first. */
  lookSince?: string;
}

/** An alert the platforms refused for good, kept aside with the reason until retried or dropped. */
export interface SetAsideEntry {
  key: string;
  /** When it entered the outbox. */
  since: string;
  /** When it was set aside. */
  at: string;
  /** The platforms' reasons, "discord: 50035 Invalid Form Body". */
  reason: string;
  /** How many times it was refused. */
  tries: number;
  /** The card's headline, for the listing. */
  title: string;
}

/** Where alerts go: console, Discord, Slack. */
export interface Notifier {
  /** Platform name, matched against ChannelRoute.platform ("console", "discord", "slack"). */
  readonly name: string;
  /**
   * Posts the card to the given channels; returns where it landed. `earlierTry` says an earlier process
   * began sending it (ISO time it entered the outbox): a notifier without idempotent posts looks first.
   */
  send(event: EventRecord, channels: string[], earlierTry?: string): Promise<PostRef[]>;
  /** Edits cards posted earlier to show the event as it is now (more sources, a destination). */
  update?(event: EventRecord, refs: PostRef[]): Promise<void>;
  /** Posts a plain notice for the bot's operators (a feed failing for a day); feed text in it stays inert. */
  notice?(channel: string, text: string): Promise<void>;
  close?(): Promise<void>;
}

export interface Clock {
  now(): Date;
}
