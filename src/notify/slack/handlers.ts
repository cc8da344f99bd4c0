import type { App, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import { errorMessage } from '../../core/errors.ts';
import { answerMessage, noticeMessage, PAGE_ACTIONS, textMessage } from './blocks.ts';
import { type Parsed, parseCommandText, parsePagerValue } from './command.ts';
import { prefixWithin } from '../../core/text.ts';
import type { AskFn, Asker, Block, SlackLog, SlackMessage } from './types.ts';

export const DEFAULT_HELP = [
  '/exits recent [days] [company] [kind]: changes of the last days (default 7)',
  '/exits person <name>: one person’s changes',
  '/exits company <name>: arrivals and departures at a company',
  '/exits sources <id>: where a change was reported (the id is on its card)',
  '/exits watch add|remove person|company <name>, /exits watch list: what this channel receives',
  '/exits help: this text',
].join('\n');

export interface CommandOptions {
  ask: AskFn;
  log: SlackLog;
  helpText?: string;
  /** The slash command as configured in the app manifest (default "/exits"). */
  command?: string;
}

function ephemeral(message: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, ...message } as RespondArguments;
}

/** What the user sees for a request: the cards of a page for everyone, or a notice only for them. */
async function answer(
  parsed: Extract<Parsed, { ok: true }>,
  asker: Asker,
  opts: CommandOptions,
): Promise<RespondArguments> {
  try {
    const result = await opts.ask(parsed.req, asker);
    if (!result.ok) return ephemeral(noticeMessage(result.error));
    // An empty result is for the asker alone, as on Discord.
    if (result.events !== undefined && result.events.length === 0) return ephemeral(noticeMessage(result.summary || result.title));
    const message = result.events === undefined ? textMessage(result) : answerMessage(result, parsed.text);
    return { response_type: 'in_channel', ...message } as RespondArguments;
  } catch (err) {
    opts.log.error({ request: parsed.text }, `slack /exits failed: ${errorMessage(err)}`);
    return ephemeral(noticeMessage('Sorry, exits could not read its history just now. Try again in a minute.'));
  }
}

/** An answer as plain lines (the title, the summary, each card's headline), for when Slack refuses its blocks. */
export function plainAnswer(reply: RespondArguments): RespondArguments {
  const blocks = ((reply as { blocks?: Block[] }).blocks ?? []) as Block[];
  const [title, ...headlines] = blocks.filter((b) => b.type === 'header').map((b) => (b.text as { text: string }).text);
  const summary = blocks.find((b) => b.type === 'context')?.elements as { text?: string }[] | undefined;
  const lines = [`*${title ?? 'exits'}*`, ...(summary?.[0]?.text ? [summary[0].text] : []), ...headlines.map((h) => `• ${h}`)];
  const text = prefixWithin(lines.join('\n'), 3000);
  return { ...reply, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] } as RespondArguments;
}

/** Responds; when Slack refuses the blocks (invalid_blocks), responds again with plain lines, never silence. */
async function respondOrPlain(respond: (r: RespondArguments) => Promise<unknown>, reply: RespondArguments, log: SlackLog): Promise<void> {
  try {
    await respond(reply);
  } catch (err) {
    if (!(reply as { blocks?: unknown[] }).blocks?.length) throw err;
    log.warn({}, `slack refused an /exits answer (${errorMessage(err)}): sent as plain lines`);
    await respond(plainAnswer(reply));
  }
}

function refusal(parsed: Extract<Parsed, { ok: false }>, help: string): SlackMessage {
  return noticeMessage(parsed.help ? `${parsed.error}\n${help}` : parsed.error);
}

/**
 * The /exits slash command and its Previous/Next buttons. Each handler acknowledges first (Slack
 * wants that within 3 s), then answers through the response URL.
 */
export function registerExitsCommand(app: App, opts: CommandOptions): void {
  const help = opts.helpText ?? DEFAULT_HELP;
  app.command(opts.command ?? '/exits', async ({ command, ack, respond }) => {
    const parsed = parseCommandText(command.text ?? '');
    opts.log.debug({ user: command.user_id, channel: command.channel_id, ok: parsed.ok }, 'slack /exits');
    if (!parsed.ok) {
      await ack(ephemeral(refusal(parsed, help)));
      return;
    }
    if (parsed.req.sub === 'help') {
      await ack(ephemeral(noticeMessage(help)));
      return;
    }
    await ack();
    await respondOrPlain(respond, await answer(parsed, { channel: command.channel_id, user: command.user_id }, opts), opts.log);
  });

  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^(${PAGE_ACTIONS.prev}|${PAGE_ACTIONS.next})$`) },
    async ({ ack, action, body, respond }) => {
      await ack();
      const parsed = parsePagerValue(action.value);
      if (!parsed.ok || parsed.req.sub === 'help') {
        await respond(ephemeral(parsed.ok ? noticeMessage(help) : refusal(parsed, help)));
        return;
      }
      const asker = { channel: body.channel?.id ?? body.container?.channel_id ?? '', user: body.user.id };
      const reply = await answer(parsed, asker, opts);
      await respondOrPlain(respond, reply.response_type === 'in_channel' ? { ...reply, replace_original: true } : reply, opts.log);
    },
  );
}
