import { errorCode, errorMessage } from '../core/errors.ts';
import type { PollResult, SourceSpec } from '../core/ports.ts';
import type { DetectedEvent, EventRecord, FeedState, Item } from '../core/types.ts';
import type { CycleDeps, FeedReport } from './cycle.ts';
import { recordTimes, scheduled } from './due.ts';

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
  /** Its card may already be in the channels since then (the store lost its record): look before posting. */
  lookSince?: string;
}

/**
 * After the store lost its data, a feed that looks new is not a first sight: what it published since
 * the store was last found whole may never have been posted. Such items are posted (cards already in the
 * channels are looked for first); older ones are recorded, as at a first sight.
 */
export interface Recovery {
  /** When this process last found the store whole (ms). */
  wholeAt: number;
  /** The undated item ids of this process's last read of the feed before the loss, if it read it. */
  lastRead?: ReadonlySet<string>;
}

/** An item can show up in a feed a while after the date it carries: items dated this much earlier are posted too. */
export const RECOVERY_SLACK_MS = 10 * 60_000;

/**
 * Whether an item of a feed read anew after a store loss may be new since the store was whole: dated
 * at most RECOVERY_SLACK_MS before that; undated, when this process read the feed before and it was not there.
 */
export function newSinceWhole(item: Item, recovery: Recovery): boolean {
  const t = item.published ? Date.parse(item.published) : Number.NaN;
  if (!Number.isNaN(t)) return t >= recovery.wholeAt - RECOVERY_SLACK_MS;
  return recovery.lastRead !== undefined && !recovery.lastRead.has(item.id);
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

function candidatesOf(item: Item, events: DetectedEvent[], detectedAt: string, postable: boolean, lookSince?: string): Candidate[] {
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
    return lookSince && postable ? { record, postable, lookSince } : { record, postable };
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
  /**
   * The ids of the undated items read (a feed that answered with its items): all that newSinceWhole()
   * needs after a store loss, so 10,000 feeds of dated items keep no ids in memory.
   */
  read?: string[];
  /** The feed's state after this poll (absent when it was not polled here). */
  state?: FeedState;
  /** Set when the state still has to be written: the cycle writes these in one batch. */
  unsaved?: boolean;
}

/** The state with its next poll planned, when polling is adaptive (`tickAt`: when the cycle began). */
function planned(deps: CycleDeps, spec: SourceSpec, state: FeedState, tickAt: Date): FeedState {
  if (!deps.polling) return state;
  const override = deps.pollOverride?.(spec, state, tickAt);
  return scheduled(state, tickAt.getTime(), deps.polling, override, spec.id);
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

/** The state with the appearance times of this poll's items added (adaptive polling learns from them). */
function withTimes(
  deps: CycleDeps,
  state: FeedState,
  items: Item[],
  seen: boolean[],
  now: Date,
  firstSight: boolean,
  previous: FeedState | undefined,
): FeedState {
  if (!deps.polling) return state;
  const appearances = items.map((item, i) => ({ published: item.published, fresh: !seen[i] }));
  return { ...state, publishTimes: recordTimes(previous?.publishTimes, appearances, now.getTime(), firstSight) };
}

/** A report for one source before anything is known. */
export function blankReport(spec: SourceSpec): FeedReport {
  return { id: spec.id, name: sourceName(spec), status: 'error', items: 0, newItems: 0, events: 0, firstSight: false };
}

/** A due feed its host could not take at this tick: polled at the next. */
export function deferredPoll(spec: SourceSpec): Polled {
  return { report: { ...blankReport(spec), status: 'deferred' }, candidates: [], commit: async () => {} };
}

/** A failed poll: backoff (or a longer Retry-After), the day-long failure warning, the state saved. */
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
  // A 429 or 503 that said how long to wait is waited out, if longer than the backoff.
  const asked = result.state.retryAfterAt ? Date.parse(result.state.retryAfterAt) : 0;
  const state = { ...result.state, failingSince, nextAttemptAt: new Date(Math.max(retry, asked)).toISOString(), warned };
  await deps.store.setFeedState(spec.id, state);
  return { report, candidates: [], commit: async () => {}, state };
}

/**
 * The changes in a body's new items, polled or delivered (WebSub). `next` gives the feed state to save
 * once the changes are in the history (from which items were seen before); null (a delivery) keeps the
 * stored one, which a poll owns. `recovery`: the feed is read anew after a store loss (see Recovery).
 */
export async function newItemsOf(
  deps: CycleDeps,
  spec: SourceSpec,
  previous: FeedState | undefined,
  items: Item[],
  report: FeedReport,
  next: ((seen: boolean[], firstSight: boolean) => FeedState) | null,
  recovery?: Recovery,
): Promise<Polled> {
  const now = deps.clock.now();
  report.status = 'ok';
  report.firstSight = !previous?.firstSeenAt;
  report.items = items.length;
  const seen = await deps.store.seenMany(items.map((i) => i.id));
  const fresh = items.filter((_, i) => !seen[i]);
  report.newItems = fresh.length;
  const oldest = now.getTime() - deps.maxAgeMs;
  const recovering = report.firstSight && recovery !== undefined;
  const mayPost = !report.firstSight || deps.postOnFirstSight || recovering;
  const lookSince = recovering ? new Date(recovery.wholeAt - RECOVERY_SLACK_MS).toISOString() : undefined;
  const candidates = fresh.flatMap((item) => {
    const recent = (!item.published || Date.parse(item.published) >= oldest) && (!recovering || newSinceWhole(item, recovery));
    const detected = deps.detect({
      title: item.title,
      summary: item.summary,
      body: item.body,
      lang: item.lang,
      kind: item.kind,
      author: item.author,
      published: item.published,
    });
    return candidatesOf(item, detected, now.toISOString(), mayPost && recent, lookSince);
  });
  report.events = candidates.length;
  if (recovering) {
    const posted = candidates.filter((c) => c.postable).length;
    deps.log.warn(
      { feed: report.name, events: candidates.length, posted },
      `${report.name} read anew after the store lost its data: ${posted} of ${candidates.length} changes are new since it was whole and are posted (looked for in the channels first)`,
    );
  } else if (report.firstSight && !mayPost && candidates.length > 0) {
    deps.log.info({ feed: report.name, events: candidates.length }, `first sight of ${report.name}: recorded without posting`);
  }
  // Only the ids outlive this function: a cycle over many feeds must not hold every article body.
  const freshIds = fresh.map((i) => i.id);
  const state = next?.(seen, report.firstSight);
  const commit = async () => {
    await deps.store.markSeen(freshIds);
    if (state) await deps.store.setFeedState(spec.id, { ...state, firstSeenAt: previous?.firstSeenAt ?? now.toISOString() });
    else if (!previous?.firstSeenAt) await deps.store.setFeedState(spec.id, { ...previous, firstSeenAt: now.toISOString() });
  };
  const read = items.filter((i) => !i.published || Number.isNaN(Date.parse(i.published))).map((i) => i.id);
  return { report, candidates, commit, state, read };
}

/** Polls one source and detects the changes of its new items. Never throws. */
export async function pollSource(
  deps: CycleDeps,
  spec: SourceSpec,
  slot: string | undefined,
  previous: FeedState | undefined,
  tickAt?: Date,
  recovery?: Recovery,
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
    const tick = tickAt ?? now;
    // A scheduled tick waits out a failing feed's backoff; a cycle asked for by hand (exits once) tries it.
    if (slot !== undefined && previous?.nextAttemptAt && Date.parse(previous.nextAttemptAt) > now.getTime()) {
      report.status = 'backoff';
      return { report, candidates: [], commit: nothing };
    }
    // A feed its WebSub hub pushes is polled only at its slow safety interval. With adaptive polling the
    // schedule already says so (pollOverride) and the feed is not due; without it, this check does.
    const every = slot === undefined ? undefined : deps.pushInterval?.(spec.id, now.getTime());
    if (every !== undefined && previous?.lastOkAt && Date.parse(previous.lastOkAt) + every > now.getTime()) {
      report.status = 'pushed';
      if (!deps.polling) return { report, candidates: [], commit: nothing };
      // Planned before the subscription was: its schedule now waits for the safety poll.
      const at = new Date(Date.parse(previous.lastOkAt) + every).toISOString();
      const state: FeedState = { ...previous, nextPollAt: at, pollIntervalMs: every, pollReason: 'override' };
      if (!deps.store.setFeedStates) await deps.store.setFeedState(spec.id, state);
      return { report, candidates: [], commit: nothing, state, unsaved: deps.store.setFeedStates !== undefined };
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
      // so a steady cycle over many feeds is not a store write per feed (with adaptive polling the next
      // poll time changes at every poll, and is written).
      const state = planned(deps, spec, healthy, tick);
      const unsaved = stateChanged(previous, state);
      if (unsaved && !deps.store.setFeedStates) await deps.store.setFeedState(spec.id, state);
      return { report, candidates: [], commit: nothing, state, unsaved: unsaved && deps.store.setFeedStates !== undefined };
    }
    const next = (seen: boolean[], firstSight: boolean) =>
      planned(deps, spec, withTimes(deps, healthy, result.items, seen, now, firstSight, previous), tick);
    return await newItemsOf(deps, spec, previous, result.items, report, next, recovery);
  } catch (err) {
    report.status = 'error';
    report.error = { code: errorCode(err), message: errorMessage(err) };
    deps.log.error({ feed: report.name, code: report.error.code }, `feed ${report.name}: ${report.error.message}`);
    return { report, candidates: [], commit: nothing };
  }
}
