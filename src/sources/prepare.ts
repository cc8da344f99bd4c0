/**
 * The feed text made readable by rss-parser, before it sees it. rss-parser (through xml2js) ignores
 * namespaces, expects `<channel>` under `<rss>`, and keeps the text of a mixed-content element apart from
 * its child elements, losing their order. So, in the markup only (never inside CDATA or comments):
 *
 * - elements written with a prefix bound to the feed's own namespace (`<rss:item>` in RSS 1.0, `<atom:feed>`,
 *   `<r:rss>`) lose the prefix;
 * - an `<rss>` without a `<channel>` gets one around its content, an RDF document without one an empty one;
 * - `<item>` elements inside an Atom feed that has no `<entry>` become entries;
 * - a `<title>` holding markup (Atom xhtml, Atom 0.3 mode="xml", naked HTML), and in Atom a `<summary>` or
 *   `<content>` holding markup, is given as escaped HTML, in document order, and marked `exits-markup="1"`
 *   so that a title is read as HTML;
 * - in Atom, a `<link>` without attributes (rss-parser reads `link.$.rel` and throws) is an alternate link,
 *   and a `<published>` or `<updated>` that is not a date is emptied (rss-parser's toISOString throws,
 *   refusing the whole feed for one entry's date).
 */

const RSS_NS = new Set([
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
]);
const ATOM_NS = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);

export interface Prepared {
  xml: string;
  /** The root element's attributes (xml:base, xml:lang), read from its start tag. */
  rootAttrs: Record<string, string>;
}

/** `root` is the root's local name, lower-cased, as checkDocument found it. */
export function prepareFeed(xml: string, root: string): Prepared {
  const start = rootStartTag(xml);
  const rootAttrs = start ? attributes(start.tag) : {};
  const prefixes = feedPrefixes(rootAttrs, start?.prefix ?? null, root);
  const prefixed = prefixes.map((p) => new RegExp(`<(/?)${escapeRegExp(p)}:`, 'g'));
  let out = mapMarkup(xml, (markup) => prefixed.reduce((m, re) => m.replace(re, '<$1'), markup));
  if (root === 'rss' && !hasTag(out, 'channel')) out = wrapInChannel(out);
  if (root === 'rdf' && !hasTag(out, 'channel')) out = insertAfterRootStart(out, '<channel/>');
  if (root === 'feed' && !hasTag(out, 'entry') && hasTag(out, 'item')) {
    out = mapMarkup(out, (m) => m.replace(/<(\/?)item(?=[\s>/])/g, '<$1entry'));
  }
  if (root === 'feed') out = mapMarkup(out, fixAtomMarkup);
  out = mapMarkup(out, (m) => escapeMarkup(m, 'title'));
  // Atom xhtml summaries and content: xml2js would give their text first and their elements after.
  if (root === 'feed') out = mapMarkup(out, (m) => escapeMarkup(escapeMarkup(m, 'summary'), 'content'));
  return { xml: out, rootAttrs };
}

/**
 * Applies fn to the parts of the document outside CDATA sections and comments. A scan with indexOf, so
 * that a document of unclosed `<![CDATA[` or `<!--` costs one pass, not one pass per opening.
 */
function mapMarkup(xml: string, fn: (markup: string) => string): string {
  let out = '';
  let from = 0;
  // The next opening of each kind, looked for again only once passed (a document without CDATA would
  // otherwise be searched to its end at every comment).
  let cdata = -1;
  let comment = -1;
  for (;;) {
    if (cdata !== Infinity && cdata < from) cdata = found(xml.indexOf('<![CDATA[', from));
    if (comment !== Infinity && comment < from) comment = found(xml.indexOf('<!--', from));
    const start = Math.min(cdata, comment);
    if (start === Infinity) return out + fn(xml.slice(from));
    const close = start === cdata ? ']]>' : '-->';
    const end = xml.indexOf(close, start + 4);
    // Unterminated: the rest is left as it is, for the parser to refuse.
    const stop = end < 0 ? xml.length : end + close.length;
    out += fn(xml.slice(from, start)) + xml.slice(start, stop);
    if (end < 0) return out;
    from = stop;
  }
}

function found(index: number): number {
  return index < 0 ? Infinity : index;
}

function hasTag(xml: string, name: string): boolean {
  const tag = new RegExp(`<${name}[\\s>/]`);
  let seen = false;
  mapMarkup(xml, (m) => {
    if (!seen && tag.test(m)) seen = true;
    return m;
  });
  return seen;
}

/** The root element's start tag, after the prolog, with its prefix ("r" for `<r:rss>`). */
function rootStartTag(xml: string): { tag: string; prefix: string | null; end: number } | null {
  const prolog = /\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)/iy;
  let rest = 0;
  for (;;) {
    prolog.lastIndex = rest;
    if (!prolog.exec(xml)) break;
    rest = prolog.lastIndex;
  }
  const re = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(?:\s[^<>]*?)?\/?>/g;
  re.lastIndex = rest;
  const m = re.exec(xml);
  if (!m) return null;
  return { tag: m[0], prefix: m[1]?.slice(0, -1) ?? null, end: m.index + m[0].length };
}

/** Attributes of one start tag, entities in values left as written except the five XML ones. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1] as string;
    out[name] = xmlUnescape(m[2] ?? m[3] ?? '');
  }
  return out;
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? _);
}

/**
 * Prefixes to drop: the root's own prefix when it names a feed namespace, in RDF every prefix bound to
 * RSS 1.0 or 0.9, in Atom every prefix bound to Atom. An `atom:` prefix in an RSS feed
 * (`<atom:link rel="self">`) is left alone.
 */
function feedPrefixes(rootAttrs: Record<string, string>, rootPrefix: string | null, root: string): string[] {
  const out: string[] = [];
  for (const [name, uri] of Object.entries(rootAttrs)) {
    if (!name.startsWith('xmlns:')) continue;
    const prefix = name.slice(6);
    const isFeedNs = RSS_NS.has(uri) || ATOM_NS.has(uri);
    const ownNs = (root === 'rdf' && RSS_NS.has(uri)) || (root === 'feed' && ATOM_NS.has(uri));
    if (isFeedNs && (prefix === rootPrefix || ownNs)) out.push(prefix);
  }
  return out;
}

function wrapInChannel(xml: string): string {
  const start = rootStartTag(xml);
  if (!start) return xml;
  if (start.tag.endsWith('/>')) {
    return `${xml.slice(0, start.end - 2)}><channel/></rss>${xml.slice(start.end)}`;
  }
  const close = xml.lastIndexOf('</rss');
  if (close < start.end) return xml;
  return `${xml.slice(0, start.end)}<channel>${xml.slice(start.end, close)}</channel>${xml.slice(close)}`;
}

function insertAfterRootStart(xml: string, insert: string): string {
  const start = rootStartTag(xml);
  if (!start || start.tag.endsWith('/>')) return xml;
  return xml.slice(0, start.end) + insert + xml.slice(start.end);
}

/**
 * Elements of that name whose content has child elements, rewritten as escaped HTML in document order and
 * marked `exits-markup="1"`. A scan with indexOf: each end is looked for once, and an element never closed
 * ends the scan. One that holds an element of its own name is left alone.
 */
function escapeMarkup(markup: string, name: string): string {
  const open = new RegExp(`<${name}(\\s[^<>]*?)?(?<!/)>`, 'g');
  let out = '';
  let from = 0;
  for (;;) {
    open.lastIndex = from;
    const start = open.exec(markup);
    if (!start) return out + markup.slice(from);
    const innerStart = start.index + start[0].length;
    const close = markup.indexOf(`</${name}`, innerStart);
    const closeEnd = close < 0 ? -1 : markup.indexOf('>', close);
    if (closeEnd < 0) return out + markup.slice(from);
    const inner = markup.slice(innerStart, close);
    out += markup.slice(from, start.index);
    if (/<[A-Za-z_]/.test(inner) && !inner.includes(`<${name}`)) {
      const escaped = inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      out += `<${name}${start[1] ?? ''} exits-markup="1">${escaped}</${name}>`;
    } else {
      out += markup.slice(start.index, closeEnd + 1);
    }
    from = closeEnd + 1;
  }
}

function fixAtomMarkup(markup: string): string {
  return markup
    .replace(/<link(\s*\/?)>/g, '<link rel="alternate"$1>')
    .replace(/<(published|updated)(\s[^<>]*)?>([^<]*)<\/\1\s*>/g, (whole, name: string, attrs: string | undefined, text: string) =>
      Number.isNaN(new Date(text).getTime()) ? `<${name}${attrs ?? ''}></${name}>` : whole,
    );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
