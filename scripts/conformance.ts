/**
 * Conformance against other people's feed test suites (issue 16).
 *
 *   npm run conformance [-- --dir ../shared/peer-feeds] [--details FILE]
 *
 * Serves every document of ../shared/peer-feeds on loopback with the Content-Type and headers that
 * expected.jsonl gives it, polls it through the product's fetcher (createFeedFetcher: fetch, charset,
 * parse, items) and compares what comes out with what feedparser 6 read from the same document. The
 * documents are third-party files: they are read from ../shared at run time, never copied here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Item } from '../src/core/types.ts';
import { createFeedFetcher } from '../src/sources/index.ts';
import { loadFeed } from '../src/sources/load.ts';

interface Expected {
  path: string;
  content_type: string;
  headers: Record<string, string>;
  reference: { well_formed: boolean; count: number; titles: (string | null)[]; links: (string | null)[] };
}

type Outcome = { doc: Expected; items: Item[] } | { doc: Expected; error: { code: string; message: string } };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { dir: { type: 'string' }, details: { type: 'string' }, concurrency: { type: 'string' } },
});
const DIR = resolve(values.dir ?? join(ROOT, '../shared/peer-feeds'));

/** A JavaScript error leaked as the reason (the parser's own TypeError, not a sentence about the feed). */
const LEAKED = /Cannot read|Cannot set|undefined|is not a function|is not iterable|TypeError|ReferenceError|\bnull\b/;
/** Characters that mean the bytes were decoded with the wrong charset. */
const GARBLED = /[\u0080-\u009f\ufffd]|Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]/;

function serve(docs: Expected[]): Promise<Server> {
  const byPath = new Map(docs.map((d) => [`/${d.path}`, d]));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const doc = byPath.get(path);
    if (!doc) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(join(DIR, doc.path));
    res.writeHead(200, { 'content-type': doc.content_type, 'content-length': body.length, ...doc.headers });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function pollAll(docs: Expected[], base: string, concurrency: number): Promise<Outcome[]> {
  const fetcher = createFeedFetcher({ timeoutMs: 20_000 });
  const out: Outcome[] = new Array(docs.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < docs.length; i = next++) {
      const doc = docs[i] as Expected;
      const url = `${base}/${doc.path.split('/').map(encodeURIComponent).join('/')}`;
      const spec = { kind: 'feed' as const, id: `peer-${i}`, name: doc.path, url, lang: null };
      const r = await fetcher.poll(spec, undefined);
      out[i] =
        r.status === 'ok'
          ? { doc, items: r.items }
          : { doc, error: r.status === 'error' ? { code: r.error.code, message: r.error.message } : { code: '', message: r.status } };
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

/** The reference's title as text: feedparser gives HTML titles as (sanitised) HTML. */
function referenceText(title: string | null): string {
  if (title === null) return '';
  const noTags = title.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<\/?[A-Za-z][^<>]*>/g, '');
  return collapse(decodeXmlEntities(noTags));
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const n = e.toLowerCase();
    if (n.startsWith('#x')) return String.fromCodePoint(Number.parseInt(n.slice(2), 16));
    if (n.startsWith('#')) return String.fromCodePoint(Number(n.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[n] ?? _;
  });
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function sameLink(ours: string | null, ref: string | null, base: string): boolean {
  const expected = ref === null ? null : ref.replaceAll('{base}', base);
  if (ours === null || expected === null) return ours === expected;
  const norm = (u: string) => (URL.canParse(u) ? new URL(u).href : u);
  return norm(ours) === norm(expected);
}

/**
 * Refusals the README allows: a DOCTYPE declaring entities (HOSTILE_XML) and CDF, Microsoft's obsolete
 * format with a <channel> root (NOT_A_FEED). Counted apart, and printed.
 */
function onPurpose(o: Outcome): string | null {
  if ('items' in o) return null;
  if (o.error.code === 'HOSTILE_XML') return 'entity DTD refused HOSTILE_XML';
  if (o.error.code === 'NOT_A_FEED' && o.error.message.includes('<channel>')) return 'CDF refused NOT_A_FEED';
  return null;
}

/** Whether the document declares its entry titles plain text (Atom type="text"): then the reference is text, not HTML. */
function titlesAreText(doc: Expected): boolean {
  const xml = readFileSync(join(DIR, doc.path), 'latin1');
  return /<(?:\w+:)?title\b[^>]*\btype\s*=\s*["'](?:text|text\/plain)["']/.test(xml);
}

interface Tally {
  total: number;
  count: number;
  firstTitle: number;
  allTitles: number;
  firstLink: number;
  allLinks: number;
}

function pct(n: number, d: number): string {
  return `${n}/${d} (${d === 0 ? '-' : ((100 * n) / d).toFixed(1)}%)`;
}

function score(outcomes: Outcome[], base: string, details: string[]) {
  const t: Tally = { total: 0, count: 0, firstTitle: 0, allTitles: 0, firstLink: 0, allLinks: 0 };
  const excluded = new Map<string, number>();
  let garbled = 0;
  let lost = 0;
  let lostDocs = 0;
  for (const o of outcomes) {
    const ref = o.doc.reference;
    if ('items' in o) {
      for (const [i, item] of o.items.entries()) {
        const refTitle = ref.titles[i] ?? '';
        if (GARBLED.test(item.title) && !GARBLED.test(refTitle)) {
          garbled++;
          details.push(`GARBLED ${o.doc.path}: ${JSON.stringify(item.title)}`);
        }
      }
    }
    if (!ref.well_formed || ref.count === 0) continue;
    const why = onPurpose(o);
    if (why) {
      excluded.set(why, (excluded.get(why) ?? 0) + 1);
      continue;
    }
    t.total++;
    if (!('items' in o)) {
      details.push(`REFUSED ${o.doc.path}: ${o.error.code} ${o.error.message}`);
      continue;
    }
    const items = o.items;
    if (items.length < ref.count) {
      lost += ref.count - items.length;
      lostDocs++;
    }
    const asText = titlesAreText(o.doc);
    const expectedTitle = (i: number) => (asText ? collapse(ref.titles[i] ?? '') : referenceText(ref.titles[i] ?? null));
    const titleOk = (i: number) => collapse(items[i]?.title ?? '') === expectedTitle(i);
    const linkOk = (i: number) => sameLink(items[i]?.url ?? null, ref.links[i] ?? null, base);
    const sameCount = items.length === ref.count;
    if (sameCount) t.count++;
    else details.push(`COUNT ${o.doc.path}: ${items.length} items, reference ${ref.count}`);
    if (items.length > 0 && titleOk(0)) t.firstTitle++;
    else details.push(`TITLE ${o.doc.path}: ${JSON.stringify(items[0]?.title)} vs ${JSON.stringify(expectedTitle(0))}`);
    if (items.length > 0 && linkOk(0)) t.firstLink++;
    else details.push(`LINK ${o.doc.path}: ${JSON.stringify(items[0]?.url)} vs ${JSON.stringify(ref.links[0])}`);
    const indexes = [...Array(ref.count).keys()];
    if (sameCount && indexes.every(titleOk)) t.allTitles++;
    if (sameCount && indexes.every(linkOk)) t.allLinks++;
  }
  return { t, garbled, lost, lostDocs, excluded };
}

function refusals(outcomes: Outcome[], details: string[]) {
  const byCode = new Map<string, number>();
  let unclear = 0;
  for (const o of outcomes) {
    if ('items' in o) continue;
    byCode.set(o.error.code, (byCode.get(o.error.code) ?? 0) + 1);
    details.push(`ERROR ${o.doc.path}: ${o.error.code} ${o.error.message}`);
    if (!o.error.code || o.error.code === 'INTERNAL' || LEAKED.test(o.error.message)) {
      unclear++;
      details.push(`UNCLEAR ${o.doc.path}: ${o.error.code} ${o.error.message}`);
    }
  }
  return { byCode, unclear, total: [...byCode.values()].reduce((a, b) => a + b, 0) };
}

/**
 * Items lost to an id collision: for each document that gave fewer items than the reference, the parsed
 * entries (fetched again, before ids) that are pairwise distinct in guid, link, title and date, minus the
 * items the poll gave. Entries that repeat one another are one story, not a loss.
 */
async function collisions(outcomes: Outcome[], base: string, details: string[]): Promise<{ lost: number; docs: number }> {
  let lost = 0;
  let docs = 0;
  for (const o of outcomes) {
    if (!('items' in o) || o.items.length >= o.doc.reference.count) continue;
    const url = `${base}/${o.doc.path.split('/').map(encodeURIComponent).join('/')}`;
    const loaded = await loadFeed(url, {}, { timeoutMs: 20_000 });
    if (loaded.status !== 'ok') continue;
    const distinct = new Set(loaded.feed.entries.map((e) => JSON.stringify([e.guid, e.link, e.title, e.published]))).size;
    if (distinct > o.items.length) {
      lost += distinct - o.items.length;
      docs++;
      details.push(`COLLISION ${o.doc.path}: ${distinct} distinct entries, ${o.items.length} items`);
    }
  }
  return { lost, docs };
}

async function main(): Promise<void> {
  const docs = readFileSync(join(DIR, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Expected);
  const server = await serve(docs);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = Date.now();
  const outcomes = await pollAll(docs, base, Number(values.concurrency ?? 8));
  const details: string[] = [];
  const collided = await collisions(outcomes, base, details);
  server.close();
  const { t, garbled, lost, lostDocs, excluded } = score(outcomes, base, details);
  const apart = [...excluded].map(([why, n]) => `${n} ${why}`).join(', ');
  const all = t.total + [...excluded.values()].reduce((a, b) => a + b, 0);
  const refused = refusals(outcomes, details);
  const codes = [...refused.byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
  const lines = [
    `peer feeds: ${docs.length} documents from ${DIR} (${((Date.now() - started) / 1000).toFixed(1)} s, Node ${process.version})`,
    `read: ${docs.length - refused.total}; refused: ${refused.total} (${codes.join(', ') || 'none'})`,
    `refusals without a code or with a JavaScript error as the reason: ${refused.unclear}`,
    `reference well formed with entries: ${all} documents; differing on purpose (README): ${apart || 'none'}; scored: ${t.total}`,
    `  same item count:          ${pct(t.count, t.total)}`,
    `  same title, first item:   ${pct(t.firstTitle, t.total)}`,
    `  same titles, all items:   ${pct(t.allTitles, t.total)}`,
    `  same link, first item:    ${pct(t.firstLink, t.total)}`,
    `  same links, all items:    ${pct(t.allLinks, t.total)}`,
    `  (with the documents differing on purpose counted as misses: same item count ${pct(t.count, all)})`,
    `  items missing against the reference: ${lost} in ${lostDocs} documents`,
    `items lost to id collisions (distinct entries, fewer items): ${collided.lost} in ${collided.docs} documents`,
    `titles with C1 controls, U+FFFD or mojibake where the reference has none: ${garbled}`,
  ];
  console.log(lines.join('\n'));
  if (values.details) writeFileSync(values.details, `${details.join('\n')}\n`);
}

await main();
