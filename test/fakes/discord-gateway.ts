/**
 * The fake Discord's gateway: HELLO, heartbeats, IDENTIFY (READY, then GUILD_CREATE), RESUME (the missed
 * dispatches then RESUMED, or an invalid session); it can drop every socket, or refuse new ones (an outage).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { ALL_PERMISSIONS, BOT, type Json, USER } from './discord-messages.ts';

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

/** Dispatches kept for replay on RESUME. */
const MAX_REPLAY = 1000;

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

export interface GatewayOptions {
  applicationId: string;
  guildId: string;
  channels: string[];
  heartbeatInterval: number;
  changed: () => void;
}

export function fakeGateway(server: Server, opts: GatewayOptions) {
  const { applicationId, guildId, channels, heartbeatInterval } = opts;
  const events = { emit: (_: 'change') => opts.changed() };
  const identifies: Json[] = [];
  const resumes: Json[] = [];
  let heartbeats = 0;
  let opened = 0;
  let refused = 0;
  const sockets = new Set<WebSocket>();
  let seq = 0;
  /** Sessions handed out in READY; a RESUME of another gets an invalid session. */
  const sessions = new Set<string>();
  let sessionCount = 0;
  /** Dispatches sent so far (READY excluded), for replay after a RESUME. */
  const history: { s: number; frame: string }[] = [];
  let resumeMode: 'accept' | 'invalid' = 'accept';
  let gatewayDown = false;

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

  return {
    dispatch,
    channelObject,
    identifies,
    resumes,
    get heartbeats() {
      return heartbeats;
    },
    get connections() {
      return sockets.size;
    },
    get opened() {
      return opened;
    },
    get refused() {
      return refused;
    },
    /**
     * Drops every gateway connection (close code 4000 by default, or a TCP cut), as a Discord restart or
     * a network blip would; `resume` says how the client's RESUME is answered from now on.
     */
    drop(drop: GatewayDrop = {}) {
      resumeMode = drop.resume ?? 'accept';
      for (const ws of sockets) {
        if (drop.code === 'terminate') ws.terminate();
        else ws.close(drop.code ?? 4000, 'fake Discord dropped the connection');
      }
    },
    setDown(down: boolean) {
      gatewayDown = down;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
