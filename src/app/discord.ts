import { fold, MAX_DAYS } from '../commands/history.ts';
import {
  answerRequest,
  type ExitsAnswer,
  type ExitsRequest,
  MAX_ARG_LENGTH,
  type QueryContext,
  suggestNames,
  type WatchTarget,
} from '../commands/query.ts';
import { ExitsError } from '../core/errors.ts';
import {
  buildExitsCommand,
  connectGateway,
  createInteractionHandler,
  createRest,
  type DiscordConnection,
  type DiscordQueries,
  discordNotifier,
  type Registration,
  registerCommands,
} from '../notify/discord/index.ts';
import type { Asker, ExitsQuery, ExitsReply } from '../notify/discord/index.ts';
import type { ChatAdapter, ChatAdapterOptions } from './chat.ts';
import type { Config, Env } from './config.ts';
import type { Logger } from './logger.ts';

/** The Discord variables; DISCORD_GUILD_ID is optional (register in one server instead of globally). */
export type DiscordEnv = Pick<Env, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_API_URL' | 'DISCORD_GUILD_ID' | 'EXITS_DISCORD_NONCE_WINDOW_MS'>;

function connection(env: DiscordEnv, timeoutMs?: number): DiscordConnection {
  if (!env.DISCORD_TOKEN) {
    throw new ExitsError('BAD_ENV', 'DISCORD_TOKEN is not set: copy the bot token from the Developer Portal');
  }
  return { token: env.DISCORD_TOKEN, api: env.DISCORD_API_URL, ...(timeoutMs ? { timeoutMs } : {}) };
}

/** The /exits command definitions, with the same limits the queries enforce. */
export function discordCommands() {
  return [buildExitsCommand({ maxDays: MAX_DAYS, maxArgLength: MAX_ARG_LENGTH })];
}

/** Companies in the history (left or joined) whose name contains the typed text. */
export async function suggestCompanies(ctx: QueryContext, typed: string, limit = 25): Promise<string[]> {
  const q = fold(typed);
  const names = new Set<string>();
  await ctx.store.listEvents(undefined, (e) => {
    for (const org of [e.org, e.destination]) if (org && fold(org).includes(q)) names.add(org);
    return false;
  });
  return [...names].sort((a, b) => a.localeCompare(b)).slice(0, limit);
}

/** Said under a watchlist of a channel that is not in the config: the pipeline posts nothing there. */
export const NOT_CONFIGURED_NOTE = 'note: this channel is not in discord.channels of the config, so it receives no cards';

/**
 * The channel a `/exits watch` is about: the channel it was typed in, with what the config says it
 * wants (nothing configured for a channel the config does not list). Changing it needs Manage Channels.
 */
export function discordWatchTarget(config: Pick<Config, 'discord'>, asker: Asker): WatchTarget & { known: boolean } {
  const entry = config.discord.channels.find((c) => c.id === asker.channel);
  const configured: WatchTarget['configured'] = {};
  if (entry?.people) configured.people = [...entry.people];
  if (entry?.companies) configured.companies = [...entry.companies];
  return {
    platform: 'discord',
    channel: asker.channel ?? '',
    configured,
    mayEdit: asker.manageChannels,
    known: entry !== undefined,
  };
}

/** The platform-neutral request of a Discord query; watch requests get their channel here. */
function requestOf(query: ExitsQuery, config: Pick<Config, 'discord'>, asker: Asker): ExitsRequest {
  if (query.sub === 'feeds') return { ...query, asker: { id: `discord:${asker.user}`, mayEdit: asker.manageGuild } };
  if (query.sub !== 'watch') return query;
  const { known: _known, ...channel } = discordWatchTarget(config, asker);
  return { ...query, channel };
}

/** The platform-neutral /exits queries, in the shape src/notify/discord expects. */
export function discordQueries(ctx: QueryContext, config: Pick<Config, 'discord'> = { discord: { channels: [] } }): DiscordQueries {
  return {
    async answer(query, asker): Promise<ExitsReply> {
      if (query.sub === 'watch' && !asker.channel) return { ok: false, error: 'use /exits watch in a channel' };
      const answer: ExitsAnswer = await answerRequest(requestOf(query, config, asker), ctx);
      if (query.sub === 'watch' && answer.ok && answer.events === undefined && !discordWatchTarget(config, asker).known) {
        return { ...answer, lines: [...answer.lines, NOT_CONFIGURED_NOTE] };
      }
      return answer;
    },
    suggest: (field, typed) => (field === 'person' ? suggestNames(ctx, typed) : suggestCompanies(ctx, typed)),
  };
}

/**
 * Registers /exits with Discord (the `exits commands register` command): in the server
 * DISCORD_GUILD_ID when set (immediate), else globally.
 */
export async function registerDiscordCommands(opts: { env: DiscordEnv; log: Logger }): Promise<Registration> {
  const { env, log } = opts;
  const conn = connection(env);
  if (!env.DISCORD_APPLICATION_ID) {
    throw new ExitsError(
      'BAD_ENV',
      'DISCORD_APPLICATION_ID is not set: copy the Application ID from the Developer Portal',
    );
  }
  const rest = createRest(conn);
  try {
    const done = await registerCommands(rest, env.DISCORD_APPLICATION_ID, discordCommands(), env.DISCORD_GUILD_ID);
    log.info(
      { scope: done.scope, guild: done.guildId, commands: done.commands },
      done.scope === 'guild'
        ? `registered /${done.commands.join(', /')} in server ${done.guildId}`
        : `registered /${done.commands.join(', /')} globally (servers may take a while to show it)`,
    );
    return done;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/**
 * Discord as a chat adapter. Cards go over REST to the channels the pipeline picks, so `exits once`
 * (interactive: false) never opens a gateway connection; `exits run` (interactive: true) also logs
 * the bot in and answers /exits.
 */
export async function createDiscordAdapter(
  opts: ChatAdapterOptions & { deferAfterMs?: number; timeoutMs?: number },
): Promise<ChatAdapter> {
  const { config, env, query } = opts;
  const log = opts.log.child({ module: 'discord' });
  const conn = connection(env, opts.timeoutMs ?? env.EXITS_CHAT_TIMEOUT_MS);
  if (config.discord.channels.length === 0) {
    log.warn({}, 'DISCORD_TOKEN is set but the config lists no discord.channels: no cards will be posted to Discord');
  }
  const rest = createRest(conn);
  const notifier = discordNotifier({ rest, log, nonceWindowMs: env.EXITS_DISCORD_NONCE_WINDOW_MS });
  let client: Awaited<ReturnType<typeof connectGateway>> | null = null;

  return {
    notifier,
    async start({ interactive }) {
      if (!interactive || client) return;
      const onInteraction = createInteractionHandler({
        queries: discordQueries(query, config),
        log,
        deferAfterMs: opts.deferAfterMs,
      });
      client = await connectGateway({ connection: conn, log, onInteraction });
    },
    async close() {
      const c = client;
      client = null;
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      if (c) await c.destroy();
    },
  };
}
