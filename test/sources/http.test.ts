import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitsError } from '../../src/core/errors.ts';
import { fetchFeedBytes, HttpStatusError } from '../../src/sources/http.ts';
import { createFeedFetcher } from '../../src/sources/index.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { errorCodeOf, expectOk, feedSpec } from './helpers.ts';

let server: FeedServer;
const clock = { t: Date.parse('2026-03-10T08:00:00Z') };
const fetcher = createFeedFetcher({ timeoutMs: 300, maxBytes: 1024 * 1024, now: () => new Date(clock.t) });

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof ExitsError ? err.code : `not an ExitsError: ${String(err)}`;
  }
  return 'resolved';
}

describe('conditional GET', () => {
  it('second poll with the returned state is not-modified; the server saw If-None-Match', async () => {
    const spec = feedSpec(`${server.url}/feeds/news-rss2.xml`);
    const first = await fetcher.poll(spec, undefined);
    expect(expectOk(first)).toHaveLength(30);
    expect(first.state.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.state.lastModified).toBeTruthy();
    expect(first.state).toMatchObject({ failures: 0, lastOkAt: '2026-03-10T08:00:00.000Z' });
    expect(first.state.firstSeenAt).toBe('2026-03-10T08:00:00.000Z');

    clock.t += 60_000;
    const second = await fetcher.poll(spec, first.state);
    expect(second.status).toBe('not-modified');
    expect(server.lastHeaders('/feeds/news-rss2.xml')?.['if-none-match']).toBe(first.state.etag);
    expect(second.state.etag).toBe(first.state.etag);
    expect(second.state.lastOkAt).toBe('2026-03-10T08:01:00.000Z');
    expect(second.state.firstSeenAt).toBe('2026-03-10T08:00:00.000Z');
  });

  it('Last-Modified alone is sent as If-Modified-Since and honoured', async () => {
    const spec = feedSpec(`${server.url}/feeds/news-atom.xml`);
    const first = await fetcher.poll(spec, undefined);
    expectOk(first);
    const second = await fetcher.poll(spec, { lastModified: first.state.lastModified });
    expect(second.status).toBe('not-modified');
    expect(server.lastHeaders('/feeds/news-atom.xml')?.['if-modified-since']).toBe(first.state.lastModified);
  });

  it('a server without validators that returns the same bytes is not re-parsed (body hash)', async () => {
    let body =
      '<rss version="2.0"><channel><title>t</title><item><title>one</title><link>https://a.example/1</link></item></channel></rss>';
    server.setRoute('/no-etag', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(body);
    });
    const spec = feedSpec(`${server.url}/no-etag`);
    const first = await fetcher.poll(spec, undefined);
    expect(expectOk(first)).toHaveLength(1);
    expect(first.state.etag).toBeUndefined();
    expect((await fetcher.poll(spec, first.state)).status).toBe('not-modified');
    body = body.replace('</channel>', '<item><title>two</title><link>https://a.example/2</link></item></channel>');
    expect(expectOk(await fetcher.poll(spec, first.state))).toHaveLength(2);
  });

  it('a 304 does not need a body and keeps the stored validators', async () => {
    const result = await fetchFeedBytes(`${server.url}/feeds/news-rdf.xml`, {}, {});
    expect(result.notModified).toBe(false);
    const again = await fetchFeedBytes(`${server.url}/feeds/news-rdf.xml`, { etag: result.etag }, {});
    expect(again).toEqual({ notModified: true, etag: result.etag, lastModified: result.lastModified });
  });
});

describe('limits and failures', () => {
  it('a server that trickles gives TIMEOUT quickly', async () => {
    const started = performance.now();
    const result = await fetcher.poll(feedSpec(`${server.url}/slow`), undefined);
    expect(errorCodeOf(result)).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('a server that never answers gives TIMEOUT', async () => {
    const code = await codeOf(fetchFeedBytes(`${server.url}/hang`, {}, { timeoutMs: 200 }));
    expect(code).toBe('TIMEOUT');
  });

  it('a streamed body over the cap gives TOO_LARGE without reading it all', async () => {
    const started = performance.now();
    const result = await fetcher.poll(feedSpec(`${server.url}/big`), undefined);
    expect(errorCodeOf(result)).toBe('TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a Content-Length over the cap is refused before reading', async () => {
    const code = await codeOf(fetchFeedBytes(`${server.url}/big-declared`, {}, { maxBytes: 1024 }));
    expect(code).toBe('TOO_LARGE');
  });

  it('non-2xx gives HTTP_STATUS with the status', async () => {
    const result = await fetcher.poll(feedSpec(`${server.url}/status/500`), undefined);
    expect(result.status).toBe('error');
    if (result.status !== 'error') return;
    expect(result.error.code).toBe('HTTP_STATUS');
    expect(result.error).toBeInstanceOf(HttpStatusError);
    expect((result.error as HttpStatusError).status).toBe(500);
    expect(result.error.message).toContain('500');
  });

  it('redirects are followed; a redirect loop gives TOO_MANY_REDIRECTS', async () => {
    const ok = await fetcher.poll(feedSpec(`${server.url}/redirect/feeds/empty-channel.xml`), undefined);
    expect(ok.status).toBe('ok');
    const loop = await fetcher.poll(feedSpec(`${server.url}/redirect-loop`), undefined);
    expect(errorCodeOf(loop)).toBe('TOO_MANY_REDIRECTS');
  });

  it('a refused connection gives NETWORK', async () => {
    const gone = await startFeedServer();
    const url = `${gone.url}/feeds/empty-channel.xml`;
    await gone.close();
    const result = await fetcher.poll(feedSpec(url), undefined);
    expect(errorCodeOf(result)).toBe('NETWORK');
  });

  it('a non-http URL gives BAD_URL', async () => {
    const result = await fetcher.poll(feedSpec('file:///etc/passwd'), undefined);
    expect(errorCodeOf(result)).toBe('BAD_URL');
  });

  it('failures count up, keep validators, and reset on the next success', async () => {
    let fail = true;
    server.setRoute('/flaky', (_req, res) => {
      if (fail) {
        res.writeHead(502);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel><title>t</title></channel></rss>');
    });
    const spec = feedSpec(`${server.url}/flaky`);
    const previous = { etag: '"abc"', firstSeenAt: '2026-01-01T00:00:00.000Z', lastOkAt: '2026-01-01T00:00:00.000Z' };
    const once = await fetcher.poll(spec, previous);
    const twice = await fetcher.poll(spec, once.state);
    expect(twice.state).toMatchObject({ etag: '"abc"', failures: 2, lastError: 'HTTP_STATUS' });
    expect(twice.state.lastOkAt).toBe('2026-01-01T00:00:00.000Z');
    fail = false;
    const healed = await fetcher.poll(spec, twice.state);
    expect(healed.status).toBe('ok');
    expect(healed.state.failures).toBe(0);
    expect(healed.state.lastError).toBeUndefined();
    expect(healed.state.firstSeenAt).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('what the HTTP client must do itself', () => {
  const rss = (title: string) =>
    `<rss version="2.0"><channel><title>${title}</title><item><title>one</title><link>/a/1</link></item></channel></rss>`;

  it('decodes gzip, deflate, br and stacked codings, and asks for them', async () => {
    const codings: [string, (b: Buffer) => Buffer][] = [
      ['gzip', gzipSync],
      ['x-gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
      ['gzip, br', (b) => brotliCompressSync(gzipSync(b))],
      ['identity', (b) => b],
    ];
    for (const [coding, encode] of codings) {
      server.setRoute('/coded', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': coding });
        res.end(encode(Buffer.from(rss(`coded ${coding}`))));
      });
      const result = await fetchFeedBytes(`${server.url}/coded`);
      if (result.notModified) throw new Error('unexpected 304');
      expect(Buffer.from(result.bytes).toString('utf8'), coding).toBe(rss(`coded ${coding}`));
    }
    expect(server.lastHeaders('/coded')?.['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('names a coding it cannot undo, and a body that is not what its coding says', async () => {
    server.setRoute('/zstd', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd' });
      res.end('whatever');
    });
    await expect(fetchFeedBytes(`${server.url}/zstd`)).rejects.toMatchObject({ code: 'CONTENT_ENCODING', message: expect.stringContaining('"zstd"') });
    server.setRoute('/false-gzip', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end('<rss>not gzip at all</rss>');
    });
    await expect(fetchFeedBytes(`${server.url}/false-gzip`)).rejects.toMatchObject({ code: 'CONTENT_ENCODING', message: expect.stringContaining('incorrect header check') });
  });

  it('follows relative and absolute redirects, keeps the validators, and reports the final URL', async () => {
    server.setRoute('/moved', (_req, res) => {
      res.writeHead(301, { location: '/moved-again' });
      res.end();
    });
    server.setRoute('/moved-again', (_req, res) => {
      res.writeHead(307, { location: `${server.url}/feeds/empty-channel.xml` });
      res.end('some body the client must drain');
    });
    const result = await fetchFeedBytes(`${server.url}/moved`, { etag: '"old"' });
    if (result.notModified) throw new Error('unexpected 304');
    expect(result.url).toBe(`${server.url}/feeds/empty-channel.xml`);
    expect(server.lastHeaders('/feeds/empty-channel.xml')?.['if-none-match']).toBe('"old"');
    server.setRoute('/to-file', (_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    });
    await expect(fetchFeedBytes(`${server.url}/to-file`)).rejects.toMatchObject({ code: 'BAD_URL' });
  });

  it('an abort from outside gives ABORTED, before or during the request', async () => {
    const early = new AbortController();
    early.abort();
    await expect(fetchFeedBytes(`${server.url}/feeds/empty-channel.xml`, {}, { signal: early.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    const late = new AbortController();
    const pending = fetchFeedBytes(`${server.url}/hang`, {}, { signal: late.signal, timeoutMs: 5000 });
    setTimeout(() => late.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
