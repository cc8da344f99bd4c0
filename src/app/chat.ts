import type { QueryContext } from '../commands/query.ts';
import type { Notifier } from '../core/ports.ts';
import type { Config, Env } from './config.ts';
import type { Logger } from './logger.ts';

/** A chat platform as the app sees it: a notifier for alerts, plus slash commands when interactive. */
export interface ChatAdapter {
  readonly notifier: Notifier;
  /**
   * Connects. With `interactive` (exits run) it also listens for /exits commands;
   * without it (exits once) it only needs what posting cards requires.
   */
  start(opts: { interactive: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface ChatAdapterOptions {
  config: Config;
  env: Env;
  query: QueryContext;
  log: Logger;
}

/** The chat platforms whose tokens are set in the environment; none means cards go to the console. */
export async function createChatAdapters(opts: ChatAdapterOptions): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (opts.env.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('./discord.ts');
    adapters.push(await createDiscordAdapter(opts));
  }
  if (opts.env.SLACK_BOT_TOKEN) {
    const { createSlackAdapter } = await import('./slack.ts');
    adapters.push(await createSlackAdapter(opts));
  }
  return adapters;
}
