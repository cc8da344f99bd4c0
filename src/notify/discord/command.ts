import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import type { ExitsQuery } from './types.ts';

export const COMMAND_NAME = 'exits';

export interface CommandLimits {
  /** Largest `days` accepted by /exits recent. */
  maxDays: number;
  /** Longest name or company a user may type. */
  maxArgLength: number;
}

/** The /exits slash command with its subcommands, as the JSON body Discord's registration endpoint takes. */
export function buildExitsCommand(limits: CommandLimits): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Leadership changes: who left, joined or was pushed out')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((sub) =>
      sub
        .setName('recent')
        .setDescription('Changes of the last days')
        .addIntegerOption((o) =>
          o.setName('days').setDescription('How many days back (default 7)').setMinValue(1).setMaxValue(limits.maxDays),
        )
        .addStringOption((o) =>
          o
            .setName('company')
            .setDescription('Only changes at this company')
            .setMaxLength(limits.maxArgLength)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('person')
        .setDescription('One person’s changes (any alias or spelling)')
        .addStringOption((o) =>
          o
            .setName('name')
            .setDescription('The person’s name')
            .setRequired(true)
            .setMaxLength(limits.maxArgLength)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('company')
        .setDescription('Arrivals and departures at a company')
        .addStringOption((o) =>
          o
            .setName('name')
            .setDescription('The company’s name')
            .setRequired(true)
            .setMaxLength(limits.maxArgLength)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) => sub.setName('help').setDescription('What /exits can do'))
    .toJSON();
}

/** The query a /exits interaction asks for; unknown subcommands become help. */
export function queryOf(interaction: ChatInputCommandInteraction): ExitsQuery {
  const o = interaction.options;
  switch (o.getSubcommand(false)) {
    case 'recent':
      return { sub: 'recent', days: o.getInteger('days') ?? undefined, company: o.getString('company') ?? undefined };
    case 'person':
      return { sub: 'person', name: o.getString('name') ?? '' };
    case 'company':
      return { sub: 'company', name: o.getString('name') ?? '' };
    default:
      return { sub: 'help' };
  }
}

/** Which kind of name an autocompleted option asks for, or null for options without suggestions. */
export function suggestionField(sub: string | null, option: string): 'person' | 'company' | null {
  if (sub === 'person' && option === 'name') return 'person';
  if ((sub === 'company' && option === 'name') || (sub === 'recent' && option === 'company')) return 'company';
  return null;
}
