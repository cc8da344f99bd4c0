import type { EventRecord } from '../../core/types.ts';

/**
 * The /exits queries as this folder sees them. They have the shape of ExitsRequest / ExitsAnswer in
 * src/commands/query.ts, which src/notify may not import: the app passes the real functions in.
 */
export type PageQuery =
  | { sub: 'recent'; days?: number; company?: string; kind?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number };

export type ExitsQuery =
  | PageQuery
  | { sub: 'sources'; event: string }
  /** The channel it is about and the asker's rights come with the query, in `Asker`. */
  | { sub: 'watch'; action: 'add' | 'remove' | 'list'; what?: 'person' | 'company'; name?: string }
  | { sub: 'help' };

/** Who asked, and where: what `/exits watch` needs to find the channel and check the right to change it. */
export interface Asker {
  /** The channel the command was typed in (null when Discord does not say). */
  channel: string | null;
  user: string;
  /** Whether the member has Manage Channels in that channel (false in DMs). */
  manageChannels: boolean;
}

/** One page of cards. */
export type PagedReply = {
  ok: true;
  title: string;
  events: EventRecord[];
  page: number;
  pages: number;
  total: number;
  summary: string;
};

/** A plain-text answer: the sources of a change, a channel's watchlist. */
export type TextReply = { ok: true; title: string; lines: string[]; events?: undefined };

export type ExitsReply = PagedReply | TextReply | { ok: false; error: string };

export interface DiscordQueries {
  /** Answers a query from the history; bad input is { ok: false } with a sentence for the user. */
  answer(query: ExitsQuery, asker: Asker): Promise<ExitsReply>;
  /** Autocomplete: names of people (history and watchlist) or companies that contain the typed text. */
  suggest(field: 'person' | 'company', typed: string): Promise<string[]>;
}

/** The few logger methods this folder needs (pino's Logger satisfies it). */
export interface DiscordLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
