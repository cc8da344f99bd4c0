import { ExitsError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import type { EventRecord, PersonEntry } from '../core/types.ts';

/** Lower-case, without accents or punctuation, single-spaced. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** How well a query names a person (0 = not at all): exact names first, then words, then close spellings. */
function nameScore(query: string, names: string[]): number {
  const q = fold(query);
  if (!q) return 0;
  let best = 0;
  for (const name of names.map(fold)) {
    if (name === q) return 1;
    const words = name.split(' ');
    const qWords = q.split(' ');
    if (qWords.every((w) => words.includes(w))) best = Math.max(best, 0.9);
    else if (name.includes(q) && q.length >= 3) best = Math.max(best, 0.8);
    const tolerance = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
    if (tolerance > 0) {
      if (editDistance(q, name) <= tolerance) best = Math.max(best, 0.75);
      for (const w of words) if (w.length >= 4 && editDistance(q, w) <= tolerance) best = Math.max(best, 0.7);
    }
  }
  return best;
}

export interface RecentQuery {
  days: number;
  company?: string;
  now: Date;
}

export const MAX_DAYS = 3650;

/** Changes of the last N days, newest first, optionally for one company (as left or as destination). */
export async function recentChanges(store: Store, q: RecentQuery): Promise<EventRecord[]> {
  if (!Number.isInteger(q.days) || q.days < 1 || q.days > MAX_DAYS) {
    throw new ExitsError('BAD_ARGUMENT', `days must be a whole number from 1 to ${MAX_DAYS}, not ${q.days}`);
  }
  const since = new Date(q.now.getTime() - q.days * 86_400_000);
  if (!q.company) return store.listEvents(since);
  const company = fold(q.company);
  return store.listEvents(since, (e) => [e.org, e.destination].some((o) => o && fold(o).includes(company)));
}

export interface PersonAnswer {
  /** The canonical name the query resolved to, when it did. */
  person: string | null;
  events: EventRecord[];
  /** Closest names when nothing matched, for "did you mean". */
  suggestions: string[];
}

/** The history of one person, found by any alias or a misspelling ("murati", "mira mulati", "MURATI"). */
export async function personHistory(store: Store, query: string, watchlist: PersonEntry[]): Promise<PersonAnswer> {
  if (fold(query).length < 2) throw new ExitsError('BAD_ARGUMENT', 'give at least two letters of a name');
  const candidates = new Map<string, string[]>();
  for (const p of watchlist) candidates.set(p.name, [p.name, ...p.aliases]);
  await store.listEvents(undefined, (e) => {
    if (!candidates.has(e.person)) candidates.set(e.person, [e.person]);
    return false;
  });

  const scored = [...candidates].map(([name, names]) => ({ name, score: nameScore(query, names) }));
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const top = scored[0];
  const matching = top && top.score > 0 ? scored.filter((s) => s.score === top.score).map((s) => s.name) : [];
  const found = matching.length > 0 ? await store.listEvents(undefined, (e) => matching.includes(e.person)) : [];
  if (found.length > 0 || matching.length === 1) {
    return { person: matching.length === 1 ? (matching[0] as string) : null, events: found, suggestions: [] };
  }
  const suggestions = scored.filter((s) => s.score > 0).map((s) => s.name);
  return { person: null, events: [], suggestions: suggestions.slice(0, 3) };
}
