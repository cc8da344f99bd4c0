import type { QueryAnswer, QueryRequest } from '../../core/queries.ts';

/** The /exits queries come from src/core, which both this folder and src/commands share. */
export type { PagedAnswer, QueryAnswer, QueryRequest, TextAnswer } from '../../core/queries.ts';

/** Where a command was typed and by whom (Slack ids). */
export interface Asker {
  channel: string;
  user: string;
}

export type AskFn = (req: QueryRequest, asker: Asker) => Promise<QueryAnswer>;

export type { Log as SlackLog } from '../../core/queries.ts';

/** A Block Kit block, as plain JSON. */
export type Block = Record<string, unknown> & { type: string };

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers (escaped like the blocks). */
  text: string;
  blocks: Block[];
}
