/**
 * A fake Discord on 127.0.0.1 that speaks enough of the real REST API (v10) and gateway protocol for
 * discord.js to log in, post and edit messages, register commands and answer interactions. It records
 * what it receives and can be told to fail a channel with 429, 5xx, 403 or 404, to keep a request waiting
 * (hang), or to forget a message. The gateway answers IDENTIFY (READY) and RESUME (the missed events, then
 * RESUMED, or an invalid session); dropGateway() closes every gateway socket and setGatewayDown() refuses
 * new ones, as an outage would.
 */
import { discordInvalidFormBody, discordMessageProblems, type Problem } from './chat-limits.ts';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  body: unknown;
}

export interface ChannelMessage {
  channelId: string;
  /** The JSON body exactly as discord.js sent it. */
  body: Json;
  id: string;
}

export interface MessageEdit {
  channelId: string;
  messageId: string;
  /** The PATCH body exactly as discord.js sent it. */
  body: Json;
}

export interface InteractionCallback {
  interactionId: string;
  token: string;
  body: Json;
  contentType: string | undefined;
}

export interface WebhookCall {
  method: 'POST' | 'PATCH' | 'DELETE';
  token: string;
  /** '@original' for edits and deletes of the first response, null for follow-ups. */
  messageId: string | null;
  body: Json | null;
}

export interface CommandRegistration {
  applicationId: string;
  guildId: string | null;
  body: Json[];
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

export interface CommandOptions {
  /** A subcommand group the subcommand belongs to ("watch"). */
  group?: string;
  /** The member's permissions in the channel, as Discord's decimal bit string (default: all of them). */
  permissions?: string;
  /** The channel the command is typed in (default: the first channel). */
  channelId?: string;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  /** Text channels of the guild; posting anywhere else gets 404 Unknown Channel. */
  channels?: string[];
  heartbeatIntervalMs?: number;
  /** When set, REST requests with another bot token get 401 Unauthorized. */
  token?: string;
}

export interface GatewayDrop {
  /**
   * The close code sent to every gateway socket (default 4000, Unknown error, which discord.js resumes
   * after); 'terminate' cuts the TCP connection without a close frame (the client sees 1006).
   */
  code?: number | 'terminate';
  /**
   * How the next RESUME (op 6) is answered: 'accept' replays the missed dispatches then sends RESUMED;
   * 'invalid' answers an invalid session (op 9, d: false), so the client identifies again. Default 'accept'.
   */
  resume?: 'accept' | 'invalid';
}

const BOT = { id: '900000000000000001', username: 'exits', discriminator: '0', global_name: 'exits', avatar: null };
const USER = { id: '800000000000000001', username: 'mira', discriminator: '0', global_name: 'Mira', avatar: null };
const ALL_PERMISSIONS = '2251799813685247';
/** View Channel and Send Messages, without Manage Channels or Administrator. */
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n));
const ERRORS = {
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
/** Dispatches kept for replay on RESUME. */
const MAX_REPLAY = 1000;

let snowflake = 1_000_000_000_000_000_000n;
const nextId = () => String(++snowflake);

/** A GUILD_CREATE payload with every field discord.js reads when it caches a guild. */
function guildCreate(guildId: string, channels: unknown[]): Json {
  const everyone = { id: guildId, name: '@everyone', permissions: ALL_PERMISSIONS, position: 0, color: 0, flags: 0 };
  return {
    ...{ id: guildId, name: 'Fake Guild', icon: null, owner_id: USER.id, afk_timeout: 300, verification_level: 0 },
    ...{ default_message_notifications: 0, explicit_content_filter: 0, features: [], mfa_level: 0 },
    roles: [{ ...everyone, hoist: false, managed: false, mentionable: false }],
    ...{ emojis: [], stickers: [], system_channel_id: null, joined_at: new Date().toISOString(), large: false },
    ...{ unavailable: false, member_count: 2, members: [], channels, threads: [], presences: [], voice_states: [] },
    ...{ stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], premium_tier: 0 },
    ...{ preferred_locale: 'en-US', nsfw_level: 0, premium_progress_bar_enabled: false },
  };
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}) {
  const applicationId = opts.applicationId ?? '700000000000000001';
  const guildId = opts.guildId ?? '600000000000000001';
  const channels = opts.channels ?? ['500000000000000001', '500000000000000002'];
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 41_250;

  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const messages: ChannelMessage[] = [];
  const edits: MessageEdit[] = [];
  const deleted = new Set<string>();
  const callbacks: InteractionCallback[] = [];
  /** Bodies answered 400 Invalid Form Body (code 50035) because they break Discord's limits, in order. */
  const invalid: { path: string; body: Json; problems: Problem[] }[] = [];
  /** How many more bodies with embeds are refused for a rule the fake does not check itself. */
  let embedRefusals = 0;
  const webhooks: WebhookCall[] = [];
  const registrations: CommandRegistration[] = [];
  const identifies: Json[] = [];
  const resumes: Json[] = [];
  let heartbeats = 0;
  let opened = 0;
  let refused = 0;
  const faults = new Map<string, ChannelFault & { left: number }>();
  const nonces = new Map<string, ChannelMessage>();
  const sockets = new Set<WebSocket>();
  /** Requests the fake keeps waiting (a 'hang' fault); close() cuts them. */
  const hung = new Set<ServerResponse>();
  let hungTotal = 0;
  let seq = 0;
  /** Sessions handed out in READY; a RESUME of another gets an invalid session. */
  const sessions = new Set<string>();
  let sessionCount = 0;
  /** Dispatches sent so far (READY excluded), for replay after a RESUME. */
  const history: { s: number; frame: string }[] = [];
  let resumeMode: 'accept' | 'invalid' = 'accept';
  let gatewayDown = false;

  const message = (channelId: string, body: Json | null, id = nextId()): Json => ({
    ...{ id, channel_id: channelId, type: 0, author: { ...BOT, bot: true }, content: body?.content ?? '' },
    ...{ embeds: body?.embeds ?? [], components: body?.components ?? [], attachments: [], mentions: [] },
    ...{ mention_roles: [], mention_everyone: false, pinned: false, tts: false, timestamp: new Date().toISOString() },
    ...{ edited_timestamp: null, flags: body?.flags ?? 0, ...(body?.nonce ? { nonce: body.nonce } : {}) },
  });

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (body === undefined) {
      // A 204 must carry no content-type: @discordjs/rest would try to parse an empty JSON body.
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  /** Answers with Discord's JSON error body and returns the status. */
  function fail(res: ServerResponse, error: keyof typeof ERRORS, headers: Record<string, string> = {}): number {
    const status = error === '404-message' ? 404 : error;
    send(res, status, ERRORS[error], headers);
    return status;
  }

  /**
   * Answers 400 with Discord's error body (code 50035) when the body breaks the documented limits, as
   * Discord does; returns the status, or 0 when the body is valid.
   */
  function refuseInvalid(path: string, body: Json, res: ServerResponse): number {
    const problems = discordMessageProblems(body);
    const embeds = (body.embeds as Json[] | undefined) ?? [];
    if (problems.length === 0 && embeds.length > 0 && embedRefusals > 0) {
      embedRefusals--;
      problems.push({ path: 'embeds.0.url', code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
    }
    if (problems.length === 0) return 0;
    invalid.push({ path, body, problems });
    events.emit('change');
    send(res, 400, discordInvalidFormBody(problems));
    return 400;
  }

  /** Keeps a request waiting: no answer ever (close() cuts it). Returns 0, the status recorded for it. */
  function hang(res: ServerResponse): number {
    hung.add(res);
    hungTotal++;
    res.on('close', () => {
      hung.delete(res);
      events.emit('change');
    });
    events.emit('change');
    return 0;
  }

  function channelMessage(channelId: string, body: Json, res: ServerResponse): number {
    if (!channels.includes(channelId)) return fail(res, 404);
    const fault = faults.get(channelId);
    let failAfterCreate: number | 'hang' | null = null;
    if (fault && fault.left > 0 && (!fault.method || fault.method === 'POST')) {
      fault.left--;
      if (fault.status === 429) {
        const after = String(fault.retryAfter ?? 0.05);
        return fail(res, 429, {
          ...{ 'retry-after': after, 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' },
          ...{
            'x-ratelimit-reset-after': after,
            'x-ratelimit-bucket': `fake-${channelId}`,
            'x-ratelimit-scope': 'user',
          },
        });
      }
      const lost = fault.status === 'hang' || SERVER_ERRORS.has(fault.status);
      if (!lost || !fault.afterCreate) return fault.status === 'hang' ? hang(res) : fail(res, fault.status);
      failAfterCreate = fault.status;
    }
    // enforce_nonce: the same nonce in the same channel returns the first message instead of a second one.
    const nonceKey = body.enforce_nonce && body.nonce ? `${channelId}:${String(body.nonce)}` : null;
    const existing = nonceKey ? nonces.get(nonceKey) : undefined;
    const recorded = existing ?? { channelId, body, id: nextId() };
    if (!existing) {
      messages.push(recorded);
      if (nonceKey) nonces.set(nonceKey, recorded);
      events.emit('change');
    }
    if (failAfterCreate === 'hang') return hang(res);
    if (failAfterCreate !== null) return fail(res, failAfterCreate as keyof typeof ERRORS);
    send(res, 200, message(channelId, recorded.body, recorded.id), {
      ...{ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1' },
      'x-ratelimit-bucket': `fake-${channelId}`,
    });
    return 200;
  }

  /** PATCH /channels/:id/messages/:id: edits a message the bot posted, or 404 Unknown Message. */
  function editMessage(channelId: string, messageId: string, body: Json, res: ServerResponse): number {
    if (!channels.includes(channelId)) return fail(res, 404);
    const fault = faults.get(channelId);
    if (fault && fault.left > 0 && (!fault.method || fault.method === 'PATCH')) {
      fault.left--;
      if (fault.status === 429) {
        const after = String(fault.retryAfter ?? 0.05);
        return fail(res, 429, {
          ...{ 'retry-after': after, 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' },
          ...{
            'x-ratelimit-reset-after': after,
            'x-ratelimit-bucket': `fake-edit-${channelId}`,
            'x-ratelimit-scope': 'user',
          },
        });
      }
      if (fault.status === 'hang') return hang(res);
      if (!SERVER_ERRORS.has(fault.status) || !fault.afterCreate) return fail(res, fault.status);
    }
    const original = messages.find((m) => m.channelId === channelId && m.id === messageId);
    if (!original || deleted.has(messageId)) return fail(res, '404-message');
    edits.push({ channelId, messageId, body });
    events.emit('change');
    send(res, 200, message(channelId, { ...original.body, ...body }, messageId), {
      ...{ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '1' },
      'x-ratelimit-bucket': `fake-edit-${channelId}`,
    });
    return 200;
  }

  function route(method: string, path: string, body: Json | null, req: IncomingMessage, res: ServerResponse): number {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent); // api v10 ...
    const [api, version, ...rest] = parts;
    if (api !== 'api' || version !== 'v10') return fail(res, 404);
    const p = rest;
    // Interaction callbacks and webhooks authenticate with the interaction token, not the bot token.
    const byInteraction = p[0] === 'interactions' || p[0] === 'webhooks';
    if (opts.token && !byInteraction && req.headers.authorization !== `Bot ${opts.token}`) return fail(res, 401);
    if (method === 'GET' && p.join('/') === 'gateway/bot') {
      const { port } = server.address() as AddressInfo;
      send(res, 200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
      return 200;
    }
    if (method === 'POST' && p[0] === 'channels' && p[2] === 'messages' && p.length === 3) {
      return refuseInvalid(path, body ?? {}, res) || channelMessage(p[1] as string, body ?? {}, res);
    }
    if (method === 'GET' && p[0] === 'channels' && p[2] === 'messages' && p.length === 3) {
      // The channel's latest messages, newest first, as Discord lists them (limit 1-100, default 50).
      const channelId = p[1] as string;
      if (!channels.includes(channelId)) return fail(res, 404);
      const limit = Math.min(100, Number(new URL(req.url ?? '', 'http://x').searchParams.get('limit') ?? 50));
      const list = messages.filter((m) => m.channelId === channelId).slice(-limit).reverse();
      send(res, 200, list.map((m) => message(channelId, m.body, m.id)));
      return 200;
    }
    if (method === 'PATCH' && p[0] === 'channels' && p[2] === 'messages' && p.length === 4) {
      return refuseInvalid(path, body ?? {}, res) || editMessage(p[1] as string, p[3] as string, body ?? {}, res);
    }
    if (method === 'POST' && p[0] === 'interactions' && p[3] === 'callback') {
      const bad = refuseInvalid(path, ((body ?? {}).data as Json | undefined) ?? {}, res);
      if (bad) return bad;
      const [interactionId, token] = [p[1] as string, p[2] as string];
      callbacks.push({ interactionId, token, body: body ?? {}, contentType: req.headers['content-type'] });
      events.emit('change');
      send(res, 204);
      return 204;
    }
    if (p[0] === 'webhooks' && p[1] === applicationId && p[2]) {
      const token = p[2];
      if (method !== 'DELETE') {
        const bad = refuseInvalid(path, body ?? {}, res);
        if (bad) return bad;
      }
      if (method === 'POST' && p.length === 3) {
        webhooks.push({ method, token, messageId: null, body });
        events.emit('change');
        send(res, 200, message(channels[0] as string, body));
        return 200;
      }
      if ((method === 'PATCH' || method === 'DELETE') && p[3] === 'messages' && p[4]) {
        webhooks.push({ method, token, messageId: p[4], body: method === 'PATCH' ? body : null });
        events.emit('change');
        if (method === 'DELETE') send(res, 204);
        else send(res, 200, message(channels[0] as string, body));
        return method === 'DELETE' ? 204 : 200;
      }
    }
    if (method === 'PUT' && p[0] === 'applications' && p[2] === 'commands' && p.length === 3) {
      return registerCommands(p[1] as string, null, body, res);
    }
    if (method === 'PUT' && p[0] === 'applications' && p[2] === 'guilds' && p[4] === 'commands') {
      return registerCommands(p[1] as string, p[3] as string, body, res);
    }
    send(res, 404, { message: `fake Discord has no ${method} ${path}`, code: 0 });
    return 404;
  }

  function registerCommands(app: string, guild: string | null, body: unknown, res: ServerResponse): number {
    const list = Array.isArray(body) ? (body as Json[]) : [];
    registrations.push({ applicationId: app, guildId: guild, body: list });
    events.emit('change');
    const where = guild ? { guild_id: guild } : {};
    send(
      res,
      200,
      list.map((c) => ({ ...c, id: nextId(), application_id: app, version: nextId(), ...where })),
    );
    return 200;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Json | null;
      try {
        body = raw ? (JSON.parse(raw) as Json) : null;
      } catch {
        body = { unparsed: raw };
      }
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const status = route(method, url.pathname, body, req, res);
      requests.push({ method, path: url.pathname, status, authorization: req.headers.authorization, body });
      events.emit('change');
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway') || gatewayDown) {
      if (gatewayDown) refused++;
      socket.destroy();
      events.emit('change');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  /** Sends a dispatch to every open socket (`to`: only that one), and keeps it for replay on RESUME. */
  const dispatch = (t: string, d: unknown, to?: WebSocket) => {
    seq++;
    const frame = JSON.stringify({ op: 0, t, s: seq, d });
    if (t !== 'READY') {
      history.push({ s: seq, frame });
      if (history.length > MAX_REPLAY) history.shift();
    }
    for (const ws of to ? [to] : sockets) ws.send(frame);
  };

  const channelObject = (id: string, position: number) => ({
    ...{ id, type: 0, guild_id: guildId, name: `alerts-${position}`, position, permission_overwrites: [] },
    ...{ nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, parent_id: null },
  });

  wss.on('connection', (ws: WebSocket) => {
    opened++;
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      events.emit('change');
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: heartbeatInterval }, s: null, t: null }));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: unknown };
      if (frame.op === 1) {
        heartbeats++;
        ws.send(JSON.stringify({ op: 11 }));
        events.emit('change');
      } else if (frame.op === 2) {
        identifies.push(frame.d as Json);
        events.emit('change');
        const { port } = server.address() as AddressInfo;
        const sessionId = `fake-session-${++sessionCount}`;
        sessions.add(sessionId);
        dispatch(
          'READY',
          {
            v: 10,
            user: { ...BOT, bot: true, verified: true, flags: 0, mfa_enabled: false },
            guilds: [{ id: guildId, unavailable: true }],
            session_id: sessionId,
            resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
            shard: [0, 1],
            application: { id: applicationId, flags: 0 },
          },
          ws,
        );
        dispatch('GUILD_CREATE', guildCreate(guildId, channels.map(channelObject)), ws);
      } else if (frame.op === 6) {
        // RESUME {token, session_id, seq}: replay what the session missed, then RESUMED; or an invalid session.
        const d = frame.d as { session_id?: string; seq?: number | null };
        resumes.push(frame.d as Json);
        events.emit('change');
        const known = typeof d.session_id === 'string' && sessions.has(d.session_id);
        if (resumeMode === 'invalid' || !known) {
          if (typeof d.session_id === 'string') sessions.delete(d.session_id);
          ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
          return;
        }
        for (const missed of history.filter((h) => h.s > (d.seq ?? 0))) ws.send(missed.frame);
        dispatch('RESUMED', {}, ws);
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  /** Pushes an INTERACTION_CREATE to every connected client; returns the id and token to look its answers up. */
  function interaction(
    type: 2 | 3 | 4,
    data: Json,
    extra: Json = {},
    who: { permissions?: string; channelId?: string } = {},
  ): { id: string; token: string } {
    const id = nextId();
    const token = `itoken-${id}`;
    const channelId = who.channelId ?? (channels[0] as string);
    dispatch('INTERACTION_CREATE', {
      id,
      application_id: applicationId,
      type,
      token,
      version: 1,
      data,
      guild_id: guildId,
      channel_id: channelId,
      channel: channelObject(channelId, 0),
      member: {
        ...{ user: USER, roles: [], permissions: who.permissions ?? ALL_PERMISSIONS, flags: 0 },
        joined_at: new Date().toISOString(),
        ...{ deaf: false, mute: false, nick: null, avatar: null, premium_since: null, pending: false },
        communication_disabled_until: null,
      },
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: ALL_PERMISSIONS,
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      ...extra,
    });
    return { id, token };
  }

  const optionsOf = (values: Record<string, string | number>, focused?: string) =>
    Object.entries(values).map(([name, value]) => ({
      type: typeof value === 'number' ? 4 : 3,
      name,
      value,
      ...(name === focused ? { focused: true } : {}),
    }));

  const commandData = (sub: string, options: Json[], group?: string) => ({
    id: '400000000000000001',
    name: 'exits',
    type: 1,
    guild_id: guildId,
    options: group
      ? [{ type: 2, name: group, options: [{ type: 1, name: sub, options }] }]
      : [{ type: 1, name: sub, options }],
  });

  /** Resolves when `pick` returns something for what the fake has recorded; rejects after `ms`. */
  function waitFor<T>(what: string, pick: () => T | undefined, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = pick();
        if (found === undefined) return;
        events.off('change', check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        events.off('change', check);
        reject(new Error(`fake Discord: timed out waiting for ${what}`));
      }, ms);
      events.on('change', check);
      check();
    });
  }

  return {
    url: `http://127.0.0.1:${port}/api`,
    port,
    applicationId,
    guildId,
    channels,
    requests,
    messages,
    /** Message edits (PATCH /channels/:id/messages/:id) that succeeded, in order. */
    edits,
    /** Discord remembers a nonce for a few minutes only: after this, the same nonce posts again. */
    forgetNonces: () => nonces.clear(),
    callbacks,
    webhooks,
    /** Bodies refused with 400 Invalid Form Body (50035) for breaking Discord's limits. */
    invalid,
    registrations,
    identifies,
    get heartbeats() {
      return heartbeats;
    },
    /** Gateway connections open now. */
    get connections() {
      return sockets.size;
    },
    /** Gateway connections ever opened (a reconnect or resume opens another). */
    get opened() {
      return opened;
    },
    /** RESUME payloads (op 6) received, in order. */
    resumes,
    /** Gateway connection attempts refused while setGatewayDown(true). */
    get refused() {
      return refused;
    },
    /** Requests kept waiting by a 'hang' fault that the client has not given up on yet. */
    get hanging() {
      return hung.size;
    },
    /** Requests ever kept waiting by a 'hang' fault. */
    get hung() {
      return hungTotal;
    },
    /**
     * Drops every gateway connection (close code 4000 by default, or a TCP cut), as a Discord restart or
     * a network blip would; `resume` says how the client's RESUME is answered from now on.
     */
    dropGateway(drop: GatewayDrop = {}) {
      resumeMode = drop.resume ?? 'accept';
      for (const ws of sockets) {
        if (drop.code === 'terminate') ws.terminate();
        else ws.close(drop.code ?? 4000, 'fake Discord dropped the connection');
      }
    },
    /** While down, new gateway connections are refused (the upgrade is cut), as in an outage. */
    setGatewayDown(down: boolean) {
      gatewayDown = down;
    },
    /** Makes a channel answer with an error, for `times` requests or for good. */
    /** The next `times` bodies with embeds are answered 400 Invalid Form Body (50035), as for a rule the fake does not check. */
    refuseEmbeds(times = 1) {
      embedRefusals = times;
    },
    fault(channelId: string, fault: ChannelFault) {
      faults.set(channelId, { ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      faults.clear();
    },
    /** Forgets a message, as if someone deleted it: editing it gets 404 Unknown Message. */
    deleteMessage(messageId: string) {
      deleted.add(messageId);
    },
    /**
     * `/exits [group] <sub> name:value ...`: numbers become integer options, strings string options;
     * `opts` sets the group, the member's permissions and the channel.
     */
    sendCommand(sub: string, values: Record<string, string | number> = {}, opts: CommandOptions = {}) {
      return interaction(2, commandData(sub, optionsOf(values), opts.group), {}, opts);
    },
    /** An autocomplete request while the user types `focused` of `/exits [group] <sub>`. */
    sendAutocomplete(sub: string, focused: string, values: Record<string, string | number>, group?: string) {
      return interaction(4, commandData(sub, optionsOf(values, focused), group));
    },
    /** A click on a button with `customId` under a message of the bot. */
    pressButton(customId: string) {
      const channelId = channels[0] as string;
      return interaction(3, { custom_id: customId, component_type: 2 }, { message: message(channelId, null) });
    },
    waitFor,
    /** The first response to an interaction (the callback body). */
    callbackOf(id: string) {
      return waitFor(`the callback of interaction ${id}`, () => callbacks.find((c) => c.interactionId === id));
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const res of hung) res.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
export const FAKE_USER = USER;
export const FAKE_BOT = BOT;
