import { createHash } from 'node:crypto';
import { personKey } from '../core/names.ts';
import type { ChangeType, EventRecord, Report } from '../core/types.ts';

/**
 * Kinds of change that can describe the same move in different outlets' words: "leaves" and "is pushed
 * out" (Gelsinger: "poussé vers la sortie" / "tritt zurück"), "leaves" and "leaves for a rival". Being
 * fired and joining a rival are not: days apart, they are two stories (Altman ousted, then to Microsoft).
 */
const SAME_MOVE = new Set(['departure:fired', 'departure:joined']);

export function compatibleKinds(a: ChangeType, b: ChangeType): boolean {
  return a === b || SAME_MOVE.has(`${a}:${b}`) || SAME_MOVE.has(`${b}:${a}`);
}

/** Different wordings of one move are reported within days of each other; the same wording, within the window. */
const MIXED_KINDS_WINDOW_MS = 2 * 86_400_000;

/** Only these kinds happen once per stint, so a much later report of one is a recall, not news. */
const RECALLABLE: ChangeType[] = ['departure', 'fired', 'joined', 'leave', 'founded'];

/** Kinds that end a departure: after one of these at the same org, a new exit there is news again. */
const RETURNS: ChangeType[] = ['reinstated', 'appointed', 'joined'];

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

export function eventTime(e: { published: string | null; detectedAt: string }): number {
  const t = e.published ? Date.parse(e.published) : Number.NaN;
  return Number.isNaN(t) ? Date.parse(e.detectedAt) : t;
}

function compatible(a: string | null, b: string | null): boolean {
  return !a || !b || norm(a) === norm(b);
}

/** Same person, same kind of move, compatible organisations; time is checked by the caller. */
function sameMove(a: EventRecord, b: EventRecord): boolean {
  if (personKey(a.person.trim()) !== personKey(b.person.trim()) || !compatibleKinds(a.type, b.type)) return false;
  if (a.type === 'founded' && b.type === 'founded') return compatible(a.destination, b.destination);
  return compatible(a.org, b.org);
}

export type MergeDecision =
  | { kind: 'new' }
  /** The same change, reported again within the window: one card, updated. */
  | { kind: 'same'; event: EventRecord }
  /** An older change told again much later (a profile, an anniversary): recorded, never posted again. */
  | { kind: 'recall'; event: EventRecord };

/** Finds what a freshly detected change is, given the history of the same person. */
export function classify(candidate: EventRecord, history: EventRecord[], windowMs: number): MergeDecision {
  const t = eventTime(candidate);
  // Two changes the detector found in one item are distinct by its judgement ("fired, then joins Microsoft").
  const moves = history.filter((h) => sameMove(h, candidate) && !h.reports.some((r) => r.itemId === candidate.itemId));
  const distance = (h: EventRecord) => (h.type === candidate.type ? 0 : windowMs * 2) + Math.abs(eventTime(h) - t);
  const close = moves
    .filter((h) => Math.abs(eventTime(h) - t) <= (h.type === candidate.type ? windowMs : Math.min(windowMs, MIXED_KINDS_WINDOW_MS)))
    .sort((a, b) => distance(a) - distance(b));
  if (close[0]) return { kind: 'same', event: close[0] };
  // A recall needs a named organisation (or company founded) and no return there in between.
  const named = candidate.type === 'founded' ? candidate.destination : candidate.org;
  if (!named || !RECALLABLE.includes(candidate.type)) return { kind: 'new' };
  const earlier = moves.filter(
    (h) => h.type === candidate.type && eventTime(h) < t && (candidate.type === 'founded' ? h.destination : h.org),
  );
  for (const h of earlier.sort((a, b) => eventTime(b) - eventTime(a))) {
    const returned = history.some(
      (r) =>
        personKey(r.person.trim()) === personKey(candidate.person.trim()) &&
        RETURNS.includes(r.type) &&
        norm(r.type === 'joined' ? r.destination : r.org) === norm(named) &&
        eventTime(r) > eventTime(h) &&
        eventTime(r) < t,
    );
    if (!returned) return { kind: 'recall', event: h };
  }
  return { kind: 'new' };
}

export function reportOf(e: EventRecord): Report {
  return {
    itemId: e.itemId,
    title: e.title,
    url: e.url,
    source: e.source,
    published: e.published,
    lang: e.lang,
    evidence: e.evidence,
    confidence: e.confidence,
    change: newEventKey(e),
  };
}

/**
 * Whether the history already holds this detected change. Items are marked seen only after their merge,
 * so one can come back (a replica died in between, or two replicas polled its feed for different ticks);
 * classify() would then pass over the event that has it and file it as new, which overwrites that event
 * (same key) or opens a second card. Events saved before reports named their change are found by key.
 */
export function holds(history: EventRecord[], candidate: EventRecord): boolean {
  const change = newEventKey(candidate);
  return history.some((h) => h.key === change || h.reports.some((r) => r.change === change));
}

/** Keeps a recall with the change it tells again, without touching the card. */
export function attachRecall(event: EventRecord, incoming: EventRecord): EventRecord {
  if (event.reports.some((r) => r.itemId === incoming.itemId)) return event;
  return { ...event, reports: [...event.reports, { ...reportOf(incoming), recall: true }] };
}

/** How many outlets reported the change as news (recalls excluded). */
export function sourceCount(e: EventRecord): number {
  return e.reports.filter((r) => !r.recall).length;
}

/** Adds a report to an event: the most confident report gives the headline; later reports fill gaps. */
export function mergeInto(event: EventRecord, incoming: EventRecord, now: string): EventRecord {
  if (event.reports.some((r) => r.itemId === incoming.itemId)) return event;
  const reports = [...event.reports, reportOf(incoming)];
  const best = incoming.confidence > event.confidence ? incoming : event;
  // A later report naming where the person goes turns "leaves" into "leaves for".
  const type = event.type !== 'joined' && incoming.type === 'joined' && incoming.destination ? 'joined' : event.type;
  return {
    ...event,
    type,
    ...(event.latin ?? incoming.latin ? { latin: event.latin ?? incoming.latin } : {}),
    org: event.org ?? incoming.org,
    role: event.role ?? incoming.role,
    destination: event.destination ?? incoming.destination,
    confidence: Math.max(event.confidence, incoming.confidence),
    evidence: best.evidence,
    title: best.title,
    url: best.url,
    source: best.source,
    itemId: best.itemId,
    lang: best.lang,
    published: event.published ?? incoming.published,
    reports,
    updatedAt: now,
  };
}

/** A short stable id for a new change: what users type in `/exits sources`. */
export function newEventKey(e: EventRecord): string {
  return createHash('sha256')
    .update([e.person.toLowerCase(), e.type, norm(e.org), norm(e.destination), e.itemId].join('\u0000'))
    .digest('hex')
    .slice(0, 10);
}
