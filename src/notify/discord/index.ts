/** Discord: alert cards over REST, /exits commands over the gateway. The only folder that imports discord.js. */
export { connectGateway, createRest, type DiscordConnection, type Registration, registerCommands } from './client.ts';
export { askerOf, buildExitsCommand, COMMAND_NAME, type CommandLimits, MAX_ID_LENGTH } from './command.ts';
export { embedLength, eventEmbed, fitEmbeds, LIMITS } from './embed.ts';
export { clip, escapeDiscord, escapeLinkedLine, noMentions, safeUrl } from './escape.ts';
export { createInteractionHandler, type InteractionHandlerOptions } from './interactions.ts';
export { alertEdit, alertMessage, discordNotifier, messageNonce, NOTIFIER_NAME } from './notifier.ts';
export { createPageIds, type PageIds, pageMessage, textMessage } from './paging.ts';
export type {
  Asker,
  DiscordLog,
  DiscordQueries,
  ExitsQuery,
  ExitsReply,
  PagedReply,
  PageQuery,
  TextReply,
} from './types.ts';
