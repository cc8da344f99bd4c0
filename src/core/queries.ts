import type { EventRecord } from './types.ts';

/** A /exits question as every platform parses it (Discord options, Slack text, the CLI). */
export type QueryRequest =
  | { sub: 'recent'; days?: number; company?: string; kind?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number }
  | { sub: 'sources'; event: string }
  /** The channel it is about, and whether the asker may change it, are added by the platform. */
  | { sub: 'watch'; action: 'add' | 'remove' | 'list'; what?: 'person' | 'company'; name?: string }
  /** Who asks, and whether they may, is added by the platform. */
  | { sub: 'feeds'; action: 'add' | 'remove' | 'list'; url?: string; name?: string }
  | { sub: 'help' };

/** Longest feed URL /exits feeds accepts, on every platform. */
export const MAX_URL_LENGTH = 2048;

/** The requests answered a page of cards at a time. */
export type PageQuery = Extract<QueryRequest, { sub: 'recent' | 'person' | 'company' }>;

/** One page of cards. */
export interface PagedAnswer {
  ok: true;
  /** "Changes in the last 7 days", "Mira Murati". */
  title: string;
  events: EventRecord[];
  page: number;
  pages: number;
  total: number;
  /** "1–10 of 34 (page 1/4)", or the empty-result sentence. */
  summary: string;
}

/** A plain-text answer: the sources of a change, a channel's watchlist. */
export interface TextAnswer {
  ok: true;
  title: string;
  lines: string[];
  events?: undefined;
  /** Where every line can be seen when a chat message must cut the list ("exits sources 3fa9c01b2e"). */
  whole?: string;
}

/** Bad input or nothing found: a sentence for the asker alone. */
export interface ErrorAnswer {
  ok: false;
  error: string;
  /** Nothing matched, or there was nothing to change: an answer, not a mistake (the CLI exits 0). */
  nothing?: true;
}

export type QueryAnswer = PagedAnswer | TextAnswer | ErrorAnswer;

/** The logger methods the inner folders use (pino's Logger satisfies it). */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
