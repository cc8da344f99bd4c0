import type { EventRecord } from '../../core/types.ts';

/**
 * The /exits queries as this folder sees them. They mirror the platform-neutral request and answer of
 * the query module, which src/notify may not import: the app passes a function that answers them.
 */
export type QueryRequest =
  | { sub: 'recent'; days?: number; company?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number }
  | { sub: 'help' };

export type QueryAnswer =
  | { ok: true; title: string; events: EventRecord[]; page: number; pages: number; total: number; summary: string }
  | { ok: false; error: string };

export type AskFn = (req: QueryRequest) => Promise<QueryAnswer>;

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
