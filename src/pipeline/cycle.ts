import { createHash } from 'node:crypto';
import { errorCode, errorMessage } from '../core/errors.ts';
import type { Clock, FeedFetcher, Notifier, SourceSpec, Store } from '../core/ports.ts';
import type { DetectedEvent, DetectInput, EventRecord, Item } from '../core/types.ts';

/** The few logger methods the pipeline needs (pino's Logger satisfies it). */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface CycleDeps {
  sources: SourceSpec[];
  fetcher: FeedFetcher;
  store: Store;
  detect: (input: DetectInput) => DetectedEvent[];
  notifiers: Notifier[];
  clock: Clock;
  log: Log;
  /** Items published longer ago than this never post (they still enter the history). */
  maxAgeMs: number;
  /** Post the changes of a feed seen for the first time, instead of only recording them. */
  postOnFirstSight: boolean;
  /** How many feeds are fetched at once. */
  concurrency: number;
}

export interface FeedReport {
  id: string;
  name: string;
  status: 'ok' | 'not-modified' | 'error';
  items: number;
  newItems: number;
  events: number;
  firstSight: boolean;
  error?: { code: string; message: string };
}

export interface CycleReport {
  feeds: FeedReport[];
  alerts: EventRecord[];
  durationMs: number;
}

export function eventKey(itemId: string, e: DetectedEvent): string {
  return createHash('sha256')
    .update([itemId, e.person.toLowerCase(), e.type, (e.org ?? '').toLowerCase()].join('\u0000'))
    .digest('base64url')
    .slice(0, 24);
}

function toRecords(item: Item, events: DetectedEvent[], detectedAt: string): EventRecord[] {
  return events.map((e) => ({
    ...e,
    key: eventKey(item.id, e),
    itemId: item.id,
    title: item.title,
    url: item.url,
    source: item.source,
    published: item.published,
    lang: item.lang,
    detectedAt,
  }));
}

function sourceName(spec: SourceSpec): string {
  return spec.kind === 'x' ? spec.handle : spec.name;
}

/** Runs `work` over `inputs` with at most `limit` in flight; results keep the input order. */
async function mapBounded<T, R>(inputs: T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await work(inputs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

/** Polls one source and turns its new items into history entries and alerts. Never throws. */
async function processSource(deps: CycleDeps, spec: SourceSpec, alerts: EventRecord[]): Promise<FeedReport> {
  const report: FeedReport = {
    id: spec.id,
    name: sourceName(spec),
    status: 'error',
    items: 0,
    newItems: 0,
    events: 0,
    firstSight: false,
  };
  const log = deps.log;
  try {
    const previous = await deps.store.getFeedState(spec.id);
    const result = await deps.fetcher.poll(spec, previous);
    report.status = result.status;
    if (result.status === 'error') {
      report.error = { code: result.error.code, message: result.error.message };
      log.warn({ feed: report.name, code: result.error.code }, `feed ${report.name} failed: ${result.error.message}`);
      await deps.store.setFeedState(spec.id, result.state);
      return report;
    }
    if (result.status === 'not-modified') {
      await deps.store.setFeedState(spec.id, result.state);
      return report;
    }

    const now = deps.clock.now();
    report.firstSight = !previous?.firstSeenAt;
    report.items = result.items.length;
    const seen = await deps.store.seenMany(result.items.map((i) => i.id));
    const fresh = result.items.filter((_, i) => !seen[i]);
    report.newItems = fresh.length;

    const records = fresh.flatMap((item) =>
      toRecords(
        item,
        deps.detect({
          title: item.title,
          summary: item.summary,
          body: item.body,
          lang: item.lang,
          kind: item.kind,
          author: item.author,
          published: item.published,
        }),
        now.toISOString(),
      ),
    );
    const added = await deps.store.addEvents(records);
    report.events = added.length;
    const oldest = now.getTime() - deps.maxAgeMs;
    const postable = added.filter((r) => !r.published || Date.parse(r.published) >= oldest);
    if (!report.firstSight || deps.postOnFirstSight) alerts.push(...postable);
    else if (added.length > 0) {
      log.info({ feed: report.name, events: added.length }, `first sight of ${report.name}: recorded without posting`);
    }

    await deps.store.markSeen(fresh.map((i) => i.id));
    await deps.store.setFeedState(spec.id, {
      ...result.state,
      firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
    });
    return report;
  } catch (err) {
    report.status = 'error';
    report.error = { code: errorCode(err), message: errorMessage(err) };
    log.error({ feed: report.name, code: report.error.code }, `feed ${report.name}: ${report.error.message}`);
    return report;
  }
}

/** One poll cycle: fetch every source (bounded concurrency), detect, record, notify. */
export async function runCycle(deps: CycleDeps): Promise<CycleReport> {
  const started = performance.now();
  const alerts: EventRecord[] = [];
  const feeds = await mapBounded(deps.sources, deps.concurrency, async (spec) => {
    const report = await processSource(deps, spec, alerts);
    const { name, status, items, newItems, events, firstSight } = report;
    deps.log.debug({ feed: name, status, items, newItems, events, firstSight }, 'feed polled');
    return report;
  });
  for (const alert of alerts) {
    for (const notifier of deps.notifiers) {
      try {
        await notifier.send(alert);
      } catch (err) {
        deps.log.error(
          { notifier: notifier.name, code: errorCode(err), event: alert.key },
          `${notifier.name} could not post "${alert.title}": ${errorMessage(err)}`,
        );
      }
    }
  }
  const durationMs = Math.round(performance.now() - started);
  const failed = feeds.filter((f) => f.status === 'error').length;
  deps.log.info(
    { feeds: feeds.length, failed, alerts: alerts.length, durationMs },
    `cycle done: ${feeds.length} feeds, ${failed} failing, ${alerts.length} alerts`,
  );
  return { feeds, alerts, durationMs };
}
