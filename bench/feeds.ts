/**
 * The bench's loopback feed server. It runs in its own process (see remote.ts), so the CPU it spends
 * serving never counts in the figures of the process under test.
 *
 *   GET  /f/<n>.xml                 feed n: news-rss2.xml with guids, links and titles varied per feed
 *   POST /_ctl/mode?m=conditional   strong ETag + Last-Modified, 304 on a match (the default)
 *   POST /_ctl/mode?m=no-validators no validators, conditional headers ignored: the same bytes every time
 *   POST /_ctl/add?feed=n&title=T&url=U&text=S
 *                                   prepends a new item to feed n (the oldest leaves, so the size stays);
 *                                   answers {"at": epoch ms} of when the item became visible
 *
 * Run as a child: `node --import tsx bench/feeds.ts FEEDS [ITEMS_PER_FEED]`; it sends {port} over IPC once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServeMode = 'conditional' | 'no-validators';

const FIXTURE = new URL('../test/fixtures/feeds/news-rss2.xml', import.meta.url);

interface Template {
  head: string;
  items: string[];
  tail: string;
}

function loadTemplate(): Template {
  const xml = readFileSync(FIXTURE, 'utf8');
  const first = xml.indexOf('<item>');
  const last = xml.lastIndexOf('</item>') + '</item>'.length;
  const items = xml.slice(first, last).match(/<item>[\s\S]*?<\/item>/g) ?? [];
  return { head: xml.slice(0, first), items, tail: xml.slice(last) };
}

/** Feed n carries the fixture's items with its own guids, links and titles, so no two feeds share an item. */
function variant(item: string, n: number): string {
  return item
    .replace(/<guid([^>]*)>([^<]*)<\/guid>/, (_m, attrs: string, guid: string) => `<guid${attrs}>${guid}-f${n}</guid>`)
    .replace(/<link>([^<]*)<\/link>/, (_m, link: string) => `<link>${link}-f${n}</link>`)
    .replace(/<title>([^<]*)<\/title>/, (_m, title: string) => `<title>${title} (f${n})</title>`);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function newItemXml(title: string, url: string, text: string, at: Date): string {
  return (
    `<item><title>${escapeXml(title)}</title><link>${escapeXml(url)}</link>` +
    `<guid isPermaLink="true">${escapeXml(url)}</guid><pubDate>${at.toUTCString()}</pubDate>` +
    `<description>${escapeXml(`<p>${text}</p>`)}</description></item>`
  );
}

interface Feed {
  items: string[];
  body: Buffer;
  etag: string;
  lastModified: string;
  version: number;
}

export interface FeedSet {
  get(n: number): Feed | undefined;
  add(n: number, itemXml: string): void;
  /** Total bytes of all bodies. */
  bytes(): number;
}

/** `itemsPerFeed`: only the first so many of the fixture's items (10,000 feeds of them all would be 600 MB). */
export function buildFeeds(count: number, itemsPerFeed?: number): FeedSet {
  const tpl = loadTemplate();
  if (itemsPerFeed !== undefined) tpl.items = tpl.items.slice(0, itemsPerFeed);
  const started = new Date().toUTCString();
  const render = (n: number, items: string[], version: number, lastModified: string): Feed => ({
    items,
    body: Buffer.from(tpl.head + items.join('\n  ') + tpl.tail, 'utf8'),
    etag: `"f${n}-v${version}"`,
    lastModified,
    version,
  });
  const feeds = Array.from({ length: count }, (_, n) =>
    render(
      n,
      tpl.items.map((it) => variant(it, n)),
      0,
      started,
    ),
  );
  return {
    get: (n) => feeds[n],
    add(n, itemXml) {
      const f = feeds[n];
      if (!f) return;
      feeds[n] = render(n, [itemXml, ...f.items.slice(0, -1)], f.version + 1, new Date().toUTCString());
    },
    bytes: () => feeds.reduce((sum, f) => sum + f.body.length, 0),
  };
}

export async function serveFeeds(count: number, itemsPerFeed?: number): Promise<{ port: number; close: () => Promise<void> }> {
  const feeds = buildFeeds(count, itemsPerFeed);
  let mode: ServeMode = 'conditional';

  function feed(req: IncomingMessage, res: ServerResponse, n: number): void {
    const f = feeds.get(n);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8' };
    if (mode === 'conditional') {
      headers.etag = f.etag;
      headers['last-modified'] = f.lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const hit = inm !== undefined ? inm === f.etag : ims !== undefined && ims === f.lastModified;
      if (hit) {
        res.writeHead(304, { etag: f.etag, 'last-modified': f.lastModified }).end();
        return;
      }
    }
    headers['content-length'] = String(f.body.length);
    res.writeHead(200, headers).end(f.body);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/f\/(\d+)\.xml$/.exec(url.pathname);
    if (m && req.method === 'GET') return feed(req, res, Number(m[1]));
    const q = url.searchParams;
    if (url.pathname === '/_ctl/mode' && req.method === 'POST') {
      mode = q.get('m') === 'no-validators' ? 'no-validators' : 'conditional';
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ mode }));
    }
    if (url.pathname === '/_ctl/add' && req.method === 'POST') {
      const at = new Date();
      const item = newItemXml(q.get('title') ?? 'untitled', q.get('url') ?? 'https://bench.example.com/x', q.get('text') ?? '', at);
      feeds.add(Number(q.get('feed')), item);
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ at: at.getTime() }));
    }
    if (url.pathname === '/_ctl/bytes') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes: feeds.bytes() }));
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Child entry: serve, tell the parent the port, stop when the parent goes.
if (process.argv[1] && import.meta.filename === process.argv[1] && process.send) {
  const { port, close } = await serveFeeds(Number(process.argv[2] ?? 1000), process.argv[3] ? Number(process.argv[3]) : undefined);
  process.send({ port });
  process.on('disconnect', () => void close().then(() => process.exit(0)));
}
