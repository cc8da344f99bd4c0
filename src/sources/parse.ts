/**
 * Feed text to neutral entries, through rss-parser, after refusing what it should never see.
 *
 * rss-parser's parseString is synchronous under its promise: the body cap in http.ts is what keeps one
 * parse short. A DOCTYPE with an internal subset declaring entities is refused before parsing, whatever
 * sax would do with it, and HTML pages (rate-limit and error pages served with 200) are not feeds.
 */
import Parser from 'rss-parser';
import { ExitsError } from '../core/errors.ts';
import { feedTtlMs, HINT_FIELDS } from './hints.ts';
import { type Attrs, type LinkFields, linkOf, type TitleFields, textOf, titleOf, withBase } from './entry.ts';
import { parseErrorOf } from './parse-errors.ts';
import { createOffThreadParser } from './offthread.ts';
import { prepareFeed } from './prepare.ts';

/** One entry, format-independent, with text fields still as the feed gave them (HTML allowed). */
export interface RawEntry {
  guid: string | null;
  /** The entry's link, absolute when the document's base or xml:base allowed resolving it. */
  link: string | null;
  title: string;
  /** True when the title is HTML (RSS, Atom type="html"/"xhtml", markup in the title); false for Atom text. */
  titleIsHtml: boolean;
  /** RSS description / Atom summary. */
  description: string;
  /** content:encoded / Atom content. */
  content: string;
  /** ISO timestamp or null. */
  published: string | null;
  /** Entry-level language (dc:language, xml:lang). */
  lang: string | null;
  /** dc:creator, RSS author or Atom author name. */
  creator: string | null;
  /** Google News <source>: the outlet's name. */
  outlet: string | null;
}

export interface ParsedFeed {
  title: string | null;
  link: string | null;
  /** Channel language or the Atom root's xml:lang. */
  lang: string | null;
  entries: RawEntry[];
  /** How long the feed asks readers to wait between polls (<ttl>, sy:updatePeriod), ms; null: it does not say. */
  ttlMs: number | null;
}

interface FeedExtra {
  language?: string;
  attrs?: Attrs;
}

interface ItemExtra extends TitleFields, LinkFields {
  outlet?: string;
  language?: string;
  id?: string;
  summary?: string;
  'content:encoded'?: string;
  'rdf:about'?: string;
}

// The typings only admit string keys for custom fields; rss-parser also takes [from, to, options].
const customFields = {
  feed: [['$', 'attrs', { keepArray: true }], ...HINT_FIELDS],
  item: [
    ['$', 'attrs', { keepArray: true }],
    ['title', 'titleNode', { keepArray: true }],
    ['link', 'linkNodes', { keepArray: true }],
    ['guid', 'guidNode', { keepArray: true }],
    ['id', 'idNode', { keepArray: true }],
    ['media:title', 'mediaTitle'],
    ['source', 'outlet'],
  ],
} as unknown as Parser.CustomFields<FeedExtra, ItemExtra>;

// One parser for the process: xml2js parses synchronously, so calls never interleave.
const parser: Parser<FeedExtra, ItemExtra> = new Parser<FeedExtra, ItemExtra>({ customFields, defaultRSS: 2 });

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf']);

/** Documents larger than this are parsed in a worker thread, so the event loop never stalls on them. */
export const OFF_THREAD_BYTES = 256 * 1024;
/** Entries kept per document: feeds list newest first, and a feed of thousands of entries is a dump. */
export const MAX_ENTRIES = 1000;
const parseOffThread = createOffThreadParser({ customFields, defaultRSS: 2, maxItems: MAX_ENTRIES });

/**
 * Bodies that arrive together (a burst of answers, a first cycle over many feeds) would otherwise be
 * parsed one after the other in a single turn of the event loop, with no timer or socket served between
 * them: each waits for a turn of its own.
 */
const turnQueue: (() => void)[] = [];

function ownTurn(): Promise<void> {
  return new Promise((resolve) => {
    turnQueue.push(resolve);
    if (turnQueue.length === 1) setImmediate(nextTurn);
  });
}

function nextTurn(): void {
  turnQueue.shift()?.();
  // An immediate queued from an immediate runs on the next turn, after timers and I/O.
  if (turnQueue.length > 0) setImmediate(nextTurn);
}

/**
 * `base` is the document's base URL (its Content-Location resolved against its URL, else its URL), against
 * which relative links are resolved after xml:base.
 */
export async function parseFeed(xml: string, contentType?: string, base?: string): Promise<ParsedFeed> {
  const root = checkDocument(xml, contentType);
  const prepared = prepareFeed(xml, root);
  let output: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    const offThread = prepared.xml.length > OFF_THREAD_BYTES;
    if (!offThread) await ownTurn();
    output = (offThread ? await parseOffThread(prepared.xml) : await parser.parseString(prepared.xml)) as typeof output;
  } catch (err) {
    throw parseErrorOf(err, root);
  }
  const isAtom = root === 'feed';
  // Atom: the root's attributes are the feed's; RSS and RDF: the root's, then the channel's.
  const rootBase = withBase(base ?? null, prepared.rootAttrs['xml:base']);
  const feedBase = isAtom ? rootBase : withBase(rootBase, output.attrs?.['xml:base']);
  return {
    title: str(output.title),
    link: str(output.link),
    lang: str(output.language) ?? str(output.attrs?.['xml:lang']) ?? str(prepared.rootAttrs['xml:lang']),
    entries: (output.items ?? []).slice(0, MAX_ENTRIES).map((item) => toEntry(item, isAtom, feedBase)),
    ttlMs: feedTtlMs(output as unknown as Record<string, unknown>),
  };
}

function toEntry(item: Parser.Item & ItemExtra, isAtom: boolean, base: string | null): RawEntry {
  const { title, isHtml } = titleOf(item, isAtom);
  return {
    guid: str(textOf(item.guidNode?.[0])) ?? str(textOf(item.idNode?.[0])) ?? str(item['rdf:about']) ?? str(item.attrs?.['rdf:about']),
    link: linkOf(item, isAtom, base),
    title: title.trim(),
    titleIsHtml: isHtml,
    description: (isAtom ? str(item.summary) : str(item.content)) ?? '',
    content: (isAtom ? str(item.content) : str(item['content:encoded'])) ?? '',
    published: str(item.isoDate),
    lang: str(item.language) ?? str(item.attrs?.['xml:lang']),
    creator: str(item.creator),
    outlet: str(item.outlet),
  };
}

/**
 * Refuses entity declarations and non-feed documents, looking only at the prolog and the root tag.
 * Returns the root element's local name, lower-cased ("rss", "feed", "rdf").
 */
export function checkDocument(xml: string, contentType?: string): string {
  let rest = skipMisc(xml.replace(/^\uFEFF/, ''));
  const doctype = /^<!DOCTYPE\s+([^\s>[]+)[^>[]*(\[)?/i.exec(rest);
  if (doctype) {
    // Any internal subset that declares entities is refused, wherever the subset seems to end.
    if (doctype[2] && /<!ENTITY/i.test(xml)) {
      throw new ExitsError('HOSTILE_XML', 'document declares entities in its DTD; refused (entity expansion attack)');
    }
    if (doctype[1]?.toLowerCase() === 'html') throw notAFeed('an HTML page', contentType);
    const end = doctype[2] ? /\]\s*>/.exec(rest) : /^[^>]*>/.exec(rest);
    rest = end ? skipMisc(rest.slice(end.index + end[0].length)) : '';
  }
  if (rest.length === 0) throw new ExitsError('PARSE_ERROR', 'the document is empty: no XML element in it');
  const name = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest)?.[1]?.toLowerCase();
  if (!name) {
    if (/html/i.test(contentType ?? '')) throw notAFeed('an HTML page', contentType);
    throw new ExitsError('PARSE_ERROR', 'the document is not XML: it does not start with an element');
  }
  if (name === 'html') throw notAFeed('an HTML page', contentType);
  if (!FEED_ROOTS.has(name)) throw notAFeed(`a <${name}> document`, contentType);
  return name;
}

/** Skips whitespace, the XML declaration, processing instructions and comments. */
function skipMisc(s: string): string {
  let rest = s;
  for (;;) {
    const trimmed = rest.trimStart();
    const skip = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)/.exec(trimmed);
    if (!skip) return trimmed;
    rest = trimmed.slice(skip[0].length);
  }
}

function notAFeed(what: string, contentType: string | undefined): ExitsError {
  const ct = contentType ? ` (Content-Type ${contentType})` : '';
  return new ExitsError('NOT_A_FEED', `expected RSS, Atom or RDF but got ${what}${ct}`);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length > 0 ? t : null;
  }
  return null;
}

