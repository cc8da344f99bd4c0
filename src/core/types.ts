/** Shared domain types. This folder imports nothing of ours. */

export const CHANGE_TYPES = ['departure', 'fired', 'leave', 'joined', 'appointed', 'reinstated', 'founded'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export type ItemKind = 'news' | 'x_post';

/** One feed entry after fetching, decoding and canonicalisation. */
export interface Item {
  /** Canonical identity, stable across mirrors and tracking parameters ("x:1839…", "url:…", "guid:…"). */
  id: string;
  /** Config id of the feed or X account that produced it. */
  feedId: string;
  /** Human name of the source (feed name or "@handle via nitter.net"). */
  source: string;
  kind: ItemKind;
  title: string;
  /** Plain-text summary (HTML stripped). */
  summary: string;
  /** Full article text when the feed carries it (content:encoded, Atom content). */
  body?: string;
  url: string | null;
  /** ISO 8601 timestamp, or null when the feed gives none. */
  published: string | null;
  /** Language code when the feed or config declares one ("fr", "it"). */
  lang: string | null;
  /** For X posts: the handle of the account whose words these are ("@miramurati"). */
  author: string | null;
}

/** What the detector reads: the text parts of an item. */
export interface DetectInput {
  title: string;
  summary: string;
  body?: string;
  lang?: string | null;
  kind?: ItemKind;
  /** X handle of the post's author, used to resolve first-person posts. */
  author?: string | null;
  /** When the item was published (ISO date or timestamp): picks the organisation a person was at then. */
  published?: string | null;
}

/** One leadership change found in a text. */
export interface DetectedEvent {
  /** Canonical watchlist name, or the name as written for people not on the watchlist. */
  person: string;
  /**
   * The person's name in Latin letters, when `person` is written in Han, kana or Hangul and the text
   * gives no Latin form: the watchlist's name when the romanised form is one of its people, else the
   * romanised form ("Zhang Yiming" for 張一鳴). Cards show both; `/exits person` finds either.
   */
  latin?: string;
  /** Organisation where the role was held (canonical name when known). */
  org: string | null;
  type: ChangeType;
  role: string | null;
  /** Where the person goes (joined) or the company founded (founded). */
  destination: string | null;
  /** The span of text that made the detector fire, verbatim from the input. */
  evidence: string;
  /** 0..1: how sure the detector is. */
  confidence: number;
  /**
   * The language the item is written in, as its text shows it; the declared tag only when the text is
   * too short to tell. Feeds often tag every item with the channel's language.
   */
  lang: string | null;
}

/** Watchlist entries, in the schema of the corpus people.json / orgs.json. */
export interface PersonEntry {
  name: string;
  aliases: string[];
  x?: string | null;
  orgs?: { org: string; role?: string | null; from?: number | null; to?: number | null }[];
  ambiguous_name?: boolean;
}

export interface OrgEntry {
  name: string;
  aliases: string[];
  parent?: string | null;
  ambiguous_alias?: boolean;
}

export interface Watchlist {
  people: PersonEntry[];
  orgs: OrgEntry[];
}

/** One article or post that reported a change. */
export interface Report {
  itemId: string;
  title: string;
  url: string | null;
  source: string;
  published: string | null;
  lang: string | null;
  evidence: string;
  confidence: number;
  /** A later article that told an old change again (a profile, an anniversary): kept, never posted. */
  recall?: boolean;
  /**
   * Which detected change of the item this report is (the key a new event of it would get): an item
   * merged again, its feed polled twice before it was marked seen, is recognised and changes nothing.
   */
  change?: string;
}

/**
 * One leadership change as kept in the history and shown on a card: the same change reported by many
 * outlets in many languages is one record, with every report in `reports`. The top-level report fields
 * (title, url, source, evidence...) are those of the best report so far.
 */
export interface EventRecord extends DetectedEvent {
  /** Stable id of this change, short enough to type in `/exits sources ID`. */
  key: string;
  itemId: string;
  title: string;
  url: string | null;
  source: string;
  published: string | null;
  lang: string | null;
  /** ISO timestamp of when exits first saw it. */
  detectedAt: string;
  /** Every report of this change, oldest first (the first one included). */
  reports: Report[];
  /** ISO timestamp of the last merge of a new report. */
  updatedAt?: string;
  /** ISO timestamp of when the card was first posted; absent while it never was. */
  postedAt?: string;
}

/** Where a card was posted, so later reports can edit it in place. */
export interface PostRef {
  notifier: string;
  channel: string;
  /** Platform message id (Discord message id, Slack ts). */
  id: string;
}

/** What one chat channel wants to receive; empty or absent lists mean "everything". */
export interface ChannelRoute {
  /** "discord", "slack" or "console". */
  platform: string;
  channel: string;
  people?: string[];
  companies?: string[];
  kinds?: ChangeType[];
  languages?: string[];
  minConfidence?: number;
}

/** What the poller remembers per feed between cycles. */
/** A feed added from chat or the CLI (`/exits feeds add`), kept in the store beside the config's feeds. */
export interface AddedFeed {
  url: string;
  name: string;
  /** "discord:8000…", "slack:U123", "cli". */
  addedBy: string;
  addedAt: string;
}

export interface FeedState {
  etag?: string;
  lastModified?: string;
  /** ISO time of the last successful fetch (200 or 304). */
  lastOkAt?: string;
  /** ISO time of the first fetch ever completed; absent until the feed was seen once. */
  firstSeenAt?: string;
  /** Consecutive failures and the last error code, for backoff and reporting. */
  failures?: number;
  lastError?: string;
  /** For X accounts: the index of the mirror that answered last. */
  mirror?: number;
  /** Hash of the last body parsed, so a server that ignores conditional GET is not parsed again. */
  bodyHash?: string;
  /** ISO time of the first failure of the current run of failures. */
  failingSince?: string;
  /** ISO time before which the feed is not polled again (backoff after failures). */
  nextAttemptAt?: string;
  /** Whether the "failing for a long time" warning was given for the current run of failures. */
  warned?: boolean;
  /** Adaptive polling (pipeline/due.ts): the interval chosen at the last poll, in ms. */
  pollIntervalMs?: number;
  /** ISO time of the next poll a scheduled tick makes (shared by replicas, kept across restarts). */
  nextPollAt?: string;
  /** Why the interval is what it is: "rhythm", "quiet", "ttl", "max-age", "retry-after", "override". */
  pollReason?: string;
  /** When recent items appeared, epoch seconds, oldest first (the feed's rhythm is learnt from them). */
  publishTimes?: number[];
  /** What the feed itself asks for, in ms: its <ttl> or sy:updatePeriod/sy:updateFrequency. */
  feedTtlMs?: number;
  /** ISO time until which the last answer was fresh (Cache-Control max-age, Expires). */
  freshUntil?: string;
  /** ISO time before which a 429 or 503 asked not to come back (Retry-After). */
  retryAfterAt?: string;
  /** WebSub (issue 19, push): the hub the feed advertises (atom:link rel="hub" or HTTP Link), absolute. */
  hub?: string;
  /** WebSub: the topic to subscribe to (the feed's rel="self"), absolute; the feed's URL when it names none. */
  topic?: string;
}

/**
 * A WebSub subscription of one feed at one hub, kept in the store so any replica can answer the hub's
 * verification and deliveries. `secret` signs deliveries: it never appears in logs or answers.
 */
export interface PushSubscription {
  /** The callback's last path segment: a hash of feed, hub and topic (a changed hub is a new subscription). */
  id: string;
  feedId: string;
  hub: string;
  topic: string;
  secret: string;
  /**
   * subscribing: asked, not yet verified; active: verified, deliveries expected until expiresAt;
   * unsubscribing: the feed left the config (or changed hub); denied: the hub refused (retried later).
   */
  status: 'subscribing' | 'active' | 'unsubscribing' | 'denied';
  /** When the last subscribe or unsubscribe request went to the hub (ISO). */
  requestedAt: string;
  /** Requests in a row without a verification, for the retry backoff. */
  attempts: number;
  /** Set by the hub's verification (ISO); the subscription is renewed before it. */
  verifiedAt?: string;
  expiresAt?: string;
  leaseSeconds?: number;
  /** The hub's reason for a denial, or the last request's failure. */
  reason?: string;
}
