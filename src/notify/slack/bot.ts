import type { AddressInfo } from 'node:net';
import { App, type Logger, SocketModeReceiver, webApi } from '@slack/bolt';
import { ExitsError } from '../../core/errors.ts';
import type { Notifier } from '../../core/ports.ts';
import { registerExitsCommand } from './handlers.ts';
import { slackLogger } from './log.ts';
import { type RetryPolicy, slackNotifier, slackReason } from './post.ts';
import type { AskFn, SlackLog } from './types.ts';

export type SlackMode =
  | { kind: 'socket'; appToken: string }
  | { kind: 'http'; signingSecret: string; port: number; host?: string };

export interface SlackBotOptions {
  botToken: string;
  /** Web API base, e.g. "http://127.0.0.1:PORT/api/" (default https://slack.com/api/). */
  apiUrl?: string;
  /** Alert channel ids of the config (cards go where the pipeline says; none configured is warned about). */
  channels?: string[];
  ask: AskFn;
  log: SlackLog;
  helpText?: string;
  /** How /exits is reached when interactive; null when neither an app token nor a signing secret is set. */
  mode: SlackMode | null;
  /** Retries of chat.postMessage on 429 and 5xx. */
  retry?: Partial<RetryPolicy>;
  /** Retries of auth.test and apps.connections.open on transient failures (default 5). */
  connectRetries?: number;
  /** Per-request timeout of Web API calls (default 15 s). */
  timeoutMs?: number;
}

export interface SlackBot {
  readonly notifier: Notifier;
  /** Checks the token; when interactive, also connects (Socket Mode) or listens (HTTP) for /exits. */
  start(opts: { interactive: boolean }): Promise<void>;
  close(): Promise<void>;
  /** The port the HTTP receiver listens on, once started in HTTP mode. */
  readonly port: number | undefined;
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

function startError(err: unknown, variable: string, apiUrl: string): ExitsError {
  const reason = slackReason(err);
  if (AUTH_ERRORS.has(reason)) {
    return new ExitsError(
      'SLACK_AUTH',
      `Slack refused ${variable} (${reason}): copy it again from your app's settings at https://api.slack.com/apps`,
      { cause: err },
    );
  }
  return new ExitsError('SLACK_UNAVAILABLE', `could not reach Slack at ${apiUrl}: ${reason}`, { cause: err });
}

/**
 * The Socket Mode client's logger: its "WebSocket error" lines (an empty message, logged as errors when a
 * connection breaks, which it then repairs) and its failed apps.connections.open go to debug;
 * watchSocket() and keepReconnecting() say what happened instead, once per outage.
 */
function socketLogger(logger: Logger): Logger {
  const QUIET = ['WebSocket error', 'Failed to retrieve a new WSS URL'];
  const quiet = (msg: unknown[]) => typeof msg[0] === 'string' && QUIET.some((q) => (msg[0] as string).startsWith(q));
  return {
    ...logger,
    error: (...msg: unknown[]) => (quiet(msg) ? logger.debug(...msg) : logger.error(...msg)),
  };
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Logs Socket Mode outages, which the client repairs by itself (apps.connections.open, a new socket):
 * one warning when the connection drops, one line when it is back. A reconnect Slack asks for (it
 * recycles its servers every few hours) is routine and said at info level.
 */
function watchSocket(client: SocketModeReceiver['client'], log: SlackLog, live: () => boolean): void {
  let asked: string | null = null;
  let downSince: number | null = null;
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (isBinary || typeof data !== 'string' || !data.includes('"disconnect"')) return;
    try {
      const message = JSON.parse(data) as { type?: string; reason?: string };
      if (message.type === 'disconnect') asked = message.reason ?? 'no reason given';
    } catch {
      // not JSON: the client ignores it too
    }
  });
  client.on('close', () => {
    if (!live() || downSince !== null) return;
    downSince = Date.now();
    if (asked) {
      log.info({ reason: asked }, `slack: Slack asked to reconnect the Socket Mode connection (${asked}), reconnecting`);
    } else {
      log.warn({}, 'slack: Socket Mode connection lost, reconnecting: /exits is not answered meanwhile, cards still go out');
    }
    asked = null;
  });
  client.on('connected', () => {
    if (downSince === null) return;
    const downMs = Date.now() - downSince;
    downSince = null;
    log.info({ downMs }, `slack: Socket Mode reconnected after ${Math.round(downMs / 100) / 10} s: /exits is live again`);
  });
}

/** Longest pause between two reconnection attempts of Socket Mode once the client's own retries gave up. */
const RECONNECT_MAX_WAIT_MS = 60_000;

/**
 * When the socket drops, the Socket Mode client calls its start() again (apps.connections.open, then a
 * new socket). If that call fails past its retries (Slack down for half a minute, or an error it deems
 * unrecoverable), the rejection is not caught anywhere and would end the whole process, Discord and
 * polling included. After the first connection, start() is wrapped so that it keeps trying instead,
 * with a growing pause, until it connects or the bot stops; a refused app token is reported and not
 * tried again.
 */
function keepReconnecting(client: SocketModeReceiver['client'], log: SlackLog, live: () => boolean): void {
  const start = client.start.bind(client);
  const idle = { ok: false } as webApi.AppsConnectionsOpenResponse;
  client.start = async () => {
    for (let attempt = 1; live(); attempt++) {
      try {
        return await start();
      } catch (err) {
        if (!live()) break;
        const reason = slackReason(err);
        if (AUTH_ERRORS.has(reason)) {
          log.error(
            { reason },
            `slack: Slack refused SLACK_APP_TOKEN (${reason}) while reconnecting Socket Mode: /exits is off until exits restarts with a valid token`,
          );
          break;
        }
        const waitMs = Math.min(RECONNECT_MAX_WAIT_MS, 5000 * attempt);
        if (attempt === 1) {
          log.error(
            { reason, waitMs },
            `slack: Socket Mode cannot reconnect (${reason}): trying again, at least once a minute; /exits is not answered meanwhile`,
          );
        } else {
          log.debug({ reason, attempt, waitMs }, 'slack: Socket Mode still cannot reconnect');
        }
        await new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref());
      }
    }
    return idle;
  };
}

/** A Slack bot: a Web API client that posts alert cards, and on demand a Bolt app answering /exits. */
export function createSlackBot(opts: SlackBotOptions): SlackBot {
  if (opts.botToken.startsWith('xapp-')) {
    throw new ExitsError(
      'BAD_ENV',
      'SLACK_BOT_TOKEN holds an app-level token (xapp-…): use the Bot User OAuth Token (xoxb-…)',
    );
  }
  if (opts.mode?.kind === 'socket' && !opts.mode.appToken.startsWith('xapp-')) {
    throw new ExitsError(
      'BAD_ENV',
      'SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope',
    );
  }
  // The client appends the method name to the base as is: make sure it ends with a slash.
  const apiUrl = (opts.apiUrl ?? 'https://slack.com/api/').replace(/\/*$/, '/');
  const logger = slackLogger(opts.log);
  const connectRetry = { retries: opts.connectRetries ?? 5, factor: 2, minTimeout: 1000, maxTimeout: 30_000 };
  const baseClientOptions = { slackApiUrl: apiUrl, logger, timeout: opts.timeoutMs ?? 15_000 };
  // Posting client: no library retries and 429s rejected, so our retries decide and never post twice.
  const client = new webApi.WebClient(opts.botToken, {
    ...baseClientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const notifier = slackNotifier({ client, log: opts.log, retry: opts.retry });
  if (opts.channels?.length === 0) opts.log.warn({}, 'no slack.channels in the config: alerts will not go to Slack');

  let app: App | undefined;
  let receiver: SocketModeReceiver | undefined;
  let port: number | undefined;
  let started = false;

  async function startInteractive(mode: SlackMode): Promise<void> {
    const clientOptions = { ...baseClientOptions, retryConfig: connectRetry };
    if (mode.kind === 'socket') {
      receiver = new SocketModeReceiver({
        appToken: mode.appToken,
        logger: socketLogger(logger),
        installerOptions: { clientOptions: { ...clientOptions } },
      });
      app = new App({
        token: opts.botToken,
        receiver,
        socketMode: true,
        deferInitialization: true,
        logger,
        clientOptions,
      });
    } else {
      app = new App({
        token: opts.botToken,
        signingSecret: mode.signingSecret,
        deferInitialization: true,
        logger,
        clientOptions,
      });
    }
    app.error(async (err) => {
      opts.log.error({ code: err.code }, `slack app error: ${err.message}`);
    });
    registerExitsCommand(app, { ask: opts.ask, log: opts.log, helpText: opts.helpText });
    try {
      // auth.test runs here, where its failure can be caught, instead of in the constructor.
      await app.init();
    } catch (err) {
      throw startError(err, 'SLACK_BOT_TOKEN', apiUrl);
    }
    if (mode.kind === 'socket') {
      try {
        await app.start();
      } catch (err) {
        await receiver?.client.disconnect().catch(() => undefined);
        throw startError(err, 'SLACK_APP_TOKEN', apiUrl);
      }
      started = true;
      if (receiver) {
        watchSocket(receiver.client, opts.log, () => started);
        keepReconnecting(receiver.client, opts.log, () => started);
      }
      opts.log.info({ mode: 'socket' }, 'slack: connected in Socket Mode, /exits is live');
      return;
    }
    try {
      const server = (await app.start({ port: mode.port, host: mode.host })) as {
        address(): AddressInfo | string | null;
      };
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : mode.port;
    } catch (err) {
      throw new ExitsError('SLACK_LISTEN', `slack: cannot listen on port ${mode.port}: ${slackReason(err)}`, {
        cause: err,
      });
    }
    started = true;
    opts.log.info({ mode: 'http', port }, `slack: listening for /exits on port ${port} (path /slack/events)`);
  }

  return {
    notifier,
    get port() {
      return port;
    },
    async start({ interactive }) {
      if (!interactive) {
        try {
          const who = await client.auth.test();
          opts.log.debug({ team: who.team, user: who.user }, 'slack token accepted');
        } catch (err) {
          throw startError(err, 'SLACK_BOT_TOKEN', apiUrl);
        }
        return;
      }
      if (!opts.mode) {
        throw new ExitsError(
          'BAD_ENV',
          'slack /exits needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET and SLACK_PORT (HTTP mode)',
        );
      }
      if (app) throw new ExitsError('SLACK_STATE', 'the slack bot was already started');
      try {
        await startInteractive(opts.mode);
      } catch (err) {
        app = undefined;
        receiver = undefined;
        throw err;
      }
    },
    async close() {
      const current = app;
      app = undefined;
      if (!current || !started) return;
      started = false;
      try {
        if (receiver) await withTimeout(receiver.client.disconnect(), 5000);
        else await current.stop();
      } catch (err) {
        opts.log.warn({}, `slack: stopping: ${slackReason(err)}`);
      }
    },
  };
}
