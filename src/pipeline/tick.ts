/**
 * Which feeds a scheduled tick polls, without reading every feed's state at every tick: each process
 * remembers when each feed is next due, as it last read or wrote it, and reads from the store only the
 * states of feeds due by that memory (and feeds it has never read). The store stays the truth: a feed
 * another replica polled meanwhile is read again, found not due, and remembered with its new time. Per
 * tick a process reads about as many states as there are feeds due, not all 10,000.
 */
import type { SourceSpec, Store } from '../core/ports.ts';
import type { FeedState } from '../core/types.ts';
import type { CycleDeps, FeedReport } from './cycle.ts';
import { dueAt, isDue, type PollingPolicy } from './due.ts';
import { HostGate, hostOf, mapPolite } from './hosts.ts';
import { deferredPoll, mapBounded, type Polled, pollSource, type Recovery } from './poll.ts';

const READ_SLICE = 1000;

interface Known {
  at: number;
  failing: boolean;
}

export interface TickPlan {
  /** Feeds due now with their states, the longest overdue first. */
  due: { spec: SourceSpec; state: FeedState | undefined }[];
  /** Reports of the feeds not due at this tick. */
  waiting: FeedReport[];
}

export function createDueBook(policy: PollingPolicy) {
  const known = new Map<string, Known>();

  function note(id: string, state: FeedState | undefined): void {
    known.set(id, { at: dueAt(state), failing: state?.failingSince !== undefined });
  }

  function waitingReport(spec: SourceSpec, failing: boolean): FeedReport {
    const name = spec.kind === 'x' ? spec.handle : spec.name;
    return { id: spec.id, name, status: failing ? 'backoff' : 'waiting', items: 0, newItems: 0, events: 0, firstSight: false };
  }

  async function plan(sources: SourceSpec[], store: Store, now: number): Promise<TickPlan> {
    const waiting: FeedReport[] = [];
    const toRead: SourceSpec[] = [];
    for (const spec of sources) {
      const k = known.get(spec.id);
      if (k && k.at > now + policy.graceMs) waiting.push(waitingReport(spec, k.failing));
      else toRead.push(spec);
    }
    const due: (TickPlan['due'][number] & { at: number })[] = [];
    // In slices: parsing 10,000 states at once would hold the event loop for a long moment.
    for (let from = 0; from < toRead.length; from += READ_SLICE) {
      const slice = toRead.slice(from, from + READ_SLICE);
      const states = await store.getFeedStates(slice.map((s) => s.id));
      slice.forEach((spec, i) => {
        const state = states[i];
        note(spec.id, state);
        if (isDue(state, now, policy)) due.push({ spec, state, at: dueAt(state) });
        else waiting.push(waitingReport(spec, state?.failingSince !== undefined));
      });
    }
    // The longest overdue first: feeds a throttled host could not take last tick go before the others.
    due.sort((a, b) => a.at - b.at);
    return { due, waiting };
  }

  return { plan, note, forget: (id: string) => known.delete(id) };
}

/** The polling part of a cycle: which feeds are due, and polling them within their hosts' limits. */
export function createTickPoller(deps: CycleDeps) {
  const book = deps.polling ? createDueBook(deps.polling) : null;
  const gate = new HostGate(deps.hosts ?? { perHost: { concurrency: Number.POSITIVE_INFINITY, gapMs: 0 }, hosts: {} });

  /**
   * Polls the feeds due at this tick (all of them without adaptive polling, or for `exits once`), within
   * the hosts' limits. A feed its host could not take before the tick's time is up waits for the next.
   */
  async function pollDue(
    sources: SourceSpec[],
    slot: string | undefined,
    recoveryOf: (id: string) => Recovery | undefined = () => undefined,
  ): Promise<{ polled: Polled[]; waiting: FeedReport[] }> {
    const tickAt = deps.clock.now();
    let due: { spec: SourceSpec; state: FeedState | undefined }[];
    let waiting: FeedReport[] = [];
    if (book && slot !== undefined) {
      ({ due, waiting } = await book.plan(sources, deps.store, tickAt.getTime()));
    } else {
      const states = await deps.store.getFeedStates(sources.map((s) => s.id));
      due = sources.map((spec, i) => ({ spec, state: states[i] }));
    }
    const poll = ({ spec, state }: (typeof due)[number]) => pollSource(deps, spec, slot, state, tickAt, recoveryOf(spec.id));
    const polled = !deps.hosts
      ? await mapBounded(due, deps.concurrency, poll)
      : await mapPolite(
          due,
          {
            limit: deps.concurrency,
            host: (d) => hostOf(d.spec, d.state),
            gate,
            // A scheduled tick leaves what is left to the next one, before the next one begins (the hosts'
            // gaps are kept in real time, whatever clock the cycle is given).
            deadline: book && slot !== undefined ? Date.now() + 0.8 * (deps.leaseMs ?? 60_000) : Number.POSITIVE_INFINITY,
          },
          poll,
          ({ spec }) => deferredPoll(spec),
        );
    for (const p of polled) if (p.state) book?.note(p.report.id, p.state);
    // The 304s' states in one write: at 10,000 feeds a write each was most of a tick's CPU.
    const unsaved = polled.flatMap((p) => (p.unsaved && p.state ? [{ id: p.report.id, state: p.state }] : []));
    if (unsaved.length > 0) await deps.store.setFeedStates?.(unsaved);
    return { polled, waiting };
  }

  return pollDue;
}
