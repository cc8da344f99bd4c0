/** Discord: alert cards over REST, /exits commands over the gateway. The only folder that imports discord.js. */
export { connectGateway, createRest, type DiscordConnection, type Registration, registerCommands } from './client.ts';
export { buildExitsCommand, COMMAND_NAME, type CommandLimits } from './command.ts';
export { embedLength, eventEmbed, fitEmbeds, LIMITS } from './embed.ts';
export { clip, escapeDiscord, noMentions, safeUrl } from './escape.ts';
export { createInteractionHandler, type InteractionHandlerOptions } from './interactions.ts';
export { alertMessage, discordNotifier, messageNonce } from './notifier.ts';
export { createPageIds, type PageIds, pageMessage } from './paging.ts';
export type { DiscordLog, DiscordQueries, ExitsQuery, ExitsReply } from './types.ts';
