/**
 * `exits read URL [URL ...]`: what exits reads from each feed, through the same fetch and parse path as
 * polling (createFeedFetcher), storing nothing. A user's way to check a feed before adding it, so feeds on
 * loopback and private addresses are allowed (a user checks their own server).
 */
import type { PollResult } from '../core/ports.ts';
import type { Item } from '../core/types.ts';
import { createFeedFetcher } from '../sources/index.ts';

export interface ReadOptions {
  json: boolean;
  write: (text: string) => void;
  /** Per feed; default the fetcher's. */
  timeoutMs?: number;
}

/** Feeds read at once. */
const CONCURRENCY = 4;

/** Reads every URL and prints the results in the order given; 0 when all were read, 1 otherwise. */
export async function readFeeds(urls: string[], opts: ReadOptions): Promise<number> {
  const fetcher = createFeedFetcher({ allowPrivateAddresses: true, timeoutMs: opts.timeoutMs });
  const results: PollResult[] = new Array(urls.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < urls.length; i = next++) {
      const url = urls[i] as string;
      results[i] = await fetcher.poll({ kind: 'feed', id: `read-${i}`, name: hostOf(url), url, lang: null }, undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, urls.length) }, worker));
  for (const [i, url] of urls.entries()) {
    opts.write(opts.json ? jsonLine(url, results[i] as PollResult) : textBlock(url, results[i] as PollResult));
  }
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}

function jsonLine(url: string, result: PollResult): string {
  if (result.status === 'error') {
    return `${JSON.stringify({ url, error: { code: result.error.code, message: result.error.message } })}\n`;
  }
  const items = result.status === 'ok' ? result.items.map(itemJson) : [];
  return `${JSON.stringify({ url, items })}\n`;
}

function itemJson(item: Item) {
  return { id: item.id, title: item.title, link: item.url, published: item.published };
}

function textBlock(url: string, result: PollResult): string {
  if (result.status === 'error') return `${url}\n  cannot be read: ${result.error.message} (${result.error.code})\n\n`;
  const items = result.status === 'ok' ? result.items : [];
  const lines = items.map((item) => {
    const date = item.published ? item.published.slice(0, 16).replace('T', ' ') : 'no date         ';
    return `  ${date}  ${item.title || '(no title)'}\n                    ${item.url ?? '(no link)'}\n`;
  });
  return `${url}\n  ${items.length} ${items.length === 1 ? 'item' : 'items'}\n${lines.join('')}\n`;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
