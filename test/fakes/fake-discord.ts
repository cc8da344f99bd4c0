/**
 * A fake Discord on 127.0.0.1 that speaks enough of the real REST API (v10) and gateway protocol for
 * discord.js to log in, post and edit messages, register commands and answer interactions. It records
 * what it receives and can be told to fail a channel with 429, 5xx, 403 or 404, to keep a request waiting
 * (hang), or to forget a message. The gateway answers IDENTIFY (READY) and RESUME (the missed events, then
 * RESUMED, or an invalid session); dropGateway() closes every gateway socket and setGatewayDown() refuses
 * new ones, as an outage would.
 */
import { discordInvalidFormBody, discordMessageProblems, type Problem } from './chat-limits.ts';
import { fakeGateway } from './discord-gateway.ts';
import { ALL_PERMISSIONS, BOT, type ChannelFault, channelMessages, ERRORS, type Json, messageJson, nextId, USER } from './discord-messages.ts';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type { ChannelFault, ChannelMessage, MessageEdit } from './discord-messages.ts';
export type { GatewayDrop } from './discord-gateway.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  body: unknown;
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
  /** How long enforce_nonce dedups a repeated nonce (Discord: "a few minutes"); default for ever. */
  nonceWindowMs?: number;
}

/** View Channel and Send Messages, without Manage Channels or Administrator. */
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n));

export async function startFakeDiscord(opts: FakeDiscordOptions = {}) {
  const applicationId = opts.applicationId ?? '700000000000000001';
  const guildId = opts.guildId ?? '600000000000000001';
  const channels = opts.channels ?? ['500000000000000001', '500000000000000002'];
  const heartbeatInterval = opts.heartbeatIntervalMs ?? 41_250;

  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const callbacks: InteractionCallback[] = [];
  /** Bodies answered 400 Invalid Form Body (code 50035) because they break Discord's limits, in order. */
  const invalid: { path: string; body: Json; problems: Problem[] }[] = [];
  /** How many more bodies with embeds are refused for a rule the fake does not check itself. */
  let embedRefusals = 0;
  const webhooks: WebhookCall[] = [];
  const registrations: CommandRegistration[] = [];
  /** Requests the fake keeps waiting (a 'hang' fault); close() cuts them. */
  const hung = new Set<ServerResponse>();
  let hungTotal = 0;
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

  const store = channelMessages(channels, { send, fail, hang, changed: () => events.emit('change') }, opts.nonceWindowMs);
  const { messages, edits } = store;
  const message = (channelId: string, body: Json | null) => messageJson(channelId, body);

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
      return refuseInvalid(path, body ?? {}, res) || store.post(p[1] as string, body ?? {}, res);
    }
    if (method === 'GET' && p[0] === 'channels' && p[2] === 'messages' && p.length === 3) {
      return store.list(p[1] as string, new URL(req.url ?? '', 'http://x').searchParams, res);
    }
    if (method === 'PATCH' && p[0] === 'channels' && p[2] === 'messages' && p.length === 4) {
      return refuseInvalid(path, body ?? {}, res) || store.edit(p[1] as string, p[3] as string, body ?? {}, res);
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

  const gateway = fakeGateway(server, { applicationId, guildId, channels, heartbeatInterval, changed: () => events.emit('change') });
  const { dispatch, channelObject, identifies, resumes } = gateway;
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
    forgetNonces: store.forgetNonces,
    callbacks,
    webhooks,
    /** Bodies refused with 400 Invalid Form Body (50035) for breaking Discord's limits. */
    invalid,
    registrations,
    identifies,
    get heartbeats() {
      return gateway.heartbeats;
    },
    /** Gateway connections open now. */
    get connections() {
      return gateway.connections;
    },
    /** Gateway connections ever opened (a reconnect or resume opens another). */
    get opened() {
      return gateway.opened;
    },
    /** RESUME payloads (op 6) received, in order. */
    resumes,
    /** Gateway connection attempts refused while setGatewayDown(true). */
    get refused() {
      return gateway.refused;
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
    dropGateway: gateway.drop,
    /** While down, new gateway connections are refused (the upgrade is cut), as in an outage. */
    setGatewayDown: gateway.setDown,
    /** Makes a channel answer with an error, for `times` requests or for good. */
    /** The next `times` bodies with embeds are answered 400 Invalid Form Body (50035), as for a rule the fake does not check. */
    refuseEmbeds(times = 1) {
      embedRefusals = times;
    },
    fault(channelId: string, fault: ChannelFault) {
      store.fault(channelId, fault);
    },
    clearFaults: store.clearFaults,
    /** Forgets a message, as if someone deleted it: editing it gets 404 Unknown Message. */
    deleteMessage(messageId: string) {
      store.deleteMessage(messageId);
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
      for (const res of hung) res.destroy();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
export const FAKE_USER = USER;
export const FAKE_BOT = BOT;
