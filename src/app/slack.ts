import { answerRequest, HELP_TEXT } from '../commands/query.ts';
import { ExitsError } from '../core/errors.ts';
import { createSlackBot, type SlackBotOptions, type SlackMode } from '../notify/slack/bot.ts';
import type { ChatAdapter, ChatAdapterOptions } from './chat.ts';
import type { Env } from './config.ts';

/** Default port of HTTP mode when SLACK_SIGNING_SECRET is set without SLACK_PORT. */
export const DEFAULT_SLACK_PORT = 3000;

/** Socket Mode when an app token is set (no public URL needed), else HTTP mode when a signing secret is. */
export function slackMode(env: Env): SlackMode | null {
  if (env.SLACK_APP_TOKEN) return { kind: 'socket', appToken: env.SLACK_APP_TOKEN };
  if (env.SLACK_SIGNING_SECRET) {
    return { kind: 'http', signingSecret: env.SLACK_SIGNING_SECRET, port: env.SLACK_PORT ?? DEFAULT_SLACK_PORT };
  }
  return null;
}

/**
 * Slack for the app: cards to config.slack.channels through the Web API, and /exits answered from
 * the history. `tuning` is for tests (retry delays, connect retries, a port of 0).
 */
export async function createSlackAdapter(
  opts: ChatAdapterOptions,
  tuning: Partial<Pick<SlackBotOptions, 'retry' | 'connectRetries' | 'timeoutMs' | 'mode'>> = {},
): Promise<ChatAdapter & { readonly port: number | undefined }> {
  const { config, env, query, log } = opts;
  if (!env.SLACK_BOT_TOKEN) throw new ExitsError('BAD_ENV', 'SLACK_BOT_TOKEN is not set');
  const bot = createSlackBot({
    botToken: env.SLACK_BOT_TOKEN,
    apiUrl: env.SLACK_API_URL,
    channels: config.slack.channels.map((c) => c.id),
    ask: (req) => answerRequest(req, query),
    helpText: HELP_TEXT,
    log: log.child({ module: 'slack' }),
    mode: slackMode(env),
    ...tuning,
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
