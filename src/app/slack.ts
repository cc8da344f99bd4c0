import { answerRequest, type ExitsAnswer, type ExitsRequest, HELP_TEXT, type WatchTarget } from '../commands/query.ts';
import { ExitsError } from '../core/errors.ts';
import { createSlackBot, type SlackBotOptions, type SlackMode } from '../notify/slack/bot.ts';
import type { Asker, AskFn, QueryRequest } from '../notify/slack/types.ts';
import type { ChatAdapter, ChatAdapterOptions } from './chat.ts';
import type { Config, Env } from './config.ts';

/** Where listeners bind unless told otherwise: a reverse proxy in front, or SLACK_HOST / HEALTH_HOST. */
export const LOOPBACK = '127.0.0.1';

/** Default port of HTTP mode when SLACK_SIGNING_SECRET is set without SLACK_PORT. */
export const DEFAULT_SLACK_PORT = 3000;

/** Socket Mode when an app token is set (no public URL needed), else HTTP mode when a signing secret is. */
export function slackMode(env: Env): SlackMode | null {
  if (env.SLACK_APP_TOKEN) return { kind: 'socket', appToken: env.SLACK_APP_TOKEN };
  if (env.SLACK_SIGNING_SECRET) {
    const port = env.SLACK_PORT ?? DEFAULT_SLACK_PORT;
    return { kind: 'http', signingSecret: env.SLACK_SIGNING_SECRET, port, host: env.SLACK_HOST ?? LOOPBACK };
  }
  return null;
}

/** Said under a watchlist of a channel that is not in the config: the pipeline posts nothing there. */
export const NOT_CONFIGURED_NOTE = 'note: this channel is not in slack.channels of the config, so it receives no cards';

/**
 * The channel a `/exits watch` is about: the channel it was typed in, with what the config says it
 * wants (nothing configured for a channel the config does not list). Only config.slack.admins may change it.
 */
export function slackWatchTarget(config: Pick<Config, 'slack'>, asker: Asker): WatchTarget & { known: boolean } {
  const entry = config.slack.channels.find((c) => c.id === asker.channel);
  const configured: WatchTarget['configured'] = {};
  if (entry?.people) configured.people = [...entry.people];
  if (entry?.companies) configured.companies = [...entry.companies];
  return {
    platform: 'slack',
    channel: asker.channel,
    configured,
    mayEdit: config.slack.admins.includes(asker.user),
    known: entry !== undefined,
  };
}

function requestOf(req: QueryRequest, config: Pick<Config, 'slack'>, asker: Asker): ExitsRequest {
  if (req.sub === 'feeds') return { ...req, asker: { id: `slack:${asker.user}`, mayEdit: config.slack.admins.includes(asker.user) } };
  if (req.sub !== 'watch') return req;
  const { known: _known, ...channel } = slackWatchTarget(config, asker);
  return { ...req, channel };
}

/** The platform-neutral /exits queries, as the Slack bot asks them. */
export function slackAsk(query: ChatAdapterOptions['query'], config: Pick<Config, 'slack'>): AskFn {
  return async (req, asker) => {
    if (req.sub === 'watch' && !asker.channel) return { ok: false, error: 'use /exits watch in a channel' };
    const answer: ExitsAnswer = await answerRequest(requestOf(req, config, asker), query);
    if (req.sub === 'watch' && answer.ok && answer.events === undefined && !slackWatchTarget(config, asker).known) {
      return { ...answer, lines: [...answer.lines, NOT_CONFIGURED_NOTE] };
    }
    return answer;
  };
}

/**
 * Slack for the app: cards to the channels the pipeline picks (config.slack.channels) through the Web
 * API, and /exits answered from the history. `tuning` is for tests (retry delays, connect retries, a port of 0).
 */
export async function createSlackAdapter(
  opts: ChatAdapterOptions,
  tuning: Partial<Pick<SlackBotOptions, 'retry' | 'connectRetries' | 'timeoutMs' | 'mode'>> = {},
): Promise<ChatAdapter & { readonly port: number | undefined }> {
  const { config, env, query, log } = opts;
  if (!env.SLACK_BOT_TOKEN) throw new ExitsError('BAD_ENV', 'SLACK_BOT_TOKEN is not set');
  const timeoutMs = tuning.timeoutMs ?? env.EXITS_CHAT_TIMEOUT_MS;
  const maxWaitMs = env.EXITS_SLACK_MAX_WAIT_MS;
  const bot = createSlackBot({
    botToken: env.SLACK_BOT_TOKEN,
    apiUrl: env.SLACK_API_URL,
    channels: config.slack.channels.map((c) => c.id),
    ask: slackAsk(query, config),
    helpText: HELP_TEXT,
    log: log.child({ module: 'slack' }),
    mode: slackMode(env),
    ...tuning,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(maxWaitMs !== undefined ? { retry: { ...tuning.retry, maxWaitMs } } : {}),
  });
  return {
    notifier: bot.notifier,
    get port() {
      return bot.port;
    },
    start: (o) => bot.start(o),
    close: () => bot.close(),
  };
}
