/**
 * Item identity: the same story or post gets the same id whatever tracking parameters, scheme, trailing
 * slash or mirror host it arrives with.
 */
import { createHash } from 'node:crypto';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
]);

/**
 * Canonical form of a URL: https, lower-case host, no default port, no fragment, no utm_* / click ids,
 * remaining query parameters sorted, no trailing slash. Null when the input is not an absolute http(s) URL.
 */
export function canonicalUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // http and https name the same story; one scheme keeps the ids equal.
  url.protocol = 'https:';
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([key]) => !isTracking(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  url.pathname = url.pathname.replace(/\/+$/, '');
  let out = url.toString();
  if (out.endsWith('/')) out = out.slice(0, -1);
  return out;
}

/**
 * Fragments that point into a page rather than name an entry: navigation anchors, "read more" marks,
 * text fragments, and key=value tracking (`#xtor=RSS-3`, `#utm_source=feed`).
 */
const NAVIGATION_FRAGMENT =
  /^(?:comments?|respond|reply|comment-form|disqus_thread|more(?:-\d+)?|read-?more|continue(?:-reading)?|main(?:-?content)?|content|top|page|body|article|story|post|entry|footnotes?|share|print|rss|feed)$/i;

/**
 * The URL an item is known by: its canonical form, plus its fragment when the fragment tells entries
 * apart (a blog's `…/2024/01/02#a123` permalinks name one post each, on one page per day).
 */
export function itemUrl(raw: string): string | null {
  const canonical = canonicalUrl(raw);
  if (!canonical) return null;
  const hash = raw.trim().split('#').slice(1).join('#');
  const fragment = safeDecode(hash).trim();
  if (fragment === '' || /[=&]/.test(fragment) || fragment.startsWith(':~:') || NAVIGATION_FRAGMENT.test(fragment)) {
    return canonical;
  }
  return `${canonical}#${encodeURIComponent(fragment).replace(/%2F/gi, '/')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING_PARAMS.has(k);
}

/** The numeric X status id in a guid or link (nitter, RSSHub, x.com, twitter.com), or a bare numeric guid. */
export function xStatusId(...candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) {
    if (!c) continue;
    const s = c.trim();
    const inPath = /\/status(?:es)?\/(\d{5,25})(?:\D|$)/.exec(s);
    if (inPath?.[1]) return inPath[1];
    if (/^\d{5,25}$/.test(s)) return s;
  }
  return null;
}

/** The account in an X status URL path ("https://nitter.net/barret_zoph/status/1…" -> "barret_zoph"). */
export function xHandleFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const m = /^https?:\/\/[^/]+\/([A-Za-z0-9_]{1,30})\/status(?:es)?\/\d/.exec(url.trim());
  const handle = m?.[1];
  return handle && handle.toLowerCase() !== 'i' ? handle : null;
}

export function isUrlLike(s: string): boolean {
  return /^https?:\/\//i.test(s.trim());
}

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  /** Used only when an entry has neither guid nor link. */
  title: string;
  published: string | null;
}

/**
 * Ids for the news entries of one fetch, in order. A guid is trusted when it names one story in this fetch
 * (every entry carrying it has the same canonical link); URL-like guids become `url:<canonical>`, others
 * `guid:<feedId>:<guid>`. Otherwise the canonical link: `url:<canonical>`. Canonical URLs keep a fragment
 * that tells entries apart (itemUrl). Entries with neither get a hash of title and date; identical ones in
 * one document are told apart by their order among themselves.
 */
export function newsIds(feedId: string, entries: IdentityInput[]): string[] {
  // A permalink guid is usually the link itself: each URL is made canonical once.
  const known = new Map<string, string | null>();
  const canonical = (url: string): string | null => {
    let c = known.get(url);
    if (c === undefined) {
      c = itemUrl(url);
      known.set(url, c);
    }
    return c;
  };
  // A link to a site's home page names no entry (a podcast whose every item links to its site): it is
  // not an identity, and entries sharing a guid are told apart by their titles instead.
  const linkOf = (e: IdentityInput): string | null => {
    const c = e.link ? canonical(e.link) : null;
    return c && !isHomePage(c) ? c : null;
  };
  const storiesByGuid = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.guid) continue;
    const stories = storiesByGuid.get(e.guid) ?? new Set<string>();
    stories.add(linkOf(e) ?? (e.link && !canonical(e.link) ? e.link.trim() : `title:${e.title}`));
    storiesByGuid.set(e.guid, stories);
  }
  const hashes = new Map<string, number>();
  const hashed = (id: string): string => {
    const seen = hashes.get(id) ?? 0;
    hashes.set(id, seen + 1);
    return seen === 0 ? id : `${id}:${seen + 1}`;
  };
  return entries.map((e) => {
    const guidIsUnique = e.guid !== null && (storiesByGuid.get(e.guid)?.size ?? 0) <= 1;
    if (e.guid && guidIsUnique) {
      const asUrl = isUrlLike(e.guid) ? canonical(e.guid) : null;
      return asUrl ? `url:${asUrl}` : `guid:${feedId}:${e.guid}`;
    }
    const link = linkOf(e);
    if (link) return `url:${link}`;
    if (e.guid) return hashed(`guid:${feedId}:${e.guid}:${contentHash(e)}`);
    return hashed(`hash:${feedId}:${contentHash(e)}`);
  });
}

/** A canonical URL with nothing after its host: a site's home page. */
function isHomePage(canonical: string): boolean {
  return /^https:\/\/[^/?#]+$/.test(canonical);
}

export function xPostId(statusId: string): string {
  return `x:${statusId}`;
}

function contentHash(e: IdentityInput): string {
  return createHash('sha256')
    .update(`${e.title}\u0000${e.published ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/** Keeps the first of each id, preserving order. */
export function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}
