import { prefixWithin } from '../../core/text.ts';
import { normaliseUrl } from '../url.ts';

/**
 * Making feed text inert in Discord: markdown is escaped and mentions are broken, so a title such as
 * "@everyone [click](https://evil.example)" shows as typed and neither pings nor links.
 */

/** Characters with a meaning in Discord markdown (bold, lists, headings, quotes, spoilers, links, code). */
const MARKDOWN = /[\\*_~`|>#\-[\]()]/g;

/** Breaks @everyone, @here and any other @word: a zero-width space after the @ is invisible but stops the parse. */
const AT = /@/g;

/** `<@123>`, `<@!123>`, `<@&456>`, `<#789>`, `</cmd:1>`, `<t:…>`, `<:emoji:1>`: an escaped < is shown as typed. */
const ANGLE = /</g;

export const ZWSP = '\u200b';

/**
 * Neutralises mentions only, for places Discord shows as plain text (footer, button labels): a backslash
 * would show there, so a zero-width space after `@` and `<` breaks them instead.
 */
export function noMentions(text: string): string {
  return text.replace(AT, `@${ZWSP}`).replace(ANGLE, `<${ZWSP}`);
}

/** Escapes markdown and neutralises mentions, for places Discord renders (title, description, field values). */
export function escapeDiscord(text: string): string {
  return text
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(AT, `@${ZWSP}`)
    .replace(ANGLE, '\\<');
}

/**
 * Cuts escaped text to at most `max` characters, ending with "…" when cut. It never leaves a lone
 * backslash at the end, which would escape the ellipsis or whatever follows.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  // Cut between graphemes: never half a surrogate pair (invalid Unicode) or half an emoji sequence.
  let cut = prefixWithin(text, max - 1);
  let slashes = 0;
  for (let i = cut.length - 1; i >= 0 && cut[i] === '\\'; i--) slashes++;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Only http(s) URLs without credentials may become links (embed url, buttons), normalised and encoded
 * to a valid URI of at most 2,048 characters; anything else is dropped (the card is sent without it).
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  return normaliseUrl(url, 2048) ?? undefined;
}

/**
 * A line of text with the http(s) URLs in it kept clickable: each URL becomes an autolink `<url>`
 * (normalised by the URL parser, so it holds no space, `<` or `>`), everything else is escaped.
 * URLs with a user name or password are shown as text.
 */
export function escapeLinkedLine(text: string): string {
  return text
    .split(/(\s+)/)
    .map((token) => {
      if (/^https?:\/\//i.test(token)) {
        const url = safeUrl(token);
        if (url) return `<${url}>`;
      }
      return escapeDiscord(token);
    })
    .join('');
}
