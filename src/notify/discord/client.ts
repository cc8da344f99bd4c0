import {
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  REST,
  type RESTOptions,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import { ExitsError, errorMessage } from '../../core/errors.ts';
import type { DiscordLog } from './types.ts';

export interface DiscordConnection {
  token: string;
  /** REST base such as http://127.0.0.1:8080/api (default https://discord.com/api); routes go to `${api}/v10/...`. */
  api?: string;
  /** Retries of a request that got a 5xx or timed out (429 is always waited out and retried). Default 2. */
  retries?: number;
  /** Per-request timeout in ms. Default 10 000. */
  timeoutMs?: number;
}

export function restOptions(c: DiscordConnection): Partial<RESTOptions> {
  const opts: Partial<RESTOptions> = { retries: c.retries ?? 2, timeout: c.timeoutMs ?? 10_000 };
  if (c.api) opts.api = c.api.replace(/\/+$/, '');
  return opts;
}

/** A REST client for posting and registering: no gateway connection. */
export function createRest(c: DiscordConnection): REST {
  return new REST(restOptions(c)).setToken(c.token);
}

const READY_TIMEOUT_MS = 30_000;

/** A client that knows it is being shut down, so the gateway closing then is not logged as an outage. */
class GatewayClient extends Client {
  closing = false;

  override async destroy(): Promise<void> {
    this.closing = true;
    await super.destroy();
  }
}

/**
 * Logs gateway outages: one warning when the connection drops (discord.js then resumes or identifies
 * again by itself), one line when it is back, an error if Discord closed it for good. Cards do not need
 * the gateway (they go over REST); only /exits does.
 */
function logGateway(client: GatewayClient, log: DiscordLog): void {
  let downSince: number | null = null;
  const back = (shard: number, how: string, extra: Record<string, unknown> = {}) => {
    if (downSince === null) return;
    const downMs = Date.now() - downSince;
    downSince = null;
    log.info({ shard, downMs, ...extra }, `Discord gateway ${how} after ${Math.round(downMs / 100) / 10} s: /exits is answered again`);
  };
  client.on(Events.ShardReconnecting, (shard) => {
    if (client.closing) return;
    if (downSince !== null) return;
    downSince = Date.now();
    log.warn({ shard }, 'Discord gateway connection lost, reconnecting: /exits is not answered meanwhile, cards still go out');
  });
  client.on(Events.ShardResume, (shard, replayed) => back(shard, 'resumed', { replayed }));
  // shardReady also fires at the first login, when nothing was down: back() ignores it then.
  client.on(Events.ShardReady, (shard) => back(shard, 'reconnected with a new session'));
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (client.closing) return;
    log.error(
      { shard, code: event.code },
      `Discord closed the gateway for good (code ${event.code}): /exits is not answered until exits restarts`,
    );
  });
  client.on(Events.ShardError, (err, shard) => {
    if (client.closing) return;
    // Each failed attempt of an outage raises one; the warning above already said it is down.
    if (downSince !== null) log.debug({ shard }, `Discord gateway error: ${errorMessage(err)}`);
    else log.warn({ shard }, `Discord gateway error: ${errorMessage(err)}`);
  });
}

/**
 * Logs a bot into the gateway and hands every interaction to `onInteraction`. Resolves once the
 * client is ready (guilds received); rejects, with the client destroyed, if it cannot get there.
 */
export async function connectGateway(opts: {
  connection: DiscordConnection;
  log: DiscordLog;
  onInteraction: (i: Interaction) => Promise<void>;
}): Promise<Client> {
  const { connection, log } = opts;
  const client = new GatewayClient({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(connection),
    allowedMentions: { parse: [], repliedUser: false },
  });
  client.on(Events.Error, (err) => log.error({}, `Discord client error: ${errorMessage(err)}`));
  client.on(Events.Warn, (msg) => log.warn({}, `Discord client: ${msg}`));
  logGateway(client, log);
  client.on(Events.InteractionCreate, (i) => {
    void opts.onInteraction(i);
  });
  // The listener must exist before login(): login can resolve after the event has fired.
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
  });
  try {
    await client.login(connection.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw new ExitsError('DISCORD_LOGIN', `could not connect the Discord bot: ${errorMessage(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  log.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size },
    `Discord bot ${client.user?.tag ?? ''} connected`,
  );
  return client;
}

export interface Registration {
  scope: 'guild' | 'global';
  guildId?: string;
  /** Names of the commands Discord now knows for the application. */
  commands: string[];
}

/**
 * Replaces the application's commands with `commands`: in one guild (immediate, good for testing) or
 * globally (every server the bot is in).
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  guildId?: string,
): Promise<Registration> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  // `contexts` and `integration_types` are documented for global commands only: a guild's commands go without.
  const body = guildId ? commands.map(({ contexts: _c, integration_types: _i, ...rest }) => rest) : commands;
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return guildId
    ? { scope: 'guild', guildId, commands: saved.map((c) => c.name) }
    : { scope: 'global', commands: saved.map((c) => c.name) };
}
