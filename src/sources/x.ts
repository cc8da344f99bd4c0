/**
 * X posts from mirror feeds (Nitter, RSSHub) to Items.
 *
 * Nitter titles carry "Pinned: ", "RT by @account: " and "R to @other: "; its dc:creator is the ORIGINAL
 * author, so a retweet is attributed to whoever wrote it. RSSHub writes "RT Display Name: " and "Re ", and
 * its <author> is the retweeter's display name, so the original author of an RSSHub retweet is only known by
 * display name. Ids are `x:<status id>`, never the mirror's host, so switching mirrors never re-posts.
 */
import type { XAccountSpec } from '../core/ports.ts';
import type { Item } from '../core/types.ts';
import { dedupeById, newsIds, xHandleFromUrl, xPostId, xStatusId } from './canonical.ts';
import { absoluteUrl, normaliseLang } from './news.ts';
import type { ParsedFeed, RawEntry } from './parse.ts';
import { collapse, decodeEntities, htmlToText } from './text.ts';

export interface PostText {
  text: string;
  kind: 'post' | 'pinned' | 'retweet' | 'reply';
  /** For retweets: "@handle" (Nitter) or the display name (RSSHub "RT Name: "). */
  retweeted: string | null;
  /** For replies: "@handle" when the mirror says whom (Nitter "R to @h: "). */
  replyTo: string | null;
}

/** Splits a mirror title into its prefix and the post text. */
export function parsePostTitle(title: string, description = ''): PostText {
  const t = collapse(title);
  let m = /^Pinned:\s+/.exec(t);
  if (m) return { text: t.slice(m[0].length), kind: 'pinned', retweeted: null, replyTo: null };
  m = /^RT by @(\w{1,30}):\s+/.exec(t);
  if (m) return { text: t.slice(m[0].length), kind: 'retweet', retweeted: null, replyTo: null };
  m = /^R to @(\w{1,30}):\s+/.exec(t);
  if (m) return { text: t.slice(m[0].length), kind: 'reply', retweeted: null, replyTo: `@${m[1]}` };
  // RSSHub repeats its prefixes in the description; requiring that keeps a post that merely starts
  // with "Re " or "RT " intact on other mirrors.
  const desc = collapse(description);
  m = /^RT\s+([^:]{1,60}?):\s+/.exec(t);
  if (m?.[1] && /^RT\s/.test(desc)) {
    return { text: t.slice(m[0].length), kind: 'retweet', retweeted: m[1].trim(), replyTo: null };
  }
  m = /^Re\s+/.exec(t);
  if (m && /^Re\s/.test(desc)) return { text: t.slice(m[0].length), kind: 'reply', retweeted: null, replyTo: null };
  return { text: t, kind: 'post', retweeted: null, replyTo: null };
}

export function xItems(spec: XAccountSpec, feed: ParsedFeed, mirrorUrl: string): Item[] {
  const accountHandle = spec.handle.startsWith('@') ? spec.handle : `@${spec.handle}`;
  const source = `${accountHandle} via ${hostOf(mirrorUrl)}`;
  const fallbackIds = newsIds(spec.id, feed.entries);
  const items = feed.entries.map((entry, i): Item => {
    const post = parsePostTitle(decodeEntities(entry.title), htmlToText(entry.description));
    const statusId = xStatusId(entry.guid, entry.link);
    const linkHandle = xHandleFromUrl(entry.link) ?? xHandleFromUrl(entry.guid);
    return {
      id: statusId ? xPostId(statusId) : (fallbackIds[i] ?? ''),
      feedId: spec.id,
      source,
      kind: 'x_post',
      title: post.text,
      summary: postSummary(entry, post),
      url: statusId ? `https://x.com/${linkHandle ?? 'i/web'}/status/${statusId}` : absoluteUrl(entry.link, null),
      published: entry.published,
      // Mirrors stamp one channel language on every post; only an entry's own tag or the config is meaningful.
      lang: normaliseLang(entry.lang) ?? normaliseLang(spec.lang),
      author: authorOf(entry, post, linkHandle, accountHandle),
    };
  });
  return dedupeById(items);
}

function authorOf(entry: RawEntry, post: PostText, linkHandle: string | null, account: string): string {
  const creator = asHandle(entry.creator);
  // Nitter: dc:creator is the original author, for retweets too.
  if (creator) return creator;
  // RSSHub retweet: <author> and the link name the retweeter; only the title names the original author.
  if (post.kind === 'retweet' && post.retweeted) return post.retweeted;
  if (linkHandle) return `@${linkHandle}`;
  return account;
}

/** The post text from the description (it may carry more than a truncated title), without prefixes. */
function postSummary(entry: RawEntry, post: PostText): string {
  let text = htmlToText(entry.description);
  if (!text) return post.text;
  if (post.kind === 'reply' && /^Re\s/.test(text)) text = text.slice(2).trimStart();
  if (post.kind === 'retweet' && post.retweeted && text.startsWith('RT')) {
    const rest = text.slice(2).trimStart();
    if (rest.startsWith(post.retweeted)) text = rest.slice(post.retweeted.length).replace(/^:?\s*/, '');
  }
  const again = parsePostTitle(text);
  return again.kind === 'post' ? text : again.text;
}

/** "@miramurati" only for an explicit handle; display names ("Yann LeCun", "Karpathy") give null. */
function asHandle(s: string | null | undefined): string | null {
  const m = s ? /^@([A-Za-z0-9_]{1,30})$/.exec(s.trim()) : null;
  return m ? `@${m[1]}` : null;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
