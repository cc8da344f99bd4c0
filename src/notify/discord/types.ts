import type { QueryAnswer, QueryRequest } from '../../core/queries.ts';

/** The /exits queries come from src/core, which both this folder and src/commands share. */
export type {
  PageQuery,
  PagedAnswer as PagedReply,
  QueryAnswer as ExitsReply,
  QueryRequest as ExitsQuery,
  TextAnswer as TextReply,
} from '../../core/queries.ts';

/** Who asked, and where: what `/exits watch` needs to find the channel and check the right to change it. */
export interface Asker {
  /** The channel the command was typed in (null when Discord does not say). */
  channel: string | null;
  user: string;
  /** Whether the member has Manage Channels in that channel (false in DMs). */
  manageChannels: boolean;
  /** Whether the member has Manage Server, which /exits feeds add|remove needs (false in DMs). */
  manageGuild: boolean;
}

export interface DiscordQueries {
  /** Answers a query from the history; bad input is { ok: false } with a sentence for the user. */
  answer(query: QueryRequest, asker: Asker): Promise<QueryAnswer>;
  /** Autocomplete: names of people (history and watchlist) or companies that contain the typed text. */
  suggest(field: 'person' | 'company', typed: string): Promise<string[]>;
}

export type { Log as DiscordLog } from '../../core/queries.ts';
