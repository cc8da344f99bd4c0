import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
} from 'discord.js';
import { ExitsError, errorMessage } from '../../core/errors.ts';
import { askerOf, COMMAND_NAME, queryOf, suggestionField } from './command.ts';
import { LIMITS } from './embed.ts';
import { cleanText } from '../card.ts';
import { prefixWithin } from '../../core/text.ts';
import { clip, escapeDiscord } from './escape.ts';
import { createPageIds, type PageIds, type PageMessage, type PageQuery, pageMessage, textMessage } from './paging.ts';
import type { Asker, DiscordLog, DiscordQueries, ExitsQuery, ExitsReply } from './types.ts';

export interface InteractionHandlerOptions {
  queries: DiscordQueries;
  log: DiscordLog;
  ids?: PageIds;
  /**
   * Discord wants a first response within 3 s. An answer ready sooner than this is sent as the reply;
   * a slower one is deferred first ("exits is thinking…") and the answer edited in.
   */
  deferAfterMs?: number;
}

const SLOW = Symbol('slow');

async function quickly<T>(pending: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  try {
    return await Promise.race([pending, slow]);
  } finally {
    clearTimeout(timer);
  }
}

/** A sentence only the asker sees: bad input, empty results, errors. */
function note(text: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return {
    content: clip(escapeDiscord(text), LIMITS.content),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  };
}

type Rendered = { page: PageMessage } | { note: string };

/** The page as plain lines (its cards' headlines), for when Discord refuses the cards themselves. */
export function plainPage(page: PageMessage): PageMessage {
  const lines = page.embeds.map((e) => `• ${e.title ?? ''}${e.footer?.text ? ` (${escapeDiscord(e.footer.text)})` : ''}`);
  return { ...page, content: clip([page.content, ...lines].join('\n'), LIMITS.content), embeds: [] };
}

/**
 * Sends a page; when Discord refuses its cards for good (400 Invalid Form Body), sends the same page as
 * plain lines, so one bad card never makes a whole answer fail.
 */
async function orPlain(page: PageMessage, send: (m: PageMessage) => Promise<unknown>, log: DiscordLog): Promise<void> {
  try {
    await send(page);
  } catch (err) {
    if (!(err instanceof DiscordAPIError) || err.status !== 400 || page.embeds.length === 0) throw err;
    log.warn({ code: err.code }, `Discord refused the cards of an answer (${err.message.split('\n')[0]}): sent as plain lines`);
    await send(plainPage(page));
  }
}

function render(answer: ExitsReply, query: PageQuery | null, ids: PageIds): Rendered {
  if (!answer.ok) return { note: answer.error };
  if (answer.events === undefined) return { page: textMessage(answer) };
  if (answer.events.length === 0 || !query) return { note: answer.summary || answer.title };
  return { page: pageMessage(answer, query, ids) };
}

function pageable(query: ExitsQuery): PageQuery | null {
  return query.sub === 'recent' || query.sub === 'person' || query.sub === 'company' ? query : null;
}

/**
 * The one dispatcher for Discord interactions: /exits commands, autocomplete and the paging buttons.
 * It never throws; a failure is logged and answered with an ephemeral apology.
 */
export function createInteractionHandler(opts: InteractionHandlerOptions): (i: Interaction) => Promise<void> {
  const { queries, log } = opts;
  const ids = opts.ids ?? createPageIds();
  const deferAfter = opts.deferAfterMs ?? 1500;

  async function command(i: ChatInputCommandInteraction): Promise<void> {
    const query = queryOf(i);
    const pending = queries.answer(query, askerOf(i));
    const quick = await quickly(pending, deferAfter);
    if (quick !== SLOW) {
      const r = render(quick, pageable(query), ids);
      await ('page' in r ? orPlain(r.page, (m) => i.reply(m), log) : i.reply(note(r.note)));
      return;
    }
    await i.deferReply();
    const r = render(await pending, pageable(query), ids);
    if ('page' in r) {
      await orPlain(r.page, (m) => i.editReply(m), log);
      return;
    }
    // The deferral was public; a sentence for the asker alone replaces it.
    await i.deleteReply();
    await i.followUp(note(r.note));
  }

  async function button(i: ButtonInteraction, ids: PageIds): Promise<void> {
    const target = ids.decode(i.customId);
    if (!target) return;
    if ('expired' in target) {
      await i.reply(note('this list is no longer available; run the command again'));
      return;
    }
    const asker: Asker = { channel: i.channelId ?? null, user: i.user.id, manageChannels: false, manageGuild: false };
    const pending = queries.answer({ ...target.query, page: target.page }, asker);
    const quick = await quickly(pending, deferAfter);
    if (quick !== SLOW) {
      const r = render(quick, target.query, ids);
      await ('page' in r ? orPlain(r.page, (m) => i.update(m), log) : i.reply(note(r.note)));
      return;
    }
    await i.deferUpdate();
    const r = render(await pending, target.query, ids);
    await ('page' in r ? orPlain(r.page, (m) => i.editReply(m), log) : i.followUp(note(r.note)));
  }

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const group = i.options.getSubcommandGroup(false);
    const what = group === 'watch' ? i.options.getString('what') : null;
    const field = suggestionField(i.options.getSubcommand(false), focused.name, group, what);
    const names = field ? await queries.suggest(field, String(focused.value)) : [];
    await i.respond(autocompleteChoices(names));
  }

  async function fail(i: Interaction, err: unknown): Promise<void> {
    log.error(
      { interaction: i.id, user: i.user.id, code: err instanceof ExitsError ? err.code : undefined },
      `Discord interaction failed: ${errorMessage(err)}`,
    );
    const text = `sorry, that did not work: ${err instanceof ExitsError ? err.message : 'an internal error (it is in the bot’s log)'}`;
    if (i.isAutocomplete()) {
      if (!i.responded) await i.respond([]);
      return;
    }
    if (!i.isRepliable()) return;
    if (i.deferred && !i.replied && i.isChatInputCommand()) await i.deleteReply().catch(() => {});
    await (i.deferred || i.replied ? i.followUp(note(text)) : i.reply(note(text)));
  }

  return async (i) => {
    try {
      if (i.isAutocomplete() && i.commandName === COMMAND_NAME) await autocomplete(i);
      else if (i.isChatInputCommand() && i.commandName === COMMAND_NAME) await command(i);
      else if (i.isButton()) await button(i, ids);
    } catch (err) {
      try {
        await fail(i, err);
      } catch (again) {
        log.error({ interaction: i.id }, `could not tell the user about the failure: ${errorMessage(again)}`);
      }
    }
  };
}

/**
 * Autocomplete choices: at most 25, names and values of 1 to 100 characters, valid Unicode without
 * hidden characters, cut between graphemes (a value is a name typed in; it is re-read by the query).
 */
export function autocompleteChoices(names: string[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const n of names) {
    const name = cleanText(n, 100);
    const value = prefixWithin(name.endsWith('…') ? cleanText(n, 10_000) : name, 100).trim();
    if (name && value && !out.some((c) => c.value === value)) out.push({ name, value });
    if (out.length === 25) break;
  }
  return out;
}
