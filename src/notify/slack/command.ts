import { CHANGE_TYPES } from '../../core/types.ts';
import type { QueryRequest } from './types.ts';

/** Longest slash-command text accepted (Slack allows far more; nobody types this much). */
export const MAX_TEXT_LENGTH = 300;
const MAX_PAGE = 1000;

export type Parsed = { ok: true; req: QueryRequest; text: string } | { ok: false; error: string; help: boolean };

/** Slack sends `&`, `<`, `>` as entities in command text; a mention arrives as `<@U123|name>`. */
function decode(text: string): string {
  return text
    .replace(/<[@#!][^|>]*\|([^>]*)>/g, '$1')
    // Slack links URLs as <https://…> or <https://…|label>: the URL is what was typed.
    .replace(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function fail(error: string, help = false): Parsed {
  return { ok: false, error, help };
}

const KINDS: readonly string[] = CHANGE_TYPES;
const WATCH_USAGE = 'usage: /exits watch add|remove person|company <name>, or /exits watch list';
const FEEDS_USAGE = 'usage: /exits feeds add <url> [name], /exits feeds remove <url or name>, or /exits feeds list';

function watchWhat(word: string | undefined): 'person' | 'company' | null {
  switch (word?.toLowerCase()) {
    case 'person':
    case 'people':
      return 'person';
    case 'company':
    case 'companies':
      return 'company';
    default:
      return null;
  }
}

/**
 * Parses the text after `/exits`: "recent 30 openai fired", "person mira mulati", "company anthropic",
 * "sources 3fa9c01b", "watch add person mira murati", "watch list", "help"; recent, person and company
 * optionally end in "page N". The returned text is the normalised command (without the page), which
 * the pager buttons carry.
 */
export function parseCommandText(raw: string): Parsed {
  if (raw.length > MAX_TEXT_LENGTH * 2) return fail(`that is too long: at most ${MAX_TEXT_LENGTH} characters`);
  const text = decode(raw)
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_TEXT_LENGTH) return fail(`that is too long: at most ${MAX_TEXT_LENGTH} characters`);
  const words = text ? text.split(' ') : [];
  const sub = (words.shift() ?? 'help').toLowerCase();
  let page: number | undefined;
  const n = words.length;
  if (['recent', 'person', 'company'].includes(sub) && n >= 2 && words[n - 2]?.toLowerCase() === 'page') {
    const p = words[n - 1] ?? '';
    if (!/^\d{1,4}$/.test(p) || Number(p) < 1 || Number(p) > MAX_PAGE) {
      return fail(`page must be a whole number from 1 to ${MAX_PAGE}`);
    }
    page = Number(p);
    words.splice(n - 2, 2);
  }
  const rest = words.join(' ');
  const withPage = <T extends object>(req: T): T & { page?: number } => (page === undefined ? req : { ...req, page });
  switch (sub) {
    case 'help':
      return { ok: true, req: { sub: 'help' }, text: 'help' };
    case 'recent': {
      // The kind is a word of its own, last ("recent 30 openai fired") or first ("recent fired 30 openai").
      let kind: string | undefined;
      for (const at of [words.length - 1, 0]) {
        const w = words[at]?.toLowerCase();
        if (w !== undefined && KINDS.includes(w)) {
          kind = w;
          words.splice(at, 1);
          break;
        }
      }
      let days: number | undefined;
      const first = words[0];
      if (first !== undefined && /^[-+]?\d[\d.,]*d?$/i.test(first)) {
        if (!/^\d{1,4}d?$/i.test(first)) return fail('days must be a whole number, e.g. /exits recent 30');
        days = Number.parseInt(first, 10);
        words.shift();
      }
      const company = words.join(' ');
      const req: QueryRequest = { sub: 'recent' };
      if (days !== undefined) req.days = days;
      if (company) req.company = company;
      if (kind) req.kind = kind;
      const normal = ['recent', days, company, kind].filter((x) => x !== undefined && x !== '').join(' ');
      return { ok: true, req: withPage(req), text: normal };
    }
    case 'person':
    case 'company': {
      if (!rest) return fail(`usage: /exits ${sub} <name>`);
      return { ok: true, req: withPage({ sub, name: rest }), text: `${sub} ${rest}` };
    }
    case 'source':
    case 'sources': {
      // Copied from a card, the id may come as "id 3fa9c01b2e" or in backticks.
      const id = rest.replace(/^id\s+/i, '').replace(/`/g, '').trim();
      if (!id || id.includes(' ')) return fail('usage: /exits sources <id> (the id is on the card)');
      return { ok: true, req: { sub: 'sources', event: id }, text: `sources ${id}` };
    }
    case 'watch': {
      const action = (words.shift() ?? 'list').toLowerCase();
      if (action === 'list') {
        if (words.length > 0) return fail(WATCH_USAGE);
        return { ok: true, req: { sub: 'watch', action: 'list' }, text: 'watch list' };
      }
      if (action !== 'add' && action !== 'remove') return fail(WATCH_USAGE);
      const what = watchWhat(words.shift());
      const name = words.join(' ');
      if (!what || !name) return fail(WATCH_USAGE);
      return { ok: true, req: { sub: 'watch', action, what, name }, text: `watch ${action} ${what} ${name}` };
    }
    case 'feeds': {
      const action = (words.shift() ?? 'list').toLowerCase();
      if (action === 'list') {
        if (words.length > 0) return fail(FEEDS_USAGE);
        return { ok: true, req: { sub: 'feeds', action: 'list' }, text: 'feeds list' };
      }
      if (action === 'remove' && words.length > 0) {
        const url = words.join(' ');
        return { ok: true, req: { sub: 'feeds', action, url }, text: `feeds remove ${url}` };
      }
      const url = words.shift();
      if (action !== 'add' || !url) return fail(FEEDS_USAGE);
      const name = words.join(' ') || undefined;
      return { ok: true, req: { sub: 'feeds', action, url, name }, text: `feeds add ${url}${name ? ` ${name}` : ''}` };
    }
    default:
      return fail(`unknown subcommand "${sub.slice(0, 30)}"`, true);
  }
}

/** Reads a pager button value back into a request; anything malformed is refused. */
export function parsePagerValue(value: string | undefined): Parsed {
  if (!value || value.length > 2000) return fail('that button has expired: run the command again');
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return fail('that button has expired: run the command again');
  }
  const { q, p } = (data ?? {}) as { q?: unknown; p?: unknown };
  if (typeof q !== 'string' || typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > MAX_PAGE) {
    return fail('that button has expired: run the command again');
  }
  const parsed = parseCommandText(q);
  if (!parsed.ok) return parsed;
  const { req } = parsed;
  if (req.sub !== 'recent' && req.sub !== 'person' && req.sub !== 'company') {
    return fail('that button has expired: run the command again');
  }
  return { ok: true, req: { ...req, page: p }, text: parsed.text };
}
