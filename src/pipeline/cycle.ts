import { personKey } from '../core/names.ts';
import { CardRefused, ExitsError, errorCode, errorMessage, PartialDelivery } from '../core/errors.ts';
import type { Notifier, OutboxEntry } from '../core/ports.ts';
import { cleanLine } from '../core/text.ts';
import type { ChannelRoute, EventRecord } from '../core/types.ts';
import { attachRecall, classify, eventTime, holds, mergeInto, newEventKey, reportOf } from './merge.ts';
import type { CycleDeps, Pipeline } from './deps.ts';
import { storeLossWatch } from './marker.ts';
import { blankReport, type Candidate, newItemsOf, nextAttempt, type Polled, type Recovery } from './poll.ts';
import { createTickPoller } from './tick.ts';
import { wants } from './route.ts';
import { logCycle } from './tally.ts';

export type { Log } from '../core/queries.ts';

export type { CycleDeps, CycleReport, FeedReport, Pipeline } from './deps.ts';

/** A card the platforms refuse for good this many times is set aside as undeliverable. */
export const MAX_REFUSALS = 3;

/** How long one replica may hold an alert it is sending before another may take over. */
const OUTBOX_LEASE_MS = 30_000;
/**
 * Merges of one person's reports are serialised across replicas with this lock. A merge takes well under
 * a second; a replica that dies holding the lock frees it after PERSON_LOCK_MS, which the others outwait.
 */
const PERSON_LOCK_MS = 5_000;
const PERSON_LOCK_WAIT_MS = 10_000;

/** A card whose send failed waits base * 2^(failures-1), capped and jittered, before the next try. */
const SEND_BACKOFF = { baseMs: 5_000, maxMs: 5 * 60_000 };

/** The wait a chat asked for (Retry-After), when the error carries one. */
function retryAfterMs(err: unknown): number {
  const ms = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : 0;
}

/** How long an outbox entry may wait for its event (saved right after it, by the same merge). */
const ORPHAN_GRACE_MS = 10 * 60_000;

/** A feed whose last read had no undated item (one shared set, not one per feed). */
const NONE_READ: ReadonlySet<string> = new Set();

/** How long after a store loss feeds read anew are treated as recovering (every feed is read by then). */
const RECOVERY_MS = 60 * 60_000;

function owner(deps: CycleDeps): string {
  return deps.owner ?? 'exits';
}

/** Waits for a lock another replica holds briefly; gives up (and fails the cycle) after a while. */
async function lock(deps: CycleDeps, name: string): Promise<void> {
  const deadline = Date.now() + PERSON_LOCK_WAIT_MS;
  while (!(await deps.store.claim(name, owner(deps), PERSON_LOCK_MS))) {
    if (Date.now() > deadline) throw new ExitsError('LOCK_TIMEOUT', `${name} stayed locked by another replica`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The poll pipeline. It keeps, between cycles, which cards still owe an edit (the throttle may have
 * postponed it) and when each card was last edited.
 */
export function createPipeline(deps: CycleDeps): Pipeline {
  const lastEdit = new Map<string, number>();
  const owed = new Set<string>();
  /** Outbox entries this process has begun to send (an entry tried elsewhere gets a look first). */
  const triedHere = new Set<string>();
  const storeLoss = storeLossWatch(deps);
  /** After a store loss: when the store was last whole, until when feeds read anew recover (see poll.ts). */
  let recovery: { wholeAt: number; until: number } | null = null;
  /** The undated item ids of each feed's last read here: an undated item new since the loss is one not among them. */
  const lastRead = new Map<string, ReadonlySet<string>>();
  let chatErrors = 0;
  let setAside: { key: string; reason: string }[] = [];

  /**
   * Matches each candidate against the person's history, read fresh from the store (another replica may
   * have just added to it) under a per-person lock: a new change, the same change, or a recall. A person's
   * candidates of one cycle are merged together: one read of the history, one write per changed event.
   */
  async function merge(candidates: Candidate[], now: string): Promise<void> {
    const byPerson = new Map<string, Candidate[]>();
    for (const c of [...candidates].sort((a, b) => eventTime(a.record) - eventTime(b.record))) {
      const name = personKey(c.record.person);
      const group = byPerson.get(name);
      if (group) group.push(c);
      else byPerson.set(name, [c]);
    }
    for (const [person, group] of byPerson) {
      const name = `person:${person}`;
      await lock(deps, name);
      try {
        await mergePerson(group, now);
      } finally {
        await deps.store.release(name, owner(deps));
      }
    }
  }

  async function mergePerson(group: Candidate[], now: string): Promise<void> {
    const history = await deps.store.eventsOf(group[0]?.record.person ?? '');
    const changed = new Map<string, EventRecord>();
    /** Keys to send, with the time since which a card may already be in the channels (a store loss). */
    const toSend = new Map<string, string | undefined>();
    const send = (key: string, lookSince: string | undefined) => {
      if (!toSend.has(key) || lookSince) toSend.set(key, lookSince ?? toSend.get(key));
    };
    for (const { record, postable, lookSince } of group) {
      if (holds(history, record)) continue;
      const decision = classify(record, history, deps.mergeWindowMs);
      let event: EventRecord;
      if (decision.kind === 'new') {
        event = { ...record, reports: [reportOf(record)] };
        event.key = newEventKey(event);
        if (postable) send(event.key, lookSince);
      } else if (decision.kind === 'recall') {
        event = attachRecall(decision.event, record);
        if (event === decision.event) continue;
      } else {
        event = mergeInto(decision.event, record, now);
        if (event === decision.event) continue;
        if (event.postedAt) owed.add(event.key);
        else if (postable) send(event.key, lookSince);
      }
      const at = history.findIndex((h) => h.key === event.key);
      if (at >= 0) history[at] = event;
      else history.push(event);
      changed.set(event.key, event);
    }
    // The outbox entries come first: an event in the history without one would never be sent.
    for (const [key, lookSince] of toSend) await deps.store.outboxAdd(key, now, lookSince);
    for (const event of changed.values()) await deps.store.saveEvent(event);
  }

  async function channelsFor(notifier: Notifier, event: EventRecord, routes: ChannelRoute[]): Promise<string[]> {
    return routes.filter((r) => r.platform === notifier.name && wants(r, event)).map((r) => r.channel);
  }

  /**
   * Sends what the outbox holds, oldest first, to the channels that do not have it yet. An entry leaves
   * the outbox once every notifier has answered: delivered, or refused for good (reported by the
   * notifier, not retried). A temporary failure keeps it for the next cycle.
   */
  async function flushOutbox(routes: ChannelRoute[], now: string, scheduled: boolean): Promise<EventRecord[]> {
    const delivered: EventRecord[] = [];
    const entries = await deps.store.outboxList();
    // Entries that left the outbox (here or in another replica) are forgotten.
    const listed = new Set(entries.map((e) => e.key));
    for (const key of triedHere) if (!listed.has(key)) triedHere.delete(key);
    // A chat that failed an alert is asked again only after its backoff (or the Retry-After it gave);
    // `exits once`, asked for by hand, tries everything.
    const due = entries.filter((e) => !scheduled || !e.retryAt || e.retryAt <= now);
    for (const entry of await inSendingOrder(due)) {
      const key = entry.key;
      // One replica sends a given alert; if it dies, the lease lapses and another takes over.
      if (!(await deps.store.claim(`outbox:${key}`, owner(deps), OUTBOX_LEASE_MS))) continue;
      try {
        const done = await deliver(entry, routes, now);
        if (done) delivered.push(done);
      } finally {
        await deps.store.release(`outbox:${key}`, owner(deps));
      }
    }
    return delivered;
  }

  /** Oldest entry first; among entries of one cycle, the change published first (a reader's order). */
  async function inSendingOrder(entries: OutboxEntry[]): Promise<OutboxEntry[]> {
    const times = new Map<string, number>();
    for (const e of entries) {
      const event = await deps.store.getEvent(e.key);
      times.set(e.key, event ? eventTime(event) : 0);
    }
    const at = (e: OutboxEntry) => times.get(e.key) ?? 0;
    return entries.sort((a, b) => a.since.localeCompare(b.since) || at(a) - at(b) || a.key.localeCompare(b.key));
  }

  async function deliver(entry: OutboxEntry, routes: ChannelRoute[], now: string): Promise<EventRecord | null> {
    const { key } = entry;
    const event = await deps.store.getEvent(key);
    if (!event) {
      // The entry is written before its event (so an event is never without one): a young entry's event
      // may still be on its way from another replica. Only one that stayed alone for long is dropped.
      const age = Date.parse(now) - Date.parse(entry.since);
      if (age < ORPHAN_GRACE_MS) return null;
      deps.log.warn({ key }, `outbox entry ${key} has had no event for ${Math.round(age / 60_000)} min: removed`);
      await deps.store.outboxRemove(key);
      return null;
    }
    // Tried by an earlier process (a crash, a replica that died), or posted before the store lost its
    // record of it (maybe by this very process, whose memory of it the store no longer backs): a card may
    // be in the channels unrecorded. Tries this process began itself are the notifier's to judge.
    const earlierTry = entry.lookSince ?? (entry.tried && !triedHere.has(key) ? entry.since : undefined);
    if (!entry.tried) await deps.store.outboxTried(key);
    triedHere.add(key);
    const posted = await deps.store.getPosts(key);
    let complete = true;
    let waitMs = 0;
    const refusals: string[] = [];
    for (const notifier of deps.notifiers) {
      const have = new Set(posted.filter((p) => p.notifier === notifier.name).map((p) => p.channel));
      const channels = (await channelsFor(notifier, event, routes)).filter((c) => !have.has(c));
      if (channels.length === 0) continue;
      try {
        await deps.store.addPosts(key, await notifier.send(event, channels, earlierTry));
      } catch (err) {
        // Where it did land is kept, so the next try goes only to the channels still missing it.
        if (err instanceof PartialDelivery) await deps.store.addPosts(key, err.posted);
        if (err instanceof CardRefused) refusals.push(`${notifier.name}: ${err.reason}`);
        complete = false;
        chatErrors++;
        waitMs = Math.max(waitMs, retryAfterMs(err));
        deps.log.error(
          { notifier: notifier.name, code: errorCode(err), event: key },
          `${notifier.name} could not post "${event.title}" (kept in the outbox): ${errorMessage(err)}`,
        );
      }
    }
    if (!complete) {
      if (refusals.length > 0) await refused(entry, event, refusals.join('; '), now);
      const failures = (entry.failures ?? 0) + 1;
      const at = Math.max(nextAttempt(failures, Date.parse(now), SEND_BACKOFF, deps.random), Date.parse(now) + waitMs);
      await deps.store.outboxFailed(key, failures, new Date(at).toISOString());
      return null;
    }
    // Another replica may have merged a report meanwhile: mark the fresh record, under the person's lock.
    const name = `person:${personKey(event.person)}`;
    await lock(deps, name);
    try {
      const fresh = (await deps.store.getEvent(key)) ?? event;
      const done = { ...fresh, postedAt: fresh.postedAt ?? now };
      await deps.store.saveEvent(done);
      await deps.store.outboxRemove(key);
      return done;
    } finally {
      await deps.store.release(name, owner(deps));
    }
  }

  /**
   * A card a platform refused for good: counted, and after MAX_REFUSALS set aside as undeliverable with
   * its reason (reported once to the admin channel), so it no longer comes back every cycle.
   */
  async function refused(entry: OutboxEntry, event: EventRecord, reason: string, now: string): Promise<void> {
    const tries = await deps.store.outboxRefused(entry.key, reason);
    if (tries < MAX_REFUSALS) return;
    const title = cleanLine(event.title, 200) || cleanLine(event.person, 200);
    await deps.store.setAside({ key: entry.key, since: entry.since, at: now, reason, tries, title });
    setAside.push({ key: entry.key, reason });
    const text = `An alert was set aside as undeliverable after ${tries} refusals (${reason}): "${title}". See exits outbox list, then exits outbox retry or drop ${entry.key}.`;
    deps.log.error({ event: entry.key, reason, tries }, text);
    if (!deps.admin) return;
    try {
      await deps.admin(text);
    } catch (err) {
      deps.log.warn({ event: entry.key, code: errorCode(err) }, `could not tell the admin channel: ${errorMessage(err)}`);
    }
  }

  async function edit(key: string, nowMs: number): Promise<EventRecord | null> {
    if (nowMs - (lastEdit.get(key) ?? Number.NEGATIVE_INFINITY) < deps.updateThrottleMs) return null;
    const event = await deps.store.getEvent(key);
    owed.delete(key);
    if (!event) return null;
    lastEdit.set(key, nowMs);
    const refs = await deps.store.getPosts(key);
    for (const notifier of deps.notifiers) {
      const mine = refs.filter((r) => r.notifier === notifier.name);
      if (mine.length === 0 || !notifier.update) continue;
      try {
        await notifier.update(event, mine);
      } catch (err) {
        chatErrors++;
        deps.log.warn(
          { notifier: notifier.name, code: errorCode(err), event: key },
          `${notifier.name} could not update "${event.title}": ${errorMessage(err)}`,
        );
      }
    }
    return event;
  }

  const pollDue = createTickPoller(deps);
  /**
   * Merges, commits and sends are serialised within the process: the person lock is re-entrant for one
   * owner, so a delivery and a cycle of one replica must not merge the same person at once.
   */
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  }

  async function settle(polled: Polled[], now: Date): Promise<void> {
    await merge(
      polled.flatMap((p) => p.candidates),
      now.toISOString(),
    );
    for (const p of polled) {
      await p.commit();
      if (p.read) lastRead.set(p.report.id, p.read.length > 0 ? new Set(p.read) : NONE_READ);
      const { name, status, items, newItems, events, firstSight } = p.report;
      deps.log.debug({ feed: name, status, items, newItems, events, firstSight }, 'feed polled');
    }
  }

  async function send(now: Date, scheduled: boolean): Promise<{ alerts: EventRecord[]; updates: EventRecord[] }> {
    const routes = await deps.routes();
    const alerts = await flushOutbox(routes, now.toISOString(), scheduled);
    const updates: EventRecord[] = [];
    for (const key of [...owed]) {
      const edited = await edit(key, now.getTime());
      if (edited) updates.push(edited);
    }
    return { alerts, updates };
  }

  return {
    async runCycle(slot) {
      const started = performance.now();
      const look = await storeLoss();
      const storeLost = look.lost;
      if (look.lost && look.wholeAt !== undefined) recovery = { wholeAt: look.wholeAt, until: deps.clock.now().getTime() + RECOVERY_MS };
      if (recovery && deps.clock.now().getTime() > recovery.until) recovery = null;
      const sources = deps.addedSources ? [...deps.sources, ...(await deps.addedSources())] : deps.sources;
      const recoveryOf = (id: string): Recovery | undefined => (recovery ? { wholeAt: recovery.wholeAt, lastRead: lastRead.get(id) } : undefined);
      const { polled, waiting } = await pollDue(sources, slot, recoveryOf);
      const { alerts, updates, errors, aside } = await serial(async () => {
        chatErrors = 0;
        setAside = [];
        const now = deps.clock.now();
        await settle(polled, now);
        return { ...(await send(now, slot !== undefined)), errors: chatErrors, aside: setAside };
      });
      const feeds = [...polled.map((p) => p.report), ...waiting];
      const durationMs = Math.round(performance.now() - started);
      logCycle(deps, feeds, alerts.length, updates.length, durationMs);
      return { feeds, alerts, updates, chatErrors: errors, setAside: aside, durationMs, storeLost };
    },
    async ingest(spec, result) {
      const report = blankReport(spec);
      if (result.status !== 'ok') {
        report.status = result.status;
        if (result.status === 'error') report.error = { code: result.error.code, message: result.error.message };
        return { report, sent: Promise.resolve([]) };
      }
      const previous = await deps.store.getFeedState(spec.id);
      const polled = await newItemsOf(deps, spec, previous, result.items, report, null);
      await serial(() => settle([polled], deps.clock.now()));
      const sent = serial(async () => {
        chatErrors = 0;
        setAside = [];
        return (await send(deps.clock.now(), true)).alerts;
      });
      return { report, sent };
    },
  };
}
