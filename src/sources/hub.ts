/**
 * WebSub discovery (issue 19, push): the hub and topic a feed advertises, from its HTTP Link header
 * (preferred, as the WebSub recommendation says) and from the document's own links: Atom's
 * <link rel="hub"|"self"> or RSS's <atom:link rel="hub"|"self"> at feed level. Kept apart from parse.ts so
 * the rss-parser setup stays as it is; the feed-level head is scanned as text (entries are never looked at).
 */
import LinkHeader from 'http-link-header';

export interface Advertised {
  hub?: string;
  topic?: string;
}

/** Where a feed's own level ends: its first entry (links inside entries are the entries'). */
const FIRST_ENTRY = /<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]/;
const LINK_TAG = /<(?:[A-Za-z_][\w.-]*:)?link\b([^>]*)>/g;
const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The feed's advertised hub and topic; the header's win over the document's. Relative URLs are resolved. */
export function advertisedPush(xml: string, linkHeader: string | undefined, base: string): Advertised {
  const fromHeader = fromLinkHeader(linkHeader, base);
  const fromDoc = fromDocument(xml, base);
  const hub = fromHeader.hub ?? fromDoc.hub;
  if (!hub) return {};
  return { hub, topic: fromHeader.topic ?? fromDoc.topic ?? base };
}

/** `Link: <https://hub.example/>; rel="hub", <https://example.com/feed>; rel="self"`. */
export function fromLinkHeader(value: string | undefined, base: string): Advertised {
  if (!value) return {};
  let links: LinkHeader;
  try {
    links = LinkHeader.parse(value);
  } catch {
    return {};
  }
  const first = (rel: string) => absolute(links.rel(rel)[0]?.uri, base);
  return compact({ hub: first('hub'), topic: first('self') });
}

/** The first feed-level links with rel="hub" and rel="self", before any entry and outside comments. */
export function fromDocument(xml: string, base: string): Advertised {
  const noComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const end = FIRST_ENTRY.exec(noComments)?.index ?? noComments.length;
  const head = noComments.slice(0, end);
  const found: Advertised = {};
  for (const m of head.matchAll(LINK_TAG)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTR)) attrs.set((a[1] ?? '').toLowerCase(), decode(a[2] ?? a[3] ?? ''));
    const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = absolute(attrs.get('href'), base);
    if (!href) continue;
    if (rels.includes('hub')) found.hub ??= href;
    if (rels.includes('self')) found.topic ??= href;
  }
  return found;
}

/** An absolute http(s) URL, or undefined. */
function absolute(uri: string | undefined, base: string): string | undefined {
  if (!uri || !URL.canParse(uri.trim(), base)) return undefined;
  const url = new URL(uri.trim(), base);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** The five predefined XML entities and numeric references, which may appear in an href. */
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

function compact(a: Advertised): Advertised {
  return { ...(a.hub && { hub: a.hub }), ...(a.topic && { topic: a.topic }) };
}
