import type { EventRecord } from '../../core/types.ts';

/**
 * The /exits queries as this folder sees them. They have the shape of ExitsRequest / ExitsAnswer in
 * src/commands/query.ts, which src/notify may not import: the app passes the real functions in.
 */
export type ExitsQuery =
  | { sub: 'recent'; days?: number; company?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number }
  | { sub: 'help' };

export type ExitsReply =
  | { ok: true; title: string; events: EventRecord[]; page: number; pages: number; total: number; summary: string }
  | { ok: false; error: string };

export interface DiscordQueries {
  /** Answers a query from the history; bad input is { ok: false } with a sentence for the user. */
  answer(query: ExitsQuery): Promise<ExitsReply>;
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
