/**
 * Slack text safety. Slack parses `&`, `<` and `>` as control characters in message text: `<!channel>`,
 * `<@U123>`, `<!subteam^S1>` and `<https://x|label>` only work because of them. Escaping those three
 * characters is enough to make any text from a feed inert (no pings, no injected links).
 */

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
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}

/**
 * A URL that is safe inside `<url|label>`: http(s) only, normalised by the URL parser, with the
 * characters that would end the link (`|`, `<`, `>`) percent-encoded and `&` escaped. Null otherwise.
 */
export function linkableUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const href = parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\s/g, '%20');
  if (href.length > 2000) return null;
  return href.replace(/&/g, '&amp;');
}

/** `<url|label>` when the URL is usable, else the escaped label alone. */
export function mrkdwnLink(url: string | null | undefined, label: string, maxLabel = 300): string {
  const href = linkableUrl(url);
  const text = escapeWithin(label, maxLabel);
  return href ? `<${href}|${text}>` : text;
}
