/** HTML fragments from feeds to plain text: tags out, entities decoded, whitespace collapsed. */
import { decodeHTML } from 'entities';

/**
 * HTML character references, decoded as browsers do by the `entities` package (the whole HTML named table,
 * references without their semicolon, numeric references to windows-1252's 0x80-0x9F read as the
 * characters they mean: `&#150;` is "–", not a C1 control). A numeric reference to nothing printable (0,
 * U+FFFD, a surrogate, beyond U+10FFFF) is left as written rather than become U+FFFD.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return decodeHTML(s.replace(NUMERIC, (whole, digits: string) => (isSafeCodePoint(codeOf(digits)) ? whole : `&amp;${whole.slice(1)}`)));
}

const NUMERIC = /&#([xX][0-9a-fA-F]+|[0-9]+);?/g;

function codeOf(digits: string): number {
  return digits[0] === 'x' || digits[0] === 'X' ? Number.parseInt(digits.slice(1), 16) : Number(digits);
}

function isSafeCodePoint(code: number): boolean {
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffd;
}

const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|section|article|header|footer|table|tr|td|th|pre|figure|figcaption|dd|dt)\b[^>]*>/gi;
const DROPPED_ELEMENT = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?-->/g;

/** One line of plain text: for titles and summaries. */
export function htmlToText(html: string): string {
  return collapse(decodeEntities(stripTags(html)));
}

/** Plain text that keeps paragraph breaks: for article bodies. */
export function htmlToParagraphs(html: string): string {
  // Newlines in HTML source are just spaces; only block elements break paragraphs.
  const text = decodeEntities(stripTags(html.replace(SPACES, ' ').replace(BLOCK_TAG, '\n')));
  return text
    .split(/\n/)
    .map(collapse)
    .filter((line) => line.length > 0)
    .join('\n\n');
}

function stripTags(html: string): string {
  // Inline tags vanish without a space so "Mu<b>rati</b>" stays one word; block tags separate.
  return html.replace(DROPPED_ELEMENT, ' ').replace(BLOCK_TAG, ' \n').replace(TAG, '');
}

/**
 * Runs of whitespace that are not already one plain space: JavaScript's \s covers no-break and the other
 * Unicode spaces. Leaving single spaces alone spares a replacement between every two words.
 */
const SPACES = /\s{2,}|[^\S ]/g;

/** Collapses runs of whitespace (including no-break and other Unicode spaces) into one space. */
export function collapse(s: string): string {
  return s.replace(SPACES, ' ').trim();
}
