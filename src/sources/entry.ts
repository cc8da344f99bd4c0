/**
 * An entry's title and link from rss-parser's item and the raw XML nodes it was asked to keep
 * (customFields with keepArray): what rss-parser itself gets wrong about them is decided here.
 *
 * Titles: Atom's type and Atom 0.3's mode say whether the title is text or HTML (base64 is decoded
 * first); RSS titles are HTML by custom; media:title stands in for a missing title.
 * Links: the entry's alternate link (an Atom link without rel is one; an enclosure, related or self link is
 * not), its text when it has no href, else a permalink guid or an id that is a URL; relative ones are
 * resolved against xml:base (link, entry, channel, root, in that order), then the document's base (the
 * Content-Location header, else the URL it was fetched from).
 */

export type Attrs = Record<string, string | undefined>;

/** An element as xml2js gives it: its text, or an object with the text in `_` and attributes in `$`. */
export type RawNode = string | { _?: unknown; $?: Attrs; [child: string]: unknown };

export interface TitleFields {
  title?: unknown;
  titleNode?: RawNode[];
  mediaTitle?: unknown;
}

export interface LinkFields {
  attrs?: Attrs;
  linkNodes?: RawNode[];
  guidNode?: RawNode[];
  idNode?: RawNode[];
}

export function textOf(node: RawNode | undefined): string | null {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof node._ === 'string') return node._;
  return null;
}

function attrsOf(node: RawNode | undefined): Attrs {
  return node && typeof node === 'object' && node.$ && typeof node.$ === 'object' ? node.$ : {};
}

const HTML_TYPES = new Set(['html', 'xhtml', 'text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text', 'text/plain']);

/** The title as written (decoded from base64 if need be) and whether it is HTML. */
export function titleOf(item: TitleFields, isAtom: boolean): { title: string; isHtml: boolean } {
  const node = item.titleNode?.[0];
  const attrs = attrsOf(node);
  let title = textOf(node) ?? (typeof item.title === 'string' ? item.title : '');
  if (title.trim() === '' && typeof item.mediaTitle === 'string') title = item.mediaTitle;
  if (attrs['exits-markup'] !== undefined) return { title, isHtml: true };
  const mode = attrs.mode?.trim().toLowerCase();
  const type = attrs.type?.trim().toLowerCase();
  const isText = type !== undefined && TEXT_TYPES.has(type);
  if (!isAtom) return { title, isHtml: !isText };
  // Atom 0.3 mode="base64", or an Atom 1.0 type that is a MIME type neither text nor XML (RFC 4287 4.1.3.3).
  const binaryType = type !== undefined && type.includes('/') && !/^text\/|[+/]xml$/.test(type);
  if (mode === 'base64' || binaryType) {
    return { title: Buffer.from(title.replace(/\s+/g, ''), 'base64').toString('utf8'), isHtml: !isText };
  }
  const isHtml = (type !== undefined && HTML_TYPES.has(type)) || (mode === 'escaped' && !isText);
  return { title, isHtml };
}

/** The base URL in force inside an element, given the base outside it and the element's xml:base. */
export function withBase(base: string | null, xmlBase: string | undefined): string | null {
  const b = xmlBase?.trim();
  if (!b) return base;
  if (URL.canParse(b, base ?? undefined)) return new URL(b, base ?? undefined).href;
  return base;
}

/** An href made absolute against base when it is relative; as written when it is already absolute. */
export function resolveHref(href: string, base: string | null): string | null {
  const h = href.trim();
  if (h === '') return null;
  if (URL.canParse(h)) return h;
  if (base && URL.canParse(h, base)) return new URL(h, base).href;
  return h;
}

/** The entry's link, resolved; `base` is the base in force around the entry (feed and channel applied). */
export function linkOf(item: LinkFields, isAtom: boolean, base: string | null): string | null {
  const entryBase = withBase(base, item.attrs?.['xml:base']);
  const nodes = item.linkNodes ?? [];
  const candidates = nodes.map((node) => {
    const attrs = attrsOf(node);
    const href = attrs.href ?? textOf(node) ?? '';
    return { rel: (attrs.rel ?? 'alternate').trim().toLowerCase(), href: href.trim(), base: withBase(entryBase, attrs['xml:base']) };
  });
  const chosen = isAtom
    ? candidates.find((c) => c.rel === 'alternate' && c.href !== '')
    : candidates.find((c) => c.href !== '' && c.rel === 'alternate');
  if (chosen) return resolveHref(chosen.href, chosen.base);
  return permalinkOf(item, isAtom, entryBase);
}

/** A permalink guid (isPermaLink not "false") or an id that is an http(s) URL or an absolute path. */
function permalinkOf(item: LinkFields, isAtom: boolean, base: string | null): string | null {
  const node = (isAtom ? item.idNode : item.guidNode)?.[0];
  const value = textOf(node)?.trim();
  if (!value) return null;
  if (!isAtom && attrsOf(node).isPermaLink?.trim().toLowerCase() === 'false') return null;
  if (/^https?:\/\//i.test(value) && URL.canParse(value)) return value;
  if (value.startsWith('/') && !value.startsWith('//') && base && URL.canParse(value, base)) return new URL(value, base).href;
  return null;
}
