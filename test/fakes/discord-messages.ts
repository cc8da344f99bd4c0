/**
 * The fake Discord's channel messages: posting (with enforce_nonce, remembered only for a window, as
 * Discord keeps a nonce "a few minutes"), listing (newest first, `limit` and `before`), editing, and the
 * faults a channel can be told to answer with (429, 5xx, 403, 404, a hang; 5xx or a hang after creating).
 */
import type { ServerResponse } from 'node:http';
import { discordInvalidFormBody } from './chat-limits.ts';

export type Json = Record<string, unknown>;

export interface ChannelMessage {
  channelId: string;
  /** The JSON body exactly as discord.js sent it. */
  body: Json;
  id: string;
  /** When the fake created it (ms). */
  createdAt: number;
}

export interface MessageEdit {
  channelId: string;
  messageId: string;
  /** The PATCH body exactly as discord.js sent it. */
  body: Json;
}

export interface ChannelFault {
  /** 'hang' keeps the request waiting and never answers it (until close()): the client's timeout must fire. */
  status: 429 | 500 | 502 | 503 | 400 | 403 | 404 | 'hang';
  /** How many requests fail before the channel works again (default: all of them). */
  times?: number;
  /** Seconds, for 429 (default 0.05). */
  retryAfter?: number;
  /**
   * For 5xx and 'hang': create the message first (honouring enforce_nonce), then answer the error or
   * nothing (a lost response; a retry must not post twice).
   */
  afterCreate?: boolean;
  /** Only requests of this method fail (POST = new messages, PATCH = edits); default both. */
  method?: 'POST' | 'PATCH';
}

export const USER = { id: '800000000000000001', username: 'mira', discriminator: '0', global_name: 'Mira', avatar: null };
export const ALL_PERMISSIONS = '2251799813685247';
export const BOT = { id: '900000000000000001', username: 'exits', discriminator: '0', global_name: 'exits', avatar: null };

export const ERRORS = {
  /** What Discord answers a body it refuses (here: a rule the fake does not check itself). */
  400: discordInvalidFormBody([{ path: 'embeds.0.url', code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }]),
  401: { message: '401: Unauthorized', code: 0 },
  403: { message: 'Missing Permissions', code: 50013 },
  404: { message: 'Unknown Channel', code: 10003 },
  '404-message': { message: 'Unknown Message', code: 10008 },
  429: { message: 'You are being rate limited.', retry_after: 0.05, global: false, code: 0 },
  500: { message: '500: Internal Server Error', code: 0 },
  502: { message: '502: Bad Gateway', code: 0 },
  503: { message: '503: Service Unavailable', code: 0 },
};
const SERVER_ERRORS = new Set<number | string>([500, 502, 503]);

let snowflake = 1_000_000_000_000_000_000n;
export const nextId = () => String(++snowflake);

/** A message object as Discord returns it. */
export function messageJson(channelId: string, body: Json | null, id = nextId(), createdAt = Date.now()): Json {
  return {
    ...{ id, channel_id: channelId, type: 0, author: { ...BOT, bot: true }, content: body?.content ?? '' },
    ...{ embeds: body?.embeds ?? [], components: body?.components ?? [], attachments: [], mentions: [] },
    ...{ mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date(createdAt).toISOString() },
    ...{ edited_timestamp: null, flags: body?.flags ?? 0, ...(body?.nonce ? { nonce: body.nonce } : {}) },
  };
}

/** What the message routes need of the server around them. */
export interface Wire {
  send(res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>): void;
  fail(res: ServerResponse, error: keyof typeof ERRORS, headers?: Record<string, string>): number;
  hang(res: ServerResponse): number;
  changed(): void;
}

const rateLimited = (after: string, bucket: string) => ({
  ...{ 'retry-after': after, 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' },
  ...{ 'x-ratelimit-reset-after': after, 'x-ratelimit-bucket': bucket, 'x-ratelimit-scope': 'user' },
});
const fine = (bucket: string) => ({
  ...{ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1' },
  'x-ratelimit-bucket': bucket,
});

/**
 * The messages of the fake's channels. `nonceWindowMs` (default: for ever) is how long enforce_nonce
 * returns the first message for a repeated nonce; after it, the same nonce posts a second message.
 */
export function channelMessages(channels: string[], wire: Wire, nonceWindowMs = Number.POSITIVE_INFINITY) {
  const messages: ChannelMessage[] = [];
  const edits: MessageEdit[] = [];
  const deleted = new Set<string>();
  const faults = new Map<string, ChannelFault & { left: number }>();
  const nonces = new Map<string, ChannelMessage>();

  /** A fault that applies to this request (counted), or undefined. */
  function faultFor(channelId: string, method: 'POST' | 'PATCH') {
    const fault = faults.get(channelId);
    if (!fault || fault.left <= 0 || (fault.method && fault.method !== method)) return undefined;
    fault.left--;
    return fault;
  }

  /** POST /channels/:id/messages */
  function post(channelId: string, body: Json, res: ServerResponse): number {
    if (!channels.includes(channelId)) return wire.fail(res, 404);
    const fault = faultFor(channelId, 'POST');
    let failAfterCreate: number | 'hang' | null = null;
    if (fault) {
      if (fault.status === 429) return wire.fail(res, 429, rateLimited(String(fault.retryAfter ?? 0.05), `fake-${channelId}`));
      const lost = fault.status === 'hang' || SERVER_ERRORS.has(fault.status);
      if (!lost || !fault.afterCreate) return fault.status === 'hang' ? wire.hang(res) : wire.fail(res, fault.status);
      failAfterCreate = fault.status;
    }
    // enforce_nonce: the same nonce in the same channel, within the window, returns the first message.
    const nonceKey = body.enforce_nonce && body.nonce ? `${channelId}:${String(body.nonce)}` : null;
    const now = Date.now();
    const known = nonceKey ? nonces.get(nonceKey) : undefined;
    const existing = known && now - known.createdAt < nonceWindowMs ? known : undefined;
    const recorded = existing ?? { channelId, body, id: nextId(), createdAt: now };
    if (!existing) {
      messages.push(recorded);
      if (nonceKey) nonces.set(nonceKey, recorded);
      wire.changed();
    }
    if (failAfterCreate === 'hang') return wire.hang(res);
    if (failAfterCreate !== null) return wire.fail(res, failAfterCreate as keyof typeof ERRORS);
    wire.send(res, 200, messageJson(channelId, recorded.body, recorded.id, recorded.createdAt), fine(`fake-${channelId}`));
    return 200;
  }

  /** GET /channels/:id/messages: the latest first, `limit` 1-100 (default 50), those older than `before`. */
  function list(channelId: string, query: URLSearchParams, res: ServerResponse): number {
    if (!channels.includes(channelId)) return wire.fail(res, 404);
    const limit = Math.min(100, Number(query.get('limit') ?? 50));
    const before = query.get('before');
    const older = (m: ChannelMessage) => !before || BigInt(m.id) < BigInt(before);
    const found = messages.filter((m) => m.channelId === channelId && !deleted.has(m.id) && older(m)).slice(-limit).reverse();
    wire.send(res, 200, found.map((m) => messageJson(channelId, m.body, m.id, m.createdAt)));
    return 200;
  }

  /** PATCH /channels/:id/messages/:id: edits a message the bot posted, or 404 Unknown Message. */
  function edit(channelId: string, messageId: string, body: Json, res: ServerResponse): number {
    if (!channels.includes(channelId)) return wire.fail(res, 404);
    const fault = faultFor(channelId, 'PATCH');
    if (fault) {
      if (fault.status === 429) return wire.fail(res, 429, rateLimited(String(fault.retryAfter ?? 0.05), `fake-edit-${channelId}`));
      if (fault.status === 'hang') return wire.hang(res);
      if (!SERVER_ERRORS.has(fault.status) || !fault.afterCreate) return wire.fail(res, fault.status);
    }
    const original = messages.find((m) => m.channelId === channelId && m.id === messageId);
    if (!original || deleted.has(messageId)) return wire.fail(res, '404-message');
    edits.push({ channelId, messageId, body });
    wire.changed();
    wire.send(res, 200, messageJson(channelId, { ...original.body, ...body }, messageId, original.createdAt), fine(`fake-edit-${channelId}`));
    return 200;
  }

  return {
    messages,
    edits,
    post,
    list,
    edit,
    /** Forgets every nonce, as Discord does after its window. */
    forgetNonces: () => nonces.clear(),
    fault(channelId: string, fault: ChannelFault) {
      faults.set(channelId, { ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults: () => faults.clear(),
    deleteMessage: (messageId: string) => deleted.add(messageId),
  };
}
