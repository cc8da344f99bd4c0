import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  HTTPError,
  type REST,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  RESTEvents,
  Routes,
} from 'discord.js';
import { CardRefused, ExitsError, errorMessage, PartialDelivery } from '../../core/errors.ts';
import type { Notifier } from '../../core/ports.ts';
import type { EventRecord, PostRef } from '../../core/types.ts';
import { cleanText } from '../card.ts';
import { eventEmbed } from './embed.ts';
import { clip, escapeDiscord } from './escape.ts';
import type { DiscordLog } from './types.ts';

export const NOTIFIER_NAME = 'discord';

/** Statuses by which Discord refuses a channel for good: no access (403) or no such channel (404). */
const REFUSALS = new Set([403, 404]);
/** JSON error code of a message that was deleted (or never existed). */
const UNKNOWN_MESSAGE = 10008;
/** How many deleted cards are remembered (so they are not tried again). */
const MAX_GONE = 5000;

export interface DiscordNotifierOptions {
  /** A REST client with the bot token set (its own retry and rate-limit handling does 429 and 5xx). */
  rest: REST;
  log: DiscordLog;
  /** How long Discord keeps a nonce (a few minutes); a retry later than this looks for the card first. */
  nonceWindowMs?: number;
}

/** Discord documents the nonce check as lasting "a few minutes"; two is the safe side of that. */
const NONCE_WINDOW_MS = 2 * 60_000;
/** A card whose answer was lost is looked for in the channel's messages since its first try, read back in pages. */
const PAGE = 100;
const LOOK_PAGES = 10;
/** Margin for the clocks of this machine and Discord's. */
const CLOCK_MARGIN_MS = 60_000;

interface ListedMessage {
  id: string;
  timestamp?: string;
  embeds?: { footer?: { text?: string } }[];
}

/**
 * The nonce Discord deduplicates on when `enforce_nonce` is set: the same card to the same channel
 * within a few minutes returns the first message instead of posting a second one. That makes the
 * retries of a request that reached Discord but whose answer was lost (timeout, 5xx) safe.
 */
export function messageNonce(eventKey: string, channelId: string): string {
  return createHash('sha256').update(`${eventKey}\n${channelId}`).digest('base64url').slice(0, 25);
}

export function alertMessage(e: EventRecord, channelId: string): RESTPostAPIChannelMessageJSONBody {
  return {
    embeds: [eventEmbed(e)],
    allowed_mentions: { parse: [] },
    nonce: messageNonce(e.key, channelId),
    enforce_nonce: true,
  };
}

/** The body that edits a card in place: the event as it is now, still pinging no one. */
export function alertEdit(e: EventRecord): RESTPatchAPIChannelMessageJSONBody {
  return { embeds: [eventEmbed(e)], allowed_mentions: { parse: [] } };
}

/** Statuses by which Discord refuses the message itself (400 Invalid Form Body, 413 too large): resending cannot help. */
const BAD_BODY = new Set([400, 413]);

/** "50035 Invalid Form Body (embeds[0].url: Not a well formed URL.)" for a refused body, else null. */
function badBody(err: unknown): string | null {
  if (!(err instanceof DiscordAPIError) || !BAD_BODY.has(err.status)) return null;
  const [head, ...detail] = err.message.split('\n').map((l) => l.trim()).filter(Boolean);
  return `${err.code} ${head}${detail.length ? ` (${detail.join('; ').slice(0, 300)})` : ''}`;
}

function refusal(err: unknown): { status: number; code: number | string; reason: string } | null {
  if (err instanceof DiscordAPIError && REFUSALS.has(err.status)) {
    return { status: err.status, code: err.code, reason: err.message };
  }
  return null;
}

const refKey = (r: PostRef) => `${r.channel}/${r.id}`;

/**
 * A failure as the log should say it: a 5xx with its status ("503 Service Unavailable"), a timeout as
 * one (the REST client reports it as "This operation was aborted"), an API error with its code.
 */
function failureText(err: unknown, rest: REST): string {
  if (err instanceof HTTPError) return `${err.status} ${err.message}`;
  if (err instanceof DiscordAPIError) return `${err.message} (${err.status}, code ${err.code})`;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    const { timeout, retries } = rest.options;
    return `timed out: no answer within ${timeout / 1000} s, ${retries + 1} times`;
  }
  return errorMessage(err);
}

/**
 * Posts cards to the channels the pipeline picked, in parallel, and edits them in place later.
 * - A channel that refuses for good (403 Missing Access/Permissions, 404 Unknown Channel) is logged
 *   once, when it starts refusing, and again only after it has accepted a card in between. It is still
 *   tried on each alert, so granting the permission is enough to repair it.
 * - The other channels get their card whatever one channel does; send() returns a PostRef for each
 *   channel that got it.
 * - send() throws only when no channel received the card and at least one failure could be temporary
 *   (rate limit or 5xx still failing after retries, timeout, network): the caller logs it. Refusals alone
 *   do not throw, so a channel the bot cannot see does not log an error on every alert.
 * - update() edits each card (PATCH, idempotent, so 429 and 5xx retries are safe). A deleted card
 *   (404 Unknown Message) is logged once and never edited again; a refusing channel is logged as for
 *   posts. It throws only when an edit failed for a reason that may be temporary.
 */
export function discordNotifier(opts: DiscordNotifierOptions): Notifier {
  const { rest, log } = opts;
  // discord.js waits out a 429 by itself, silently: the log says why cards are held back.
  rest.on(RESTEvents.RateLimited, (info) => {
    const wait = Math.ceil(info.retryAfter / 100) / 10;
    log.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, `Discord rate limit on ${info.route}: cards wait ${wait} s`);
  });
  const refused = new Set<string>();
  const cannotLook = new Set<string>();
  /** When this process first tried each card (per channel): a retry past the nonce window looks first. */
  const firstTry = new Map<string, number>();
  const nonceWindowMs = opts.nonceWindowMs ?? NONCE_WINDOW_MS;
  const gone = new Set<string>();

  function refusedBy(channelId: string, err: unknown, what: 'cards' | 'edits'): boolean {
    const r = refusal(err);
    if (!r) return false;
    if (!refused.has(channelId)) {
      refused.add(channelId);
      log.warn(
        { channel: channelId, status: r.status, code: r.code },
        `Discord channel ${channelId} refuses ${what}: ${r.reason} (${r.status}, code ${r.code}); ` +
          'check that the bot is in the server and has View Channel, Send Messages and Embed Links there',
      );
    }
    return true;
  }

  function accepted(channelId: string): void {
    if (refused.delete(channelId)) log.info({ channel: channelId }, `Discord channel ${channelId} accepts cards again`);
  }

  /**
   * The card already in the channel (a send whose answer was lost, or posted before the store lost its
   * record): its footer ends with the event's id, or the id of a report merged into it since. The
   * channel is read back, newest first, to `since` (at most LOOK_PAGES pages).
   */
  async function findCard(e: EventRecord, channelId: string, since: number): Promise<PostRef | null> {
    const keys = new Set([e.key, ...e.reports.flatMap((r) => (r.change ? [r.change] : []))]);
    const ours = (m: ListedMessage) => m.embeds?.some((x) => keys.has(/id (\w+)$/.exec(x.footer?.text ?? '')?.[1] ?? ''));
    try {
      let before: string | undefined;
      for (let page = 0; page < LOOK_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(PAGE), ...(before ? { before } : {}) });
        const list = (await rest.get(Routes.channelMessages(channelId), { query })) as ListedMessage[];
        const mine = list.find(ours);
        if (mine) return { notifier: NOTIFIER_NAME, channel: channelId, id: mine.id };
        const last = list.at(-1);
        if (!last || list.length < PAGE || !(Date.parse(last.timestamp ?? '') >= since)) return null;
        before = last.id;
      }
      return null;
    } catch (err) {
      // Without Read Message History the card may appear twice; better twice than never.
      if (!cannotLook.has(channelId)) {
        cannotLook.add(channelId);
        log.warn({ channel: channelId }, `cannot read Discord channel ${channelId} to look for a card sent before (${errorMessage(err)}): posting it again`);
      }
      return null;
    }
  }

  /** `lookSince`: a card may be in the channel since then (ms): look for it before posting. */
  async function post(e: EventRecord, channelId: string, lookSince: number | null): Promise<PostRef | 'refused'> {
    if (lookSince !== null) {
      const found = await findCard(e, channelId, lookSince - CLOCK_MARGIN_MS);
      if (found) {
        log.info({ channel: channelId, event: e.key }, `Discord card for ${e.key} found in channel ${channelId}: not posted again`);
        return found;
      }
    }
    let created: { id: string };
    try {
      created = (await rest.post(Routes.channelMessages(channelId), { body: alertMessage(e, channelId) })) as {
        id: string;
      };
    } catch (err) {
      if (refusedBy(channelId, err, 'cards')) return 'refused';
      throw err;
    }
    accepted(channelId);
    return { notifier: NOTIFIER_NAME, channel: channelId, id: created.id };
  }

  async function edit(e: EventRecord, ref: PostRef): Promise<'edited' | 'skipped'> {
    try {
      await rest.patch(Routes.channelMessage(ref.channel, ref.id), { body: alertEdit(e) });
    } catch (err) {
      if (err instanceof DiscordAPIError && err.code === UNKNOWN_MESSAGE) {
        gone.add(refKey(ref));
        if (gone.size > MAX_GONE) gone.delete(gone.values().next().value as string);
        log.warn(
          { channel: ref.channel, message: ref.id, event: e.key },
          `Discord card ${ref.id} in channel ${ref.channel} is gone (${err.message}): it will not be edited again`,
        );
        return 'skipped';
      }
      if (refusedBy(ref.channel, err, 'edits')) return 'skipped';
      throw err;
    }
    accepted(ref.channel);
    return 'edited';
  }

  return {
    name: NOTIFIER_NAME,
    async send(e, channels, earlierTry) {
      const targets = [...new Set(channels)];
      if (targets.length === 0) return [];
      const now = Date.now();
      const earlier = earlierTry === undefined ? Number.NaN : Date.parse(earlierTry);
      const lookSince = (id: string): number | null => {
        const first = firstTry.get(`${e.key}:${id}`);
        if (first === undefined) firstTry.set(`${e.key}:${id}`, now);
        // Tried by a process that died (or posted before the store lost its record), or by this one
        // longer ago than Discord keeps the nonce.
        if (!Number.isNaN(earlier)) return Math.min(earlier, first ?? now);
        return first !== undefined && now - first >= nonceWindowMs ? first : null;
      };
      const results = await Promise.allSettled(targets.map((id) => post(e, id, lookSince(id))));
      targets.forEach((id, i) => results[i]?.status === 'fulfilled' && firstTry.delete(`${e.key}:${id}`));
      const refs = results.flatMap((r) => (r.status === 'fulfilled' && r.value !== 'refused' ? [r.value] : []));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ channel: targets[i] as string, message: failureText(r.reason, rest) }] : [],
      );
      if (failed.length === 0) return refs;
      if (refs.length === 0) {
        const detail = failed.map((f) => `${f.channel}: ${f.message}`).join('; ');
        const bodies = results.map((r) => (r.status === 'rejected' ? badBody(r.reason) : null));
        if (bodies.every((b) => b !== null)) {
          throw new CardRefused(`Discord refused the card (${detail})`, [...new Set(bodies)].join('; '));
        }
        throw new ExitsError('CHAT_UNDELIVERED', `no Discord channel received the card (${detail})`);
      }
      // The others got it: the caller keeps those and tries these channels again at the next cycle.
      throw new PartialDelivery(refs, failed.map((f) => ({ channel: f.channel, reason: f.message })));
    },
    async notice(channelId, text) {
      await rest.post(Routes.channelMessages(channelId), {
        body: { content: clip(escapeDiscord(cleanText(text, 1900)), 2000), allowed_mentions: { parse: [] } },
      });
    },
    async update(e, refs) {
      const mine = refs.filter((r) => r.notifier === NOTIFIER_NAME && !gone.has(refKey(r)));
      const results = await Promise.allSettled(mine.map((r) => edit(e, r)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${refKey(mine[i] as PostRef)}: ${failureText(r.reason, rest)}`] : [],
      );
      if (failed.length > 0) {
        throw new ExitsError('CHAT_UPDATE_FAILED', `could not edit Discord cards (${failed.join('; ')})`);
      }
    },
  };
}
