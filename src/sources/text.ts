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
const DROPPED_OPEN = /<(script|style|noscript|template)\b[^>]*>|<!--/gi;
const DROPPED_CLOSE: Record<string, RegExp> = {
  script: /<\/script\s*>/gi,
  style: /<\/style\s*>/gi,
  noscript: /<\/noscript\s*>/gi,
  template: /<\/template\s*>/gi,
};
const TAG = /<\/?[A-Za-z][^<>]*>/g;

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
  if (!html.includes('<')) return html;
  // Inline tags vanish without a space so "Mu<b>rati</b>" stays one word; block tags separate.
  return dropHidden(html).replace(BLOCK_TAG, ' \n').replace(TAG, '');
}

/**
 * Removes comments, and script, style, noscript and template elements with their content, in one pass.
 * An element never closed loses only its tag, and a comment never closed stays (a title that mentions
 * "<script>" keeps its other words); once an end is known to be missing it is not looked for again, so a
 * text of unclosed `<script>`s costs one pass, not one per opening.
 */
function dropHidden(html: string): string {
  const unclosed = new Set<string>();
  DROPPED_OPEN.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let open = DROPPED_OPEN.exec(html); open; open = DROPPED_OPEN.exec(html)) {
    const name = open[1]?.toLowerCase() ?? '--';
    const after = open.index + open[0].length;
    const end = unclosed.has(name) ? -1 : endOf(html, name, after);
    if (end < 0) unclosed.add(name);
    if (end < 0 && name === '--') continue;
    out += html.slice(from, open.index) + (name === '--' || end < 0 ? '' : ' ');
    from = end < 0 ? after : end;
    DROPPED_OPEN.lastIndex = from;
  }
  return out + html.slice(from);
}

/** Where the element (or comment, "--") opened before `after` ends, or -1. */
function endOf(html: string, name: string, after: number): number {
  if (name === '--') {
    const close = html.indexOf('-->', after);
    return close < 0 ? -1 : close + 3;
  }
  const close = DROPPED_CLOSE[name] as RegExp;
  close.lastIndex = after;
  return close.exec(html) ? close.lastIndex : -1;
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
