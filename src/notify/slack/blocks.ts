import type { EventRecord } from '../../core/types.ts';
import { buildCard, cleanText } from '../card.ts';
import { escapeWithin, linkableUrl, mrkdwnLink } from './mrkdwn.ts';
import type { Block, PagedAnswer, SlackMessage, TextAnswer } from './types.ts';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextText: 3000,
  blocks: 50,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

export const PAGE_ACTIONS = { prev: 'exits_page_prev', next: 'exits_page_next' } as const;

function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: escapeWithin(text || '-', LIMITS.headerText) } };
}

/** The blocks of one alert card: headline, fields, quoted evidence, source link and the card's id. */
export function cardBlocks(event: EventRecord): Block[] {
  const card = buildCard(event);
  const blocks: Block[] = [header(card.headline)];
  const fields = card.fields.slice(0, LIMITS.fields).map((f) => ({
    type: 'mrkdwn',
    text: `*${escapeWithin(f.name, 100)}*\n${escapeWithin(f.value, LIMITS.fieldText - 110)}`,
  }));
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  if (card.evidence) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `>${escapeWithin(card.evidence, LIMITS.sectionText - 1)}` },
    });
  }
  const title = cleanText(event.title, 1500) || 'article';
  const source = card.source ? `${escapeWithin(card.source, 200)} · ` : '';
  // The whole element, escaped, within the 3,000 characters of a context text.
  const link = mrkdwnLink(event.url, title, LIMITS.contextText - source.length);
  const elements = [{ type: 'mrkdwn', text: `${source}${link}` }];
  // The id, for `/exits sources ID`.
  const id = card.id.replace(/[`\s]/g, '');
  if (id) elements.push({ type: 'mrkdwn', text: `id \`${escapeWithin(id, 100)}\`` });
  blocks.push({ type: 'context', elements });
  return blocks;
}

function fallback(text: string): string {
  return escapeWithin(text.replace(/\s+/g, ' ').trim(), LIMITS.fallbackText);
}

/** The message posted to the alert channels for one new change. */
export function alertMessage(event: EventRecord): SlackMessage {
  const card = buildCard(event);
  const text = card.source ? `${card.headline} (${card.source})` : card.headline;
  return { text: fallback(text || 'A leadership change'), blocks: cardBlocks(event) };
}

/** Never more than 50 blocks: cards are dropped whole from the end, the pager row is kept. */
export function fitBlocks(body: Block[], tail: Block[] = []): Block[] {
  const room = LIMITS.blocks - tail.length;
  if (body.length <= room) return [...body, ...tail];
  let cut = room;
  // Cut before a card's header rather than in the middle of a card.
  while (cut > 1 && body[cut]?.type !== 'header') cut--;
  return [...body.slice(0, cut), ...tail];
}

/** The button value of a pager: the command text (re-parsed and re-validated on click) and the page. */
export function pagerValue(text: string, page: number): string {
  return JSON.stringify({ q: text, p: page }).slice(0, LIMITS.buttonValue);
}

function button(actionId: string, label: string, value: string): Record<string, unknown> {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value };
}

/**
 * A query answer as a message: the title, the "1–10 of 34" line, the cards of the page, and
 * Previous/Next buttons when there is more than one page.
 */
export function answerMessage(answer: PagedAnswer, commandText: string): SlackMessage {
  const body: Block[] = [
    header(answer.title),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeWithin(answer.summary, LIMITS.contextText) }] },
  ];
  for (const event of answer.events) body.push(...cardBlocks(event));
  const buttons: Record<string, unknown>[] = [];
  if (answer.page > 1) {
    buttons.push(button(PAGE_ACTIONS.prev, '◀ Previous', pagerValue(commandText, answer.page - 1)));
  }
  if (answer.page < answer.pages) {
    buttons.push(button(PAGE_ACTIONS.next, 'Next ▶', pagerValue(commandText, answer.page + 1)));
  }
  const tail: Block[] = buttons.length ? [{ type: 'actions', block_id: `exits_pager_${answer.page}`, elements: buttons }] : [];
  return { text: fallback(`${answer.title}: ${answer.summary}`), blocks: fitBlocks(body, tail) };
}

/** A line of a text answer: escaped, with its http(s) URLs as links. */
export function linkedLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const out = flat
    .split(' ')
    .map((w) => {
      const href = /^https?:\/\//i.test(w) ? linkableUrl(w) : null;
      return href ? `<${href}>` : escapeWithin(w, max);
    })
    .join(' ');
  // Never cut inside a link: a line too long loses its links instead.
  return out.length <= max ? out : escapeWithin(flat, max);
}

const MAX_TEXT_LINE = 1000;

/**
 * A text answer (the sources of a change, a watchlist): the title as a header, the lines in sections
 * of at most 3000 characters, within 50 blocks ("… and N more" when some do not fit).
 */
export function textMessage(answer: TextAnswer): SlackMessage {
  const chunks: { text: string; lines: number }[] = [];
  for (const line of answer.lines.map((l) => linkedLine(l, MAX_TEXT_LINE))) {
    const last = chunks.at(-1);
    if (last && last.text.length + 1 + line.length <= LIMITS.sectionText) {
      last.text += `\n${line}`;
      last.lines++;
    } else chunks.push({ text: line, lines: 1 });
  }
  const room = LIMITS.blocks - 1;
  let kept = chunks;
  if (chunks.length > room) {
    kept = chunks.slice(0, room - 1);
    const more = chunks.slice(room - 1).reduce((n, c) => n + c.lines, 0);
    const how = answer.whole ? `: \`${escapeWithin(answer.whole.replace(/`/g, ''), 200)}\` on the command line lists them all` : '';
    kept.push({ text: `… and ${more} more${how}`, lines: more });
  }
  const blocks: Block[] = [
    header(answer.title),
    ...kept.map((c) => ({ type: 'section', text: { type: 'mrkdwn', text: c.text } })),
  ];
  return { text: fallback(answer.title), blocks };
}

/** A short notice (error, help) as mrkdwn text. */
export function noticeMessage(text: string): SlackMessage {
  const safe = escapeWithin(text, LIMITS.sectionText);
  return { text: safe, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe } }] };
}
