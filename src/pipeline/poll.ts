import { errorCode, errorMessage } from '../core/errors.ts';
import type { PollResult, SourceSpec } from '../core/ports.ts';
import type { DetectedEvent, EventRecord, FeedState, Item } from '../core/types.ts';
import type { CycleDeps, FeedReport } from './cycle.ts';

/** Polling one source: leases, backoff, fetch, seen items, detection. The merge happens in cycle.ts. */

const DEFAULT_BACKOFF = { baseMs: 60_000, maxMs: 3_600_000 };
const DAY_MS = 86_400_000;

/** When a failing feed may be tried again: exponential in its failures, capped, jittered. */
export function nextAttempt(failures: number, now: number, backoff = DEFAULT_BACKOFF, random = Math.random): number {
  const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  return now + Math.round(delay * (0.75 + random() * 0.5));
}

/** A detected change before it is matched against the history. */
export interface Candidate {
  record: EventRecord;
  postable: boolean;
}

/**
 * The detector may find one change twice in an item (headline and body, one naming the organisation):
 * same person and kind with compatible organisations is one change. Different kinds stay apart.
 */
export function distinctChanges(events: DetectedEvent[]): DetectedEvent[] {
  const out: DetectedEvent[] = [];
  const same = (a: string | null, b: string | null) => !a || !b || a.toLowerCase() === b.toLowerCase();
  for (const e of events) {
    const i = out.findIndex(
      (o) => o.person.toLowerCase() === e.person.toLowerCase() && o.type === e.type && same(o.org, e.org) && same(o.destination, e.destination),
    );
    const kept = out[i];
    if (!kept) {
      out.push(e);
      continue;
    }
    out[i] = {
      ...(e.confidence > kept.confidence ? e : kept),
      org: kept.org ?? e.org,
      destination: kept.destination ?? e.destination,
      role: kept.role ?? e.role,
    };
  }
  return out;
}

function candidatesOf(item: Item, events: DetectedEvent[], detectedAt: string, postable: boolean): Candidate[] {
  return distinctChanges(events).map((e) => {
    const record: EventRecord = {
      ...e,
      key: '',
      itemId: item.id,
      title: item.title,
      url: item.url,
      source: item.source,
      published: item.published,
      lang: e.lang ?? item.lang,
      detectedAt,
      reports: [],
    };
    return { record, postable };
  });
}

function sourceName(spec: SourceSpec): string {
  return spec.kind === 'x' ? spec.handle : spec.name;
}

/** Runs `work` over `inputs` with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, R>(inputs: T[], limit: number, work: (input: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await work(inputs[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

const LAST_OK_REFRESH_MS = 5 * 60_000;

/** Whether a 304's new state says more than "still fine a moment later". */
function stateChanged(previous: FeedState | undefined, next: FeedState): boolean {
  if (!previous) return true;
  // Every field is a string, number or boolean: a shallow comparison is enough, and it runs for every 304.
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const k in before) if (k !== 'lastOkAt' && before[k] !== after[k]) return true;
  for (const k in after) if (k !== 'lastOkAt' && !(k in before) && after[k] !== undefined) return true;
  const a = previous.lastOkAt;
  const b = next.lastOkAt;
  return !a || !b || Date.parse(b) - Date.parse(a) >= LAST_OK_REFRESH_MS;
}

export interface Polled {
  report: FeedReport;
  candidates: Candidate[];
  /** Marks the items seen and saves the feed state, once their changes are in the history. */
  commit: () => Promise<void>;
}

/** Posts a notice to the admin channel, if there is one; false when it could not be posted. */
export async function tellAdmin(deps: CycleDeps, text: string): Promise<boolean> {
  if (!deps.admin) return true;
  try {
    await deps.admin(text);
    return true;
  } catch (err) {
    deps.log.warn({ code: errorCode(err) }, `could not post to the admin channel: ${errorMessage(err)}`);
    return false;
  }
}

function owner(deps: CycleDeps): string {
  return deps.owner ?? 'exits';
}

/** A failed poll: backoff, the day-long failure warning, the state saved. */
async function failed(
  deps: CycleDeps,
  spec: SourceSpec,
  previous: FeedState | undefined,
  result: Extract<PollResult, { status: 'error' }>,
  report: FeedReport,
  now: Date,
): Promise<Polled> {
  report.error = { code: result.error.code, message: result.error.message };
  const failures = result.state.failures ?? 1;
  const failingSince = previous?.failingSince ?? now.toISOString();
  const retry = nextAttempt(failures, now.getTime(), deps.backoff, deps.random);
  deps.log.warn(
    { feed: report.name, code: result.error.code, failures, retryAt: new Date(retry).toISOString() },
    `feed ${report.name} failed: ${result.error.message}`,
  );
  let warned = previous?.warned ?? false;
  if (!warned && now.getTime() - Date.parse(failingSince) >= (deps.warnAfterMs ?? DAY_MS)) {
    const text = `feed ${report.name} has been failing since ${failingSince}: ${result.error.message}`;
    deps.log.error({ feed: report.name, code: result.error.code, failingSince, admin: true }, text);
    // Not marked warned until the admin channel has it: the next failure tries again.
    warned = await tellAdmin(deps, `exits: ${text}`);
  }
  await deps.store.setFeedState(spec.id, {
    ...result.state,
    failingSince,
    nextAttemptAt: new Date(retry).toISOString(),
    warned,
  });
  return { report, candidates: [], commit: async () => {} };
}

/**
 * The changes in a body's new items, polled or delivered (WebSub). `next` is the feed state to save once
 * the changes are in the history; null (a delivery) keeps the stored one, which a poll owns.
 */
export async function newItemsOf(
  deps: CycleDeps,
  spec: SourceSpec,
  previous: FeedState | undefined,
  items: Item[],
  report: FeedReport,
  next: FeedState | null,
): Promise<Polled> {
  const now = deps.clock.now();
  report.status = 'ok';
  report.firstSight = !previous?.firstSeenAt;
  report.items = items.length;
  const seen = await deps.store.seenMany(items.map((i) => i.id));
  const fresh = items.filter((_, i) => !seen[i]);
  report.newItems = fresh.length;
  const oldest = now.getTime() - deps.maxAgeMs;
  const mayPost = !report.firstSight || deps.postOnFirstSight;
  const candidates = fresh.flatMap((item) => {
    const recent = !item.published || Date.parse(item.published) >= oldest;
    const detected = deps.detect({
      title: item.title,
      summary: item.summary,
      body: item.body,
      lang: item.lang,
      kind: item.kind,
      author: item.author,
      published: item.published,
    });
    return candidatesOf(item, detected, now.toISOString(), mayPost && recent);
  });
  report.events = candidates.length;
  if (report.firstSight && !mayPost && candidates.length > 0) {
    deps.log.info({ feed: report.name, events: candidates.length }, `first sight of ${report.name}: recorded without posting`);
  }
  // Only the ids outlive this function: a cycle over many feeds must not hold every article body.
  const freshIds = fresh.map((i) => i.id);
  const commit = async () => {
    await deps.store.markSeen(freshIds);
    if (next) await deps.store.setFeedState(spec.id, { ...next, firstSeenAt: previous?.firstSeenAt ?? now.toISOString() });
    else if (!previous?.firstSeenAt) await deps.store.setFeedState(spec.id, { ...previous, firstSeenAt: now.toISOString() });
  };
  return { report, candidates, commit };
}

/** A report for one source before anything is known. */
export function blankReport(spec: SourceSpec): FeedReport {
  return { id: spec.id, name: sourceName(spec), status: 'error', items: 0, newItems: 0, events: 0, firstSight: false };
}

/** Polls one source and detects the changes of its new items. Never throws. */
export async function pollSource(
  deps: CycleDeps,
  spec: SourceSpec,
  slot: string | undefined,
  previous: FeedState | undefined,
): Promise<Polled> {
  const report = blankReport(spec);
  const nothing = async () => {};
  try {
    // Replicas sharing a store split the feeds of a tick; a store only this process uses needs no lease.
    const lease = slot !== undefined && deps.store.shared;
    if (lease && !(await deps.store.claim(`feed:${spec.id}:${slot}`, owner(deps), deps.leaseMs ?? 60_000))) {
      report.status = 'leased';
      return { report, candidates: [], commit: nothing };
    }
    const now = deps.clock.now();
    // A scheduled tick waits out a failing feed's backoff; a cycle asked for by hand (exits once) tries it.
    if (slot !== undefined && previous?.nextAttemptAt && Date.parse(previous.nextAttemptAt) > now.getTime()) {
      report.status = 'backoff';
      return { report, candidates: [], commit: nothing };
    }
    // s19-push: a feed with an active WebSub subscription is polled only at its slow safety interval.
    // The lead replaces this with the adaptive scheduler's due-time at merge (see docs/push.md).
    const every = slot === undefined ? undefined : deps.pushInterval?.(spec.id, now.getTime());
    if (every !== undefined && previous?.lastOkAt && Date.parse(previous.lastOkAt) + every > now.getTime()) {
      report.status = 'pushed';
      return { report, candidates: [], commit: nothing };
    }
    const result = await deps.fetcher.poll(spec, previous);
    report.status = result.status;
    if (result.status === 'error') return await failed(deps, spec, previous, result, report, now);
    const { failingSince: _f, nextAttemptAt: _n, warned: _w, ...healthy } = result.state;
    if (previous?.failingSince) {
      deps.log.info({ feed: report.name, failingSince: previous.failingSince }, `feed ${report.name} answers again`);
      if (previous.warned) await tellAdmin(deps, `exits: feed ${report.name} answers again (failing since ${previous.failingSince})`);
    }
    if (result.status === 'not-modified') {
      // Most polls of a quiet feed change nothing but lastOkAt: write that at most every few minutes,
      // so a steady cycle over many feeds is not a store write per feed.
      if (stateChanged(previous, healthy)) await deps.store.setFeedState(spec.id, healthy);
      return { report, candidates: [], commit: nothing };
    }
    return await newItemsOf(deps, spec, previous, result.items, report, healthy);
  } catch (err) {
    report.status = 'error';
    report.error = { code: errorCode(err), message: errorMessage(err) };
    deps.log.error({ feed: report.name, code: report.error.code }, `feed ${report.name}: ${report.error.message}`);
    return { report, candidates: [], commit: nothing };
  }
}

