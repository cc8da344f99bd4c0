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
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(connection),
    allowedMentions: { parse: [], repliedUser: false },
  });
  client.on(Events.Error, (err) => log.error({}, `Discord client error: ${errorMessage(err)}`));
  client.on(Events.Warn, (msg) => log.warn({}, `Discord client: ${msg}`));
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
  const saved = (await rest.put(route, { body: commands })) as { name: string }[];
  return guildId
    ? { scope: 'guild', guildId, commands: saved.map((c) => c.name) }
    : { scope: 'global', commands: saved.map((c) => c.name) };
}
