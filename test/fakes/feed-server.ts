/**
 * A loopback feed server for tests: serves test/fixtures/feeds with validators, plus fault routes.
 *
 *   /feeds/<file>            fixture bytes, strong ETag, Last-Modified, 304 on a match
 *   /nitter/<handle>/rss     Nitter-style mirror: nitter-murati.xml for miramurati, else 404 (no ETag, like Nitter)
 *   /rsshub/<handle>         RSSHub-style mirror: rsshub-x.xml for any handle
 *   /dead/...                503 (a dead mirror)
 *   /ratelimited/...         200 with the Nitter rate-limit HTML page
 *   /status/<code>           that status
 *   /slow                    headers sent, then the body trickles one byte a second forever
 *   /hang                    never answers at all
 *   /big                     a streamed body of 8 MiB without Content-Length
 *   /big-declared            Content-Length of 64 MiB, then a streamed body
 *   /redirect-loop           302 to itself
 *   /redirect/<path>         302 to /<path>
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

export interface StaticRoute {
  body: string | Uint8Array;
  contentType?: string;
  status?: number;
  headers?: Record<string, string>;
  /** Waits this long before answering. */
  delayMs?: number;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FeedServerOptions {
  /** Fixture directory to serve under /feeds/ (default test/fixtures/feeds). */
  dir?: string;
}

export interface FeedServer {
  /** Base URL without a trailing slash: "http://127.0.0.1:41234". */
  url: string;
  port: number;
  /** How many requests hit this path (query string ignored). */
  requests(path: string): number;
  /** Request headers of the last request to this path. */
  lastHeaders(path: string): IncomingMessage['headers'] | undefined;
  setRoute(path: string, route: RouteHandler | StaticRoute): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  'news-atom.xml': 'application/atom+xml; charset=utf-8',
  // Says nothing about the charset, as the corpus asks: the XML declaration has to be honoured.
  'wrong-encoding.xml': 'application/rss+xml',
  'not-a-feed.html': 'text/html; charset=utf-8',
  'manifest.json': 'application/json',
};

interface Fixture {
  bytes: Buffer;
  etag: string;
  lastModified: string;
  contentType: string;
}

function loadFixtures(dir: string): Map<string, Fixture> {
  const out = new Map<string, Fixture>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    out.set(name, {
      bytes,
      etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
      lastModified: statSync(path).mtime.toUTCString(),
      contentType:
        CONTENT_TYPES[name] ?? (extname(name) === '.html' ? 'text/html' : 'application/rss+xml; charset=utf-8'),
    });
  }
  return out;
}

export async function startFeedServer(opts: FeedServerOptions = {}): Promise<FeedServer> {
  const fixtures = loadFixtures(opts.dir ?? FIXTURE_DIR);
  const counts = new Map<string, number>();
  const headersSeen = new Map<string, IncomingMessage['headers']>();
  const routes = new Map<string, RouteHandler>();
  const timers = new Set<NodeJS.Timeout>();

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function serveFixture(req: IncomingMessage, res: ServerResponse, name: string, withValidators = true): void {
    const f = fixtures.get(name);
    if (!f) {
      notFound(res);
      return;
    }
    const headers: Record<string, string> = { 'content-type': f.contentType };
    if (withValidators) {
      headers.etag = f.etag;
      headers['last-modified'] = f.lastModified;
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const etagMatch = inm?.split(',').some((t) => t.trim() === f.etag || t.trim() === '*');
      const dateMatch = inm === undefined && ims !== undefined && Date.parse(ims) >= Date.parse(f.lastModified);
      if (etagMatch || dateMatch) {
        res.writeHead(304, { etag: f.etag, 'last-modified': f.lastModified });
        res.end();
        return;
      }
    }
    headers['content-length'] = String(f.bytes.length);
    res.writeHead(200, headers);
    res.end(f.bytes);
  }

  function trickle(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    const tick = (): void => {
      if (res.destroyed) return;
      res.write(' ');
      later(1000, tick);
    };
    later(1000, tick);
  }

  function stream(res: ServerResponse, totalBytes: number, declared?: number): void {
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml' };
    if (declared !== undefined) headers['content-length'] = String(declared);
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    pump();
  }

  /** Built-in routes, first match wins; each handler gets the regex groups. */
  const builtIns: [RegExp, (req: IncomingMessage, res: ServerResponse, m: string[]) => void][] = [
    [/^\/feeds\/([^/]+)$/, (req, res, m) => serveFixture(req, res, decodeURIComponent(m[1] ?? ''))],
    [
      /^\/nitter\/([^/]+)\/rss$/,
      (req, res, m) =>
        m[1]?.toLowerCase() === 'miramurati' ? serveFixture(req, res, 'nitter-murati.xml', false) : notFound(res),
    ],
    [/^\/rsshub\/[^/]+$/, (req, res) => serveFixture(req, res, 'rsshub-x.xml')],
    [/^\/dead\//, (_req, res) => text(res, 503, 'Service Unavailable')],
    [/^\/ratelimited\//, (req, res) => serveFixture(req, res, 'not-a-feed.html', false)],
    [/^\/status\/(\d{3})$/, (_req, res, m) => text(res, Number(m[1]), `status ${m[1]}`)],
    [/^\/slow$/, (_req, res) => trickle(res)],
    [/^\/hang$/, () => {}], // never answers; close() destroys the socket
    [/^\/big$/, (_req, res) => stream(res, 8 * 1024 * 1024)],
    [/^\/big-declared$/, (_req, res) => stream(res, 64 * 1024 * 1024, 64 * 1024 * 1024)],
    [/^\/redirect-loop$/, (_req, res) => redirect(res, '/redirect-loop')],
    [/^\/redirect(\/.+)$/, (_req, res, m) => redirect(res, m[1] ?? '/')],
  ];

  function builtIn(req: IncomingMessage, res: ServerResponse, path: string): void {
    for (const [pattern, handle] of builtIns) {
      const m = pattern.exec(path);
      if (m) {
        handle(
          req,
          res,
          [...m].map((g) => g ?? ''),
        );
        return;
      }
    }
    notFound(res);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    headersSeen.set(path, req.headers);
    const route = routes.get(path);
    Promise.resolve(route ? route(req, res) : builtIn(req, res, path)).catch((err: unknown) => {
      if (!res.headersSent) text(res, 500, String(err));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: (path) => counts.get(path) ?? 0,
    lastHeaders: (path) => headersSeen.get(path),
    setRoute(path, route) {
      routes.set(path, typeof route === 'function' ? route : staticHandler(route, later));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function staticHandler(route: StaticRoute, later: (ms: number, fn: () => void) => void): RouteHandler {
  return (_req, res) => {
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(route.status ?? 200, {
        'content-type': route.contentType ?? 'application/rss+xml; charset=utf-8',
        ...route.headers,
      });
      res.end(route.body);
    };
    if (route.delayMs) later(route.delayMs, send);
    else send();
  };
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  text(res, 404, 'not found');
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

/** A feed whose items a test adds between polls; every item is published "now", so it may post. */
export function liveFeed(server: FeedServer, path: string) {
  const items: { guid: string; title: string; published?: string }[] = [];
  const published = new Date().toUTCString();
  server.setRoute(path, (_req, res) => {
    const body = items
      .map(
        (i) =>
          `<item><title>${i.title}</title><link>https://news.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${i.published ?? published}</pubDate></item>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>live</title>${body}</channel></rss>`);
  });
  return {
    url: `${server.url}${path}`,
    /** Adds an item, dated `published` (default: when the feed was made). */
    add: (guid: string, title: string, published?: Date) => items.push({ guid, title, published: published?.toUTCString() }),
  };
}
