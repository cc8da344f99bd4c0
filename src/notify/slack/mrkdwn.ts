/**
 * Slack text safety. Slack parses `&`, `<` and `>` as control characters in message text: `<!channel>`,
 * `<@U123>`, `<!subteam^S1>` and `<https://x|label>` only work because of them. Escaping those three
 * characters is enough to make any text from a feed inert (no pings, no injected links).
 */

import { graphemes } from '../../core/text.ts';
import { normaliseUrl } from '../url.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escapes text and cuts it so the escaped result has at most `max` characters, never in the middle
 * of an entity; a cut text ends with "…".
 */
export function escapeWithin(text: string, max: number): string {
  const full = escapeMrkdwn(text);
  if (full.length <= max) return full;
  let out = '';
  for (const g of graphemes(text)) {
    const piece = escapeMrkdwn(g);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/**
 * A URL that is safe inside `<url|label>`: http(s) without credentials, normalised and encoded to a
 * valid URI (so it holds no `|`, `<`, `>` or space), `&` escaped; at most `max` characters once escaped.
 * Null otherwise.
 */
export function linkableUrl(url: string | null | undefined, max = 2000): string | null {
  const href = normaliseUrl(url, max)?.replace(/&/g, '&amp;');
  return href && href.length <= max ? href : null;
}

/**
 * `<url|label>` when the URL is usable, else the escaped label alone; at most `max` characters in all
 * (the label is cut first; a link that leaves no room for a readable label is dropped).
 */
export function mrkdwnLink(url: string | null | undefined, label: string, max = 300): string {
  const href = linkableUrl(url);
  const room = href ? max - href.length - 3 : 0;
  if (href && room >= Math.min(20, label.length || 1)) return `<${href}|${escapeWithin(label, room)}>`;
  return escapeWithin(label, max);
}
