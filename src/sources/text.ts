/** HTML fragments from feeds to plain text: tags out, entities decoded, whitespace collapsed. */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  laquo: '\u00ab',
  raquo: '\u00bb',
  hellip: '\u2026',
  bull: '\u2022',
  middot: '\u00b7',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  deg: '\u00b0',
  times: '\u00d7',
  shy: '\u00ad',
  iexcl: '\u00a1',
  iquest: '\u00bf',
  szlig: '\u00df',
  aelig: '\u00e6',
  AElig: '\u00c6',
  oelig: '\u0153',
  OElig: '\u0152',
  oslash: '\u00f8',
  Oslash: '\u00d8',
  aring: '\u00e5',
  Aring: '\u00c5',
  ccedil: '\u00e7',
  Ccedil: '\u00c7',
  ntilde: '\u00f1',
  Ntilde: '\u00d1',
  eth: '\u00f0',
  thorn: '\u00fe',
};

/** Vowels carrying the accents the named-entity table spells as e.g. `&eacute;` or `&Uuml;`. */
const ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
};

const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return isSafeCodePoint(code) ? String.fromCodePoint(code) : whole;
    }
    const named = NAMED[name];
    if (named !== undefined) return named;
    const accented = /^([A-Za-z])(acute|grave|circ|uml|tilde)$/.exec(name);
    if (accented?.[1] && accented[2]) return `${accented[1]}${ACCENTS[accented[2]]}`.normalize('NFC');
    return whole;
  });
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
