import type { webApi } from '@slack/bolt';
import { CardRefused, ExitsError, errorMessage, PartialDelivery } from '../../core/errors.ts';
import type { Notifier } from '../../core/ports.ts';
import type { EventRecord, PostRef } from '../../core/types.ts';
import { cleanText } from '../card.ts';
import { alertMessage } from './blocks.ts';
import { escapeWithin } from './mrkdwn.ts';
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

/** Errors that say Slack refuses the message itself: sending it again cannot help. */
const MESSAGE_REFUSALS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'invalid_form_data',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'metadata_must_be_sent_from_app',
]);

/** Connection errors raised before anything was sent: retrying cannot post twice. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  original?: { cause?: { code?: string }; code?: string | number; name?: string };
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
      // A timeout (the client's `timeout`) is a DOMException whose numeric code says nothing.
      if (e.original?.name === 'TimeoutError') return 'timeout';
      return e.original?.cause?.code ?? (typeof e.original?.code === 'string' ? e.original.code : undefined) ?? 'request_error';
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

/** Every card carries its event key as message metadata, so a post whose answer was lost can be found. */
export const CARD_EVENT_TYPE = 'exits_alert';

interface CardMetadata {
  event_type: string;
  event_payload: { key: string };
}

/** A request that was sent but never answered (timeout, connection cut): Slack may have posted it. */
function unanswered(err: unknown): boolean {
  const e = (err ?? {}) as SlackErrorShape;
  return e.code === 'slack_webapi_request_error' && !NOT_SENT.has(slackReason(err));
}

/** A failure that says nothing about the request itself: rate limit, 5xx, no answer, no connection. */
function mayPass(err: unknown): boolean {
  const e = (err ?? {}) as SlackErrorShape;
  if (e.code === 'slack_webapi_rate_limited_error' || e.code === 'slack_webapi_request_error') return true;
  return e.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500;
}

/** The ts of a card for `key` posted in `channel` since `oldest` (epoch seconds), or null. */
/** The card of an event (its key, or that of a report merged into it since) posted since `oldest`. */
async function findCard(client: WebClient, channel: string, keys: ReadonlySet<string>, oldest: number): Promise<string | null> {
  const res = await client.conversations.history({ channel, oldest: String(oldest), limit: 200, include_all_metadata: true });
  const hit = res.messages?.find((m) => {
    const key = (m.metadata?.event_payload as { key?: unknown } | undefined)?.key;
    return m.metadata?.event_type === CARD_EVENT_TYPE && typeof key === 'string' && keys.has(key);
  });
  return hit?.ts ?? null;
}

/**
 * Runs one Web API call with our own retries: the client must be built with `retryConfig: { retries: 0 }`
 * and `rejectRateLimitedCalls: true`, so every attempt is visible here and none is repeated blindly.
 */
async function withRetry<T>(
  what: 'post' | 'update',
  channel: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  log: SlackLog,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = attempt < policy.retries ? retryDelay(err, attempt, policy) : null;
      if (wait === null) throw err;
      log.warn({ channel, reason: slackReason(err), attempt: attempt + 1, waitMs: wait }, `slack ${what} retried`);
      await sleep(wait);
    }
  }
}

/** chat.postMessage with retries that never post twice; resolves with the message's channel id and ts. */
export async function postWithRetry(
  client: WebClient,
  channel: string,
  message: { text: string; blocks?: SlackMessage['blocks']; metadata?: CardMetadata },
  policy: RetryPolicy,
  log: SlackLog,
): Promise<{ channel: string; ts: string | undefined }> {
  const res = await withRetry(
    'post',
    channel,
    () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        metadata: message.metadata,
        unfurl_links: false,
        unfurl_media: false,
        link_names: false,
        parse: 'none',
      }),
    policy,
    log,
  );
  return { channel: res.channel ?? channel, ts: res.ts };
}

/** chat.update of a posted message, with the same retries (an edit sent twice changes nothing). */
export async function updateWithRetry(
  client: WebClient,
  ref: { channel: string; ts: string },
  message: SlackMessage,
  policy: RetryPolicy,
  log: SlackLog,
): Promise<void> {
  await withRetry(
    'update',
    ref.channel,
    () =>
      client.chat.update({
        channel: ref.channel,
        ts: ref.ts,
        text: message.text,
        blocks: message.blocks,
        link_names: false,
        parse: 'none',
      }),
    policy,
    log,
  );
}

/** Errors that say one message can no longer be edited: deleted, too old, not the bot's. */
const MESSAGE_ERRORS = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

export const NOTIFIER_NAME = 'slack';
/** How many uneditable messages are remembered (so they are not tried again). */
const MAX_GONE = 5000;

export interface SlackNotifierOptions {
  client: WebClient;
  log: SlackLog;
  retry?: Partial<RetryPolicy>;
}

/**
 * Posts each alert card to the channels the pipeline picked, and edits the cards in place later.
 * A channel that Slack refuses for good (unknown, bot not invited, archived) is logged once per reason
 * and skipped without failing the others; so is a card that can no longer be edited (deleted). Other
 * failures are logged per channel; send() throws only when no channel got the card, update() when an
 * edit failed for a reason that may be temporary.
 */
export function slackNotifier(opts: SlackNotifierOptions): Notifier {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const refused = new Map<string, string>();
  const gone = new Set<string>();
  /**
   * Until when Slack asked not to post (or edit) in a channel again: a Retry-After longer than a cycle
   * waits is kept, and calls before then fail at once (the outbox keeps the card) instead of meeting
   * another 429. Per channel, as chat.postMessage's own limit is.
   */
  const pausedUntil = new Map<string, number>();
  const paused = (what: 'post' | 'update', channel: string): boolean => (pausedUntil.get(`${what} ${channel}`) ?? 0) > Date.now();
  function notePause(what: 'post' | 'update', channel: string, err: unknown): void {
    const e = (err ?? {}) as SlackErrorShape;
    if (e.code !== 'slack_webapi_rate_limited_error') return;
    pausedUntil.set(`${what} ${channel}`, Date.now() + (e.retryAfter ?? 1) * 1000);
    if (pausedUntil.size > MAX_GONE) pausedUntil.delete(pausedUntil.keys().next().value as string);
  }
  /** "channel key" → epoch seconds of a post that went unanswered: look for it before posting again. */
  const unsure = new Map<string, number>();
  let historyRefused = '';

  /**
   * A card for this event already in the channel from a post whose outcome is unknown (unanswered here,
   * or begun by a process that died), or null (post it).
   */
  async function postedEarlier(channel: string, event: EventRecord, earlierTry: string | undefined): Promise<PostRef | null> {
    const key = event.key;
    const tried = earlierTry === undefined ? Number.NaN : Math.floor(Date.parse(earlierTry) / 1000);
    const unanswered = unsure.get(`${channel} ${key}`);
    const since = Number.isNaN(tried) ? unanswered : Math.min(tried, unanswered ?? tried);
    if (since === undefined) return null;
    const keys = new Set([key, ...event.reports.flatMap((r) => (r.change ? [r.change] : []))]);
    try {
      // A minute of margin for the clocks of this machine and Slack's.
      const ts = await findCard(opts.client, channel, keys, since - 60);
      unsure.delete(`${channel} ${key}`);
      if (!ts) return null;
      opts.log.info({ channel, ts, event: key }, 'slack card found in the channel: its post had gone unanswered, not posted again');
      return { notifier: NOTIFIER_NAME, channel, id: ts };
    } catch (err) {
      // Slack busy or unreachable: keep the mark, and let the outbox try this channel again later.
      if (mayPass(err)) throw err;
      const reason = slackReason(err);
      if (reason !== historyRefused) {
        historyRefused = reason;
        opts.log.warn(
          { channel, reason },
          `slack cannot read ${channel}'s history (${reason}), so a card whose post went unanswered is posted again and may appear twice; give the bot channels:history (groups:history for private channels)`,
        );
      }
      unsure.delete(`${channel} ${key}`);
      return null;
    }
  }

  /** Logs a channel refusal once per reason; true when the error was one. */
  function refusedBy(channel: string, reason: string, what: string): boolean {
    if (!CHANNEL_ERRORS.has(reason)) return false;
    if (refused.get(channel) !== reason) {
      refused.set(channel, reason);
      const hint = reason === 'not_in_channel' ? ': invite the bot with /invite @exits' : '';
      opts.log.error({ channel, reason }, `slack channel ${channel} refused the ${what} (${reason})${hint}`);
    }
    return true;
  }

  function accepted(channel: string): void {
    if (refused.delete(channel)) opts.log.info({ channel }, `slack channel ${channel} takes posts again`);
  }

  return {
    name: NOTIFIER_NAME,
    async send(event, channels, earlierTry) {
      const message = { ...alertMessage(event), metadata: { event_type: CARD_EVENT_TYPE, event_payload: { key: event.key } } };
      const refs: PostRef[] = [];
      const failures: { channel: string; reason: string }[] = [];
      for (const channel of new Set(channels)) {
        if (paused('post', channel)) {
          failures.push({ channel, reason: 'rate_limited' });
          continue;
        }
        let sentAt = 0;
        try {
          const earlier = await postedEarlier(channel, event, earlierTry);
          if (earlier) {
            refs.push(earlier);
            continue;
          }
          sentAt = Math.floor(Date.now() / 1000);
          const posted = await postWithRetry(opts.client, channel, message, policy, opts.log);
          accepted(channel);
          opts.log.debug({ channel, ts: posted.ts, event: event.key }, 'slack card posted');
          // The id Slack answers with: chat.update needs it, not a #name.
          if (posted.ts) refs.push({ notifier: NOTIFIER_NAME, channel: posted.channel, id: posted.ts });
        } catch (err) {
          const reason = slackReason(err);
          notePause('post', channel, err);
          if (refusedBy(channel, reason, 'card')) continue;
          if (unanswered(err) && sentAt > 0) {
            unsure.set(`${channel} ${event.key}`, sentAt);
            if (unsure.size > MAX_GONE) unsure.delete(unsure.keys().next().value as string);
          }
          failures.push({ channel, reason });
        }
      }
      if (failures.length === 0) return refs;
      if (refs.length === 0 && failures.every((f) => MESSAGE_REFUSALS.has(f.reason))) {
        const reasons = [...new Set(failures.map((f) => f.reason))].join(', ');
        throw new CardRefused(`Slack refused the card (${failures.map((f) => `${f.channel}: ${f.reason}`).join(', ')})`, reasons);
      }
      // A Retry-After longer than this cycle waits goes with the error, so the outbox keeps it (also across restarts).
      const retryAfterMs = Math.max(0, ...failures.map((f) => (pausedUntil.get(`post ${f.channel}`) ?? 0) - Date.now()));
      const err =
        refs.length === 0
          ? new ExitsError('SLACK_POST_FAILED', `could not post to ${failures.map((f) => `${f.channel}: ${f.reason}`).join(', ')}`)
          : // The others got it: the caller keeps those and tries these channels again at the next cycle.
            new PartialDelivery(refs, failures);
      if (retryAfterMs > 0) err.retryAfterMs = retryAfterMs;
      throw err;
    },
    async notice(channel, text) {
      await postWithRetry(opts.client, channel, { text: escapeWithin(cleanText(text, 3000), 3000) }, policy, opts.log);
    },
    async update(event, refs) {
      const message = alertMessage(event);
      const failures: string[] = [];
      for (const ref of refs) {
        const key = `${ref.channel}/${ref.id}`;
        if (ref.notifier !== NOTIFIER_NAME || gone.has(key)) continue;
        if (paused('update', ref.channel)) {
          failures.push(`${key}: rate_limited`);
          continue;
        }
        try {
          await updateWithRetry(opts.client, { channel: ref.channel, ts: ref.id }, message, policy, opts.log);
          accepted(ref.channel);
          opts.log.debug({ channel: ref.channel, ts: ref.id, event: event.key }, 'slack card updated');
        } catch (err) {
          const reason = slackReason(err);
          notePause('update', ref.channel, err);
          if (MESSAGE_ERRORS.has(reason)) {
            gone.add(key);
            if (gone.size > MAX_GONE) gone.delete(gone.values().next().value as string);
            opts.log.warn(
              { channel: ref.channel, ts: ref.id, reason, event: event.key },
              `slack card ${ref.id} in ${ref.channel} cannot be edited (${reason}): it will not be tried again`,
            );
            continue;
          }
          if (refusedBy(ref.channel, reason, 'edit')) continue;
          failures.push(`${key}: ${reason}`);
        }
      }
      if (failures.length > 0) {
        throw new ExitsError('SLACK_UPDATE_FAILED', `could not edit ${failures.join(', ')}`);
      }
    },
  };
}
