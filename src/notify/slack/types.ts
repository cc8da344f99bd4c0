import type { EventRecord } from '../../core/types.ts';

/**
 * The /exits queries as this folder sees them. They mirror the platform-neutral request and answer of
 * the query module, which src/notify may not import: the app passes a function that answers them.
 */
export type QueryRequest =
  | { sub: 'recent'; days?: number; company?: string; kind?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number }
  | { sub: 'sources'; event: string }
  /** The channel it is about and who asks come with the request, in `Asker`. */
  | { sub: 'watch'; action: 'add' | 'remove' | 'list'; what?: 'person' | 'company'; name?: string }
  | { sub: 'help' };

/** One page of cards. */
export type PagedAnswer = {
  ok: true;
  title: string;
  events: EventRecord[];
  page: number;
  pages: number;
  total: number;
  summary: string;
};

/** A plain-text answer: the sources of a change, a channel's watchlist. */
export type TextAnswer = { ok: true; title: string; lines: string[]; events?: undefined };

export type QueryAnswer = PagedAnswer | TextAnswer | { ok: false; error: string };

/** Where a command was typed and by whom (Slack ids). */
export interface Asker {
  channel: string;
  user: string;
}

export type AskFn = (req: QueryRequest, asker: Asker) => Promise<QueryAnswer>;

/** What this folder logs through; a pino logger fits. */
export interface SlackLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A Block Kit block, as plain JSON. */
export type Block = Record<string, unknown> & { type: string };

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (escaped like the blocks). */
  text: string;
  blocks: Block[];
}
