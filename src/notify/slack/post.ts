import type { webApi } from '@slack/bolt';
import { ExitsError, errorMessage } from '../../core/errors.ts';
import type { Notifier } from '../../core/ports.ts';
import { alertMessage } from './blocks.ts';
import type { SlackLog, SlackMessage } from './types.ts';

type WebClient = webApi.WebClient;

export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  retries: number;
  /** First backoff after a 5xx; doubles each time (default 1000 ms). */
  baseDelayMs: number;
  /** Longest wait honoured for a Retry-After or a backoff (default 60 s); a longer one gives up. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 1000, maxWaitMs: 60_000 };

/** Errors that say this channel cannot take posts until someone fixes the config or invites the bot. */
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);

/** Connection errors raised before anything was sent: retrying cannot post twice. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  original?: { cause?: { code?: string }; code?: string };
}

/** The Slack reason of a Web API failure: "channel_not_found", "http_500", "rate_limited", ... */
export function slackReason(err: unknown): string {
  const e = (err ?? {}) as SlackErrorShape;
  switch (e.code) {
    case 'slack_webapi_platform_error':
      return e.data?.error ?? 'platform_error';
    case 'slack_webapi_rate_limited_error':
      return 'rate_limited';
    case 'slack_webapi_http_error':
      return `http_${e.statusCode}`;
    case 'slack_webapi_request_error':
      return e.original?.cause?.code ?? e.original?.code ?? 'request_error';
    default:
      return errorMessage(err);
  }
}

/**
 * How long to wait before retrying, or null when a retry could post the message twice or cannot help.
 * Slack does not process a request it answers with 429 or 5xx, so those are safe to send again;
 * a timeout or a connection cut mid-request is not (the message may have been posted).
 */
export function retryDelay(err: unknown, attempt: number, policy: RetryPolicy): number | null {
  const e = (err ?? {}) as SlackErrorShape;
  let wait: number | null = null;
  if (e.code === 'slack_webapi_rate_limited_error') wait = Math.max(0, (e.retryAfter ?? 1) * 1000);
  else if (e.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500) wait = policy.baseDelayMs * 2 ** attempt;
  else if (e.code === 'slack_webapi_request_error' && NOT_SENT.has(slackReason(err))) {
    wait = policy.baseDelayMs * 2 ** attempt;
  }
  if (wait === null || wait > policy.maxWaitMs) return null;
  return wait;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * chat.postMessage with our own retries: the client must be built with `retryConfig: { retries: 0 }`
 * and `rejectRateLimitedCalls: true`, so every attempt is visible here and none is repeated blindly.
 */
export async function postWithRetry(
  client: WebClient,
  channel: string,
  message: SlackMessage,
  policy: RetryPolicy,
  log: SlackLog,
): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        link_names: false,
        parse: 'none',
      });
      return res.ts;
    } catch (err) {
      const wait = attempt < policy.retries ? retryDelay(err, attempt, policy) : null;
      if (wait === null) throw err;
      log.warn({ channel, reason: slackReason(err), attempt: attempt + 1, waitMs: wait }, 'slack post retried');
      await sleep(wait);
    }
  }
}

export interface SlackNotifierOptions {
  client: WebClient;
  channels: string[];
  log: SlackLog;
  retry?: Partial<RetryPolicy>;
}

/**
 * Posts each alert card to every channel. A channel that Slack refuses for good (unknown, bot not
 * invited, archived) is logged once per reason and skipped without failing the others; any other
 * failure is reported after all channels were tried.
 */
export function slackNotifier(opts: SlackNotifierOptions): Notifier {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const refused = new Map<string, string>();
  return {
    name: 'slack',
    async send(event) {
      const message = alertMessage(event);
      const failures: string[] = [];
      for (const channel of opts.channels) {
        try {
          const ts = await postWithRetry(opts.client, channel, message, policy, opts.log);
          if (refused.delete(channel)) opts.log.info({ channel }, `slack channel ${channel} takes posts again`);
          opts.log.debug({ channel, ts, event: event.key }, 'slack card posted');
        } catch (err) {
          const reason = slackReason(err);
          if (CHANNEL_ERRORS.has(reason)) {
            if (refused.get(channel) !== reason) {
              refused.set(channel, reason);
              const hint = reason === 'not_in_channel' ? ': invite the bot with /invite @exits' : '';
              opts.log.error({ channel, reason }, `slack channel ${channel} refused the card (${reason})${hint}`);
            }
            continue;
          }
          failures.push(`${channel}: ${reason}`);
        }
      }
      if (failures.length > 0) {
        throw new ExitsError('SLACK_POST_FAILED', `could not post to ${failures.join(', ')}`);
      }
    },
  };
}
