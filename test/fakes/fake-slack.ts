/**
 * A loopback fake of the parts of Slack that exits uses, for the real Bolt App and WebClient.
 *
 *   POST /api/auth.test                 {ok:true, user_id, bot_id, team_id} for the bot token, else invalid_auth
 *   POST /api/chat.postMessage          records the message (blocks parsed), or the knobs below
 *   POST /api/chat.update               records the update of a posted message, else message_not_found
 *   POST /api/conversations.history     a channel's posted messages, newest first, after `oldest`; their
 *                                       `metadata` only with include_all_metadata
 *   POST /api/apps.connections.open     {ok:true, url: ws://…/socket} for the app token, else invalid_auth
 *   POST /respond/<id>                  a response_url: records the JSON body
 *
 * Messages (chat.postMessage, chat.update, response_url bodies) whose blocks break Block Kit's documented
 * limits are refused as Slack does, with invalid_blocks and the list of errors, and kept in `invalid`.
 *   WS   /socket                        sends hello; pushes envelopes; records their acks
 *
 * Knobs: failNext(method, {status, retryAfter}) answers the next calls with 429 (Retry-After) or 5xx, and
 * clearFailures(method) ends that early; hangNext(method) keeps the next calls waiting, never answered;
 * postThenHang(times) posts the next messages but never answers (the answer is what gets lost);
 * historyError(error) answers {ok:false, error} to conversations.history (missing_scope, say);
 * channelError(channel, error) answers {ok:false, error} for posts to that channel; deleteMessage(channel, ts)
 * makes updates of that message answer message_not_found; dropSockets() cuts every Socket Mode connection.
 */
import { randomUUID } from 'node:crypto';
import { slackBlockProblems } from './chat-limits.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface ApiCall {
  method: string;
  /** Form or JSON parameters; `blocks` and `attachments` stay JSON strings here. */
  params: Record<string, string>;
  /** The bearer token sent. */
  token: string | null;
  /** The HTTP status the fake answered. */
  status: number;
  /** Slack's `error` when the answer was ok:false. */
  error?: string;
}

export interface PostedMessage {
  method: 'chat.postMessage' | 'chat.update';
  channel: string;
  text: string;
  blocks: Block[];
  ts: string;
  params: Record<string, string>;
}

export type Block = Record<string, unknown> & { type: string };

export interface ResponsePayload {
  id: string;
  body: Record<string, unknown> & { blocks?: Block[]; text?: string; response_type?: string };
}

export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
}

export interface Failure {
  status: 429 | 500 | 502 | 503;
  /** Retry-After header in seconds, for 429 (default 1). */
  retryAfter?: number;
}

export interface FakeSlack {
  /** "http://127.0.0.1:PORT" */
  url: string;
  /** The Web API base for clientOptions.slackApiUrl / SLACK_API_URL: "http://127.0.0.1:PORT/api/". */
  apiUrl: string;
  /** The Socket Mode URL that apps.connections.open hands out. */
  wsUrl: string;
  /** Every Web API call, in order. */
  calls: ApiCall[];
  /** Messages refused with invalid_blocks (API method or "respond"), with Slack's error lines. */
  invalid: { method: string; errors: string[] }[];
  /** Messages the fake accepted (posts and updates), in order. */
  messages: PostedMessage[];
  /** Bodies POSTed to response URLs. */
  responses: ResponsePayload[];
  /** Acknowledgements received over the socket. */
  acks: EnvelopeAck[];
  callsTo(method: string): ApiCall[];
  /** A fresh response_url on this fake. */
  responseUrl(id?: string): string;
  failNext(method: string, failure: Failure, times?: number): void;
  /** Forgets the failures still queued for `method` (every method when absent): the outage is over. */
  clearFailures(method?: string): void;
  /** The next `times` calls of `method` are kept waiting and never answered (until close()). */
  hangNext(method: string, times?: number): void;
  /** The next `times` chat.postMessage calls post the message but are never answered. */
  postThenHang(times?: number): void;
  /** Calls kept waiting by hangNext() or postThenHang() that the client has not given up on yet. */
  hanging(): number;
  historyError(error: string | null): void;
  channelError(channel: string, error: string | null): void;
  /** The next `times` response_url bodies with blocks are refused (invalid_blocks), as for a rule the fake does not check. */
  refuseResponses(times?: number): void;
  /** Forgets a posted message, as if someone deleted it. */
  deleteMessage(channel: string, ts: string): void;
  /** Open Socket Mode connections. */
  sockets(): number;
  /** Socket Mode connections ever opened (a reconnect opens another). */
  socketsOpened(): number;
  /**
   * Drops every Socket Mode connection: 'disconnect' asks the client to reconnect first ({type:
   * 'disconnect', reason: 'refresh_requested'}, as Slack does when it recycles a server), 'close' sends a
   * close frame (1001), 'terminate' cuts the TCP connection with no frame at all (default).
   */
  dropSockets(how?: 'disconnect' | 'close' | 'terminate'): void;
  /** Sends an envelope to every open socket; resolves with its ack. */
  pushEnvelope(type: string, payload: Record<string, unknown>): Promise<EnvelopeAck>;
  pushSlashCommand(fields: Record<string, string>): Promise<EnvelopeAck>;
  /** Resolves once `count` bodies have reached response URLs (rejects after timeoutMs). */
  waitForResponses(count: number, timeoutMs?: number): Promise<ResponsePayload[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(req: IncomingMessage, raw: string): Record<string, string> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const data = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = opts.botToken ?? 'xoxb-fake';
  const appToken = opts.appToken ?? 'xapp-fake';
  const calls: ApiCall[] = [];
  const messages: PostedMessage[] = [];
  const responses: ResponsePayload[] = [];
  const invalid: { method: string; errors: string[] }[] = [];
  let responseRefusals = 0;
  const acks: EnvelopeAck[] = [];
  const failures = new Map<string, Failure[]>();
  const hangs = new Map<string, number>();
  const hung = new Set<ServerResponse>();
  let postHangs = 0;
  let historyFailure: string | null = null;
  let socketsOpened = 0;
  const channelErrors = new Map<string, string>();
  const deleted = new Set<string>();
  const ackWaiters = new Map<string, (ack: EnvelopeAck) => void>();
  const responseWaiters: (() => void)[] = [];
  let seq = 0;
  let base = '';

  function record(method: string, params: Record<string, string>, token: string | null) {
    const call: ApiCall = { method, params, token, status: 200 };
    calls.push(call);
    return call;
  }

  async function api(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = parseParams(req, await readBody(req));
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : (params.token ?? null);
    const call = record(method, params, token);
    const hangsLeft = hangs.get(method) ?? 0;
    if (hangsLeft > 0) {
      hangs.set(method, hangsLeft - 1);
      // Never answered: the client's timeout has to give up on it. Status 0 = no answer.
      call.status = 0;
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    const failure = failures.get(method)?.shift();
    if (failure) {
      call.status = failure.status;
      if (failure.status === 429) {
        json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
      } else {
        res.writeHead(failure.status, { 'content-type': 'text/plain' });
        res.end('upstream trouble');
      }
      return;
    }
    const refuse = (error: string) => {
      call.error = error;
      json(res, 200, { ok: false, error });
    };
    switch (method) {
      case 'auth.test':
        if (token !== botToken) return refuse('invalid_auth');
        return json(res, 200, {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'exits',
          team_id: 'T0FAKE',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        });
      case 'apps.connections.open':
        if (token !== appToken) return refuse('invalid_auth');
        return json(res, 200, { ok: true, url: `${base.replace('http:', 'ws:')}/socket` });
      case 'chat.postMessage':
      case 'chat.update': {
        if (token !== botToken) return refuse('invalid_auth');
        const channel = params.channel ?? '';
        if (!channel) return refuse('channel_not_found');
        const error = channelErrors.get(channel);
        if (error) return refuse(error);
        if (method === 'chat.update') {
          const posted = messages.some(
            (m) => m.method === 'chat.postMessage' && m.channel === channel && m.ts === params.ts,
          );
          if (!posted || deleted.has(`${channel}/${params.ts}`)) return refuse('message_not_found');
        }
        const ts = method === 'chat.update' ? (params.ts as string) : `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
        const blocks = params.blocks ? (JSON.parse(params.blocks) as Block[]) : [];
        const errors = slackBlockProblems(params.blocks ? blocks : undefined);
        if (errors.length > 0) {
          invalid.push({ method, errors });
          call.error = 'invalid_blocks';
          return json(res, 200, { ok: false, error: 'invalid_blocks', errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
        }
        messages.push({ method, channel, text: params.text ?? '', blocks, ts, params });
        if (method === 'chat.postMessage' && postHangs > 0) {
          postHangs--;
          call.status = 0;
          hung.add(res);
          res.on('close', () => hung.delete(res));
          return;
        }
        return json(res, 200, { ok: true, channel, ts, message: { text: params.text, blocks, ts } });
      }
      case 'conversations.history': {
        if (token !== botToken) return refuse('invalid_auth');
        if (historyFailure) return refuse(historyFailure);
        const channel = params.channel ?? '';
        const error = channelErrors.get(channel);
        if (error) return refuse(error);
        const oldest = Number(params.oldest ?? 0);
        const withMetadata = params.include_all_metadata === 'true';
        const found = messages
          .filter((m) => m.method === 'chat.postMessage' && m.channel === channel && Number(m.ts) > oldest)
          .filter((m) => !deleted.has(`${channel}/${m.ts}`))
          .reverse()
          .slice(0, Number(params.limit ?? 100))
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            bot_id: 'B0BOT',
            ...(withMetadata && m.params.metadata ? { metadata: JSON.parse(m.params.metadata) } : {}),
          }));
        return json(res, 200, { ok: true, messages: found, has_more: false });
      }
      default:
        return refuse('unknown_method');
    }
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path.startsWith('/api/')) {
      api(path.slice(5), req, res).catch((err) => json(res, 500, { ok: false, error: String(err) }));
      return;
    }
    if (req.method === 'POST' && path.startsWith('/respond/')) {
      readBody(req)
        .then((raw) => {
          const body = JSON.parse(raw) as ResponsePayload['body'];
          const errors = slackBlockProblems(body.blocks);
          if (errors.length === 0 && body.blocks?.length && responseRefusals > 0) {
            responseRefusals--;
            errors.push('[0]: refused by the fake (refuseResponses)');
          }
          if (errors.length > 0) {
            invalid.push({ method: 'respond', errors });
            return json(res, 400, { ok: false, error: 'invalid_blocks', errors });
          }
          responses.push({ id: path.slice('/respond/'.length), body });
          for (const w of responseWaiters.splice(0)) w();
          json(res, 200, { ok: true });
        })
        .catch((err) => json(res, 400, { ok: false, error: String(err) }));
      return;
    }
    json(res, 404, { ok: false, error: 'not_found' });
  });

  const wss = new WebSocketServer({ server, path: '/socket' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    socketsOpened++;
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: EnvelopeAck;
      try {
        msg = JSON.parse(String(data)) as EnvelopeAck;
      } catch {
        return;
      }
      if (typeof msg.envelope_id !== 'string') return;
      acks.push(msg);
      ackWaiters.get(msg.envelope_id)?.(msg);
      ackWaiters.delete(msg.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0FAKE' },
      }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    url: base,
    apiUrl: `${base}/api/`,
    wsUrl: `ws://127.0.0.1:${port}/socket`,
    calls,
    invalid,
    messages,
    responses,
    acks,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (id = randomUUID()) => `${base}/respond/${id}`,
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    refuseResponses(times = 1) {
      responseRefusals = times;
    },
    channelError(channel, error) {
      if (error) channelErrors.set(channel, error);
      else channelErrors.delete(channel);
    },
    deleteMessage(channel, ts) {
      deleted.add(`${channel}/${ts}`);
    },
    clearFailures(method) {
      if (method) failures.delete(method);
      else failures.clear();
    },
    hangNext(method, times = 1) {
      hangs.set(method, (hangs.get(method) ?? 0) + times);
    },
    postThenHang(times = 1) {
      postHangs += times;
    },
    historyError(error) {
      historyFailure = error;
    },
    hanging: () => hung.size,
    sockets: () => sockets.size,
    socketsOpened: () => socketsOpened,
    dropSockets(how = 'terminate') {
      for (const ws of sockets) {
        if (how === 'disconnect') {
          ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake-slack' } }));
        } else if (how === 'close') ws.close(1001, 'fake Slack dropped the connection');
        else ws.terminate();
      }
    },
    pushEnvelope(type, payload) {
      if (sockets.size === 0) return Promise.reject(new Error('no Socket Mode connection'));
      const envelopeId = randomUUID();
      const acked = new Promise<EnvelopeAck>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`envelope ${envelopeId} was not acknowledged`)), 5000);
        ackWaiters.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      const frame = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true });
      for (const ws of sockets) ws.send(frame);
      return acked;
    },
    pushSlashCommand(fields) {
      return fake.pushEnvelope('slash_commands', slashCommandFields(fields, fake.responseUrl()));
    },
    async waitForResponses(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (responses.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} response_url bodies, got ${responses.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          responseWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return responses.slice(0, count);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const res of hung) res.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The fields Slack sends with a slash command, with the given ones (text, user_id, …) on top. */
export function slashCommandFields(fields: Record<string, string>, responseUrl: string): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0QUERY',
    channel_name: 'general',
    user_id: 'U0USER',
    user_name: 'tester',
    command: '/exits',
    text: '',
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
    ...fields,
  };
}
