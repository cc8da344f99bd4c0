import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST, type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord.js';
import { ExitsError, errorMessage } from '../../core/errors.ts';
import type { Notifier } from '../../core/ports.ts';
import type { EventRecord } from '../../core/types.ts';
import { eventEmbed } from './embed.ts';
import type { DiscordLog } from './types.ts';

/** Statuses by which Discord refuses a channel for good: no access (403) or no such channel (404). */
const REFUSALS = new Set([403, 404]);

export interface DiscordNotifierOptions {
  /** A REST client with the bot token set (its own retry and rate-limit handling does 429 and 5xx). */
  rest: REST;
  /** Channel ids that receive every card. */
  channels: string[];
  log: DiscordLog;
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

function refusal(err: unknown): { status: number; code: number | string; reason: string } | null {
  if (err instanceof DiscordAPIError && REFUSALS.has(err.status)) {
    return { status: err.status, code: err.code, reason: err.message };
  }
  return null;
}

/**
 * Posts each card to every configured channel, in parallel.
 * - A channel that refuses for good (403 Missing Access/Permissions, 404 Unknown Channel) is logged
 *   once, when it starts refusing, and again only after it has accepted a card in between. It is still
 *   tried on each alert, so granting the permission is enough to repair it.
 * - The other channels get their card whatever one channel does.
 * - send() throws only when no channel received the card and at least one failure could be temporary
 *   (rate limit or 5xx still failing after retries, timeout, network): the caller logs it. Refusals alone
 *   do not throw, so a channel the bot cannot see does not log an error on every alert.
 */
export function discordNotifier(opts: DiscordNotifierOptions): Notifier {
  const { rest, channels, log } = opts;
  const refused = new Set<string>();

  async function post(e: EventRecord, channelId: string): Promise<'sent' | 'refused'> {
    try {
      await rest.post(Routes.channelMessages(channelId), { body: alertMessage(e, channelId) });
    } catch (err) {
      const r = refusal(err);
      if (!r) throw err;
      if (!refused.has(channelId)) {
        refused.add(channelId);
        log.warn(
          { channel: channelId, status: r.status, code: r.code },
          `Discord channel ${channelId} refuses cards: ${r.reason} (${r.status}, code ${r.code}); ` +
            'check that the bot is in the server and has View Channel, Send Messages and Embed Links there',
        );
      }
      return 'refused';
    }
    if (refused.delete(channelId)) log.info({ channel: channelId }, `Discord channel ${channelId} accepts cards again`);
    return 'sent';
  }

  return {
    name: 'discord',
    async send(e) {
      if (channels.length === 0) return;
      const results = await Promise.allSettled(channels.map((id) => post(e, id)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ channel: channels[i] as string, message: errorMessage(r.reason) }] : [],
      );
      if (failed.length === 0) return;
      const delivered = results.some((r) => r.status === 'fulfilled' && r.value === 'sent');
      if (!delivered) {
        const detail = failed.map((f) => `${f.channel}: ${f.message}`).join('; ');
        throw new ExitsError('CHAT_UNDELIVERED', `no Discord channel received the card (${detail})`);
      }
      for (const f of failed) {
        log.error(
          { channel: f.channel, event: e.key },
          `Discord channel ${f.channel} did not get "${e.title}": ${f.message}`,
        );
      }
    },
  };
}
