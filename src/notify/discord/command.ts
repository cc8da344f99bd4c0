import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { MAX_URL_LENGTH } from '../../core/queries.ts';
import { CHANGE_TYPES } from '../../core/types.ts';
import type { Asker, ExitsQuery } from './types.ts';

export const COMMAND_NAME = 'exits';

export interface CommandLimits {
  /** Largest `days` accepted by /exits recent. */
  maxDays: number;
  /** Longest name or company a user may type. */
  maxArgLength: number;
}

/** Longest id accepted by /exits sources (ids are hex; a prefix of 4 or more characters is enough). */
export const MAX_ID_LENGTH = 64;

const WATCH_WHAT = [
  { name: 'person', value: 'person' },
  { name: 'company', value: 'company' },
] as const;

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
        )
        .addStringOption((o) =>
          o
            .setName('kind')
            .setDescription('Only this kind of change')
            .addChoices(...CHANGE_TYPES.map((k) => ({ name: k, value: k }))),
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
    .addSubcommand((sub) =>
      sub
        .setName('sources')
        .setDescription('Every article and post that reported a change')
        .addStringOption((o) =>
          o
            .setName('id')
            .setDescription('The id on the card (the first few characters are enough)')
            .setRequired(true)
            .setMaxLength(MAX_ID_LENGTH),
        ),
    )
    .addSubcommandGroup((group) =>
      group
        .setName('watch')
        .setDescription('The people and companies this channel receives cards about')
        .addSubcommand((sub) =>
          watchChange(sub, limits, 'add', 'Receive cards about this person or company here (needs Manage Channels)'),
        )
        .addSubcommand((sub) =>
          watchChange(sub, limits, 'remove', 'Stop cards about this person or company here (needs Manage Channels)'),
        )
        .addSubcommand((sub) => sub.setName('list').setDescription('What this channel receives cards about')),
    )
    .addSubcommandGroup((group) =>
      group
        .setName('feeds')
        .setDescription('Feeds polled beside those of the config file')
        .addSubcommand((sub) =>
          sub
            .setName('add')
            .setDescription('Poll one more RSS, Atom or RDF feed (needs Manage Server)')
            .addStringOption((o) =>
              o.setName('url').setDescription('The feed’s address').setRequired(true).setMaxLength(MAX_URL_LENGTH),
            )
            .addStringOption((o) =>
              o.setName('name').setDescription('How cards name it (default: its host)').setMaxLength(limits.maxArgLength),
            ),
        )
        .addSubcommand((sub) =>
          sub
            .setName('remove')
            .setDescription('Stop polling an added feed (needs Manage Server)')
            .addStringOption((o) =>
              o.setName('url').setDescription('Its address or name').setRequired(true).setMaxLength(MAX_URL_LENGTH),
            ),
        )
        .addSubcommand((sub) => sub.setName('list').setDescription('The feeds added from chat')),
    )
    .addSubcommand((sub) => sub.setName('help').setDescription('What /exits can do'))
    .toJSON();
}

/** `/exits watch add|remove what:<person|company> name:<text>`: the two differ only in name and wording. */
function watchChange(
  sub: SlashCommandSubcommandBuilder,
  limits: CommandLimits,
  name: 'add' | 'remove',
  description: string,
): SlashCommandSubcommandBuilder {
  return sub
    .setName(name)
    .setDescription(description)
    .addStringOption((o) =>
      o.setName('what').setDescription('A person or a company').setRequired(true).addChoices(...WATCH_WHAT),
    )
    .addStringOption((o) =>
      o
        .setName('name')
        .setDescription('Their name')
        .setRequired(true)
        .setMaxLength(limits.maxArgLength)
        .setAutocomplete(true),
    );
}

function watchWhat(value: string | null): 'person' | 'company' | undefined {
  return value === 'person' || value === 'company' ? value : undefined;
}

/** The query a /exits interaction asks for; unknown subcommands become help. */
export function queryOf(interaction: ChatInputCommandInteraction): ExitsQuery {
  const o = interaction.options;
  if (o.getSubcommandGroup(false) === 'watch') {
    const action = o.getSubcommand(false);
    if (action !== 'add' && action !== 'remove' && action !== 'list') return { sub: 'help' };
    if (action === 'list') return { sub: 'watch', action };
    return {
      sub: 'watch',
      action,
      what: watchWhat(o.getString('what')),
      name: o.getString('name') ?? undefined,
    };
  }
  if (o.getSubcommandGroup(false) === 'feeds') {
    const action = o.getSubcommand(false);
    if (action !== 'add' && action !== 'remove' && action !== 'list') return { sub: 'help' };
    if (action === 'list') return { sub: 'feeds', action };
    return { sub: 'feeds', action, url: o.getString('url') ?? '', name: o.getString('name') ?? undefined };
  }
  switch (o.getSubcommand(false)) {
    case 'recent':
      return {
        sub: 'recent',
        days: o.getInteger('days') ?? undefined,
        company: o.getString('company') ?? undefined,
        kind: o.getString('kind') ?? undefined,
      };
    case 'person':
      return { sub: 'person', name: o.getString('name') ?? '' };
    case 'company':
      return { sub: 'company', name: o.getString('name') ?? '' };
    case 'sources':
      // Copied from a card's footer, the id may come as "id 3fa9c01b2e".
      return { sub: 'sources', event: (o.getString('id') ?? '').replace(/^\s*id\s+/i, '').trim() };
    default:
      return { sub: 'help' };
  }
}

/** Who typed the command and where, with their right to change the channel's watchlist. */
export function askerOf(interaction: ChatInputCommandInteraction): Asker {
  return {
    channel: interaction.channelId ?? null,
    user: interaction.user.id,
    manageChannels: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    manageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/**
 * Which kind of name an autocompleted option asks for, or null for options without suggestions.
 * `what` is the value of the watch commands' what option, when the user has chosen one.
 */
export function suggestionField(
  sub: string | null,
  option: string,
  group: string | null = null,
  what: string | null = null,
): 'person' | 'company' | null {
  if (group === 'watch') return option === 'name' ? (what === 'company' ? 'company' : 'person') : null;
  if (sub === 'person' && option === 'name') return 'person';
  if ((sub === 'company' && option === 'name') || (sub === 'recent' && option === 'company')) return 'company';
  return null;
}
