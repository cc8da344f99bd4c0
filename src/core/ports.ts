import type { ExitsError } from './errors.ts';
import type { EventRecord, FeedState, Item } from './types.ts';

/** A news feed from the config. */
export interface FeedSpec {
  kind: 'feed';
  /** Stable id used as the key of the feed's state (defaults to the URL). */
  id: string;
  name: string;
  url: string;
  lang: string | null;
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
}

/** Persistent state: seen items, per-feed state and the event history. */
export interface Store {
  /** For each id, whether it was seen before (within the seen TTL). */
  seenMany(ids: string[]): Promise<boolean[]>;
  markSeen(ids: string[]): Promise<void>;
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  setFeedState(feedId: string, state: FeedState): Promise<void>;
  /** Adds events to the history; returns those whose key was not there yet. */
  addEvents(events: EventRecord[]): Promise<EventRecord[]>;
  /** Events detected since the given time, newest first. */
  listEvents(since?: Date): Promise<EventRecord[]>;
  close(): Promise<void>;
}

/** Where alerts go: console, Discord, Slack. */
export interface Notifier {
  readonly name: string;
  send(event: EventRecord): Promise<void>;
  close?(): Promise<void>;
}

export interface Clock {
  now(): Date;
}
