import { randomBytes } from 'node:crypto';
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { eventEmbed, fitEmbeds, LIMITS } from './embed.ts';
import { clip, escapeDiscord, escapeLinkedLine } from './escape.ts';
import type { PagedReply, PageQuery, TextReply } from './types.ts';

/**
 * Previous/Next buttons carry the query and the page they lead to in their custom_id, so paging works
 * after a restart: "xp1|person|2||Mira Murati", "xp1|recent:fired|2|30|Acme" (a kind rides on the
 * subcommand). A query too long for Discord's 100 characters is kept in memory instead ("xp1|m|2|<id>"),
 * and its buttons stop working when the process restarts.
 */
const PREFIX = 'xp1';
const MAX_CUSTOM_ID = 100;
const REMEMBERED = 500;

export type { PageQuery };
export type PageTarget = { query: PageQuery; page: number } | { expired: true };

export interface PageIds {
  encode(query: PageQuery, page: number): string;
  /** The query and page of a button; { expired } for a remembered query that was forgotten; null if not ours. */
  decode(customId: string): PageTarget | null;
}

export function createPageIds(): PageIds {
  const remembered = new Map<string, PageQuery>();
  return {
    encode(query, page) {
      const arg = query.sub === 'recent' ? (query.company ?? '') : query.name;
      const days = query.sub === 'recent' ? (query.days ?? '') : '';
      const sub = query.sub === 'recent' && query.kind ? `recent:${query.kind}` : query.sub;
      const id = `${PREFIX}|${sub}|${page}|${days}|${arg}`;
      if (id.length <= MAX_CUSTOM_ID) return id;
      const key = randomBytes(9).toString('base64url');
      remembered.set(key, query);
      if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as string);
      return `${PREFIX}|m|${page}|${key}`;
    },
    decode(customId) {
      const parts = customId.split('|');
      if (parts[0] !== PREFIX || parts.length < 4) return null;
      const [, sub, pageText] = parts;
      const page = Number(pageText);
      if (!Number.isInteger(page) || page < 1) return null;
      if (sub === 'm') {
        const query = remembered.get(parts[3] as string);
        return query ? { query, page } : { expired: true };
      }
      if (parts.length < 5) return null;
      const days = parts[3] === '' ? undefined : Number(parts[3]);
      const arg = parts.slice(4).join('|');
      const [base, kind] = (sub as string).split(':');
      if (base === 'recent') {
        if (days !== undefined && !Number.isInteger(days)) return null;
        if (kind !== undefined && !/^[a-z]{1,20}$/.test(kind)) return null;
        const query: PageQuery = { sub: 'recent', days, company: arg === '' ? undefined : arg };
        if (kind) query.kind = kind;
        return { query, page };
      }
      if (sub === 'person' || sub === 'company') return { query: { sub, name: arg }, page };
      return null;
    },
  };
}

/** What a reply or message edit carries; `allowedMentions` is always empty so nothing ever pings. */
export interface PageMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
}

function button(label: string, customId: string, disabled: boolean): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: customId, disabled };
}

/**
 * Discord merges the embeds of a message that share a url and shows only the first: a second change
 * reported by the same article would vanish. Later embeds with a url already used keep their card
 * without the link (the first card of the page links the article).
 */
export function distinctUrls(embeds: APIEmbed[]): APIEmbed[] {
  const seen = new Set<string>();
  return embeds.map((e) => {
    if (!e.url) return e;
    if (!seen.has(e.url)) {
      seen.add(e.url);
      return e;
    }
    const { url: _dropped, ...rest } = e;
    return rest;
  });
}

/** One page of an answer: a heading line, one card per change, Previous/Next when there is more than one page. */
export function pageMessage(answer: PagedReply, query: PageQuery, ids: PageIds): PageMessage {
  const heading = `**${escapeDiscord(answer.title)}**\n${escapeDiscord(answer.summary)}`;
  const components: APIActionRowComponent<APIButtonComponent>[] = [];
  if (answer.pages > 1) {
    const { page, pages } = answer;
    // Disabled buttons still need distinct ids: they point one page outside the range.
    components.push({
      type: ComponentType.ActionRow,
      components: [
        button('◀ Previous', ids.encode(query, Math.max(1, page - 1)), page <= 1),
        button('Next ▶', ids.encode(query, page < pages ? page + 1 : pages + 1), page >= pages),
      ],
    });
  }
  return {
    content: clip(heading, LIMITS.content),
    embeds: fitEmbeds(distinctUrls(answer.events.map(eventEmbed))),
    components,
    allowedMentions: { parse: [] },
  };
}

/** Longest line of a text answer, and the colour of its embed. */
const TEXT_LINE = 600;
const TEXT_COLOR = 0x5865f2;

/** "… and 91 more", with the command that shows them all when there is one. */
function moreLine(n: number, whole: string | undefined): string {
  return whole ? `… and ${n} more: \`${whole.replace(/`/g, '')}\` on the command line lists them all` : `… and ${n} more`;
}

/**
 * A text answer (the sources of a change, a watchlist) as one embed: the title, then one line each,
 * escaped with their links kept; lines that do not fit end in "… and N more".
 */
export function textMessage(answer: TextReply): PageMessage {
  const out: string[] = [];
  let used = 0;
  const lines = answer.lines.map((raw) => {
    const l = raw.replace(/\s+/g, ' ').trim();
    const linked = escapeLinkedLine(l);
    // A cut must not fall inside a <url>: a line too long keeps its URLs as plain text.
    return linked.length <= TEXT_LINE ? linked : clip(escapeDiscord(l), TEXT_LINE);
  });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const more = moreLine(lines.length - i, answer.whole);
    const reserve = i < lines.length - 1 ? more.length + 1 : 0;
    if (used + line.length + 1 + reserve > LIMITS.description) {
      out.push(more);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  const embed: APIEmbed = { title: clip(escapeDiscord(answer.title), LIMITS.title), color: TEXT_COLOR };
  if (out.length > 0) embed.description = out.join('\n');
  return { content: '', embeds: [embed], components: [], allowedMentions: { parse: [] } };
}
