/** Parsed news-feed entries to Items: plain text, language, Google News outlet handling, identity. */
import type { FeedSpec } from '../core/ports.ts';
import type { Item } from '../core/types.ts';
import { canonicalUrl, dedupeById, newsIds } from './canonical.ts';
import type { ParsedFeed, RawEntry } from './parse.ts';
import { collapse, htmlToParagraphs, htmlToText } from './text.ts';

/** A body is kept only when it says clearly more than the summary (not the same text plus a byline). */
const BODY_MIN_EXTRA_CHARS = 80;
const BODY_MIN_RATIO = 1.2;

export function newsItems(spec: FeedSpec, feed: ParsedFeed): Item[] {
  const ids = newsIds(spec.id, feed.entries);
  const name = (spec.nameFromFeed && feed.title?.replace(/\s+/g, ' ').trim()) || spec.name;
  const items = feed.entries.map((entry, i): Item => {
    const title = cleanTitle(entry);
    const summary = summaryOf(entry);
    const body = bodyOf(entry, summary);
    const item: Item = {
      id: ids[i] ?? '',
      feedId: spec.id,
      source: entry.outlet ? `${entry.outlet} via ${name}` : name,
      kind: 'news',
      title,
      summary,
      url: absoluteUrl(entry.link, feed.link),
      published: entry.published,
      lang: normaliseLang(entry.lang) ?? normaliseLang(feed.lang) ?? normaliseLang(spec.lang),
      author: null,
    };
    if (body) item.body = body;
    return item;
  });
  return dedupeById(items);
}

/**
 * Titles are text: an HTML title (RSS titles by custom, Atom html/xhtml) loses its tags and has its
 * entities decoded, once; an Atom text title is taken as written. Something that is not a tag stays
 * ("<@123>" is for the notifier to neutralise). Google News appends " - Outlet"; only the exact outlet
 * name from <source> is removed, so inner " - " in a headline survives.
 */
export function cleanTitle(entry: RawEntry): string {
  let title = entry.titleIsHtml ? htmlToText(entry.title) : collapse(entry.title);
  if (entry.outlet) {
    const suffix = ` - ${entry.outlet}`;
    if (title.endsWith(suffix) && title.length > suffix.length) title = title.slice(0, -suffix.length).trimEnd();
  }
  return title;
}

function summaryOf(entry: RawEntry): string {
  let summary = htmlToText(entry.description);
  // Google News descriptions are "<a>headline</a>&nbsp;&nbsp;<font>Outlet</font>".
  if (entry.outlet && summary.endsWith(` ${entry.outlet}`)) {
    summary = summary.slice(0, -entry.outlet.length).trimEnd();
  }
  if (!summary && entry.content) summary = truncate(htmlToText(entry.content), 500);
  return summary;
}

function bodyOf(entry: RawEntry, summary: string): string | undefined {
  if (!entry.content) return undefined;
  const body = htmlToParagraphs(entry.content);
  const longer = body.length >= summary.length + BODY_MIN_EXTRA_CHARS && body.length >= summary.length * BODY_MIN_RATIO;
  return longer ? body : undefined;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Links are kept as published (the card links there); relative ones are resolved against the site. */
export function absoluteUrl(link: string | null, base: string | null): string | null {
  if (!link) return null;
  if (URL.canParse(link)) return canonicalUrl(link) ? link : null;
  if (base && URL.canParse(link, base)) {
    const resolved = new URL(link, base).toString();
    return canonicalUrl(resolved) ? resolved : null;
  }
  return null;
}

/** "en-US" -> "en", "FR" -> "fr"; null for anything that is not a language tag. */
export function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const primary = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(lang)?.[1];
  return primary ? primary.toLowerCase() : null;
}
