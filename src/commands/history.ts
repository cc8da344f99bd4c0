import { ExitsError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import { compactForms, foldName, HANGUL, looseKoreanForms, nameForms, shownName } from '../core/names.ts';
import type { EventRecord, PersonEntry } from '../core/types.ts';

/** Lower-case, Simplified, without accents or punctuation, single-spaced. */
export const fold = foldName;

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
  const qCompact = compactForms(query)[0] ?? '';
  const korean = names.some((n) => HANGUL.test(n));
  const qLoose = korean ? (looseKoreanForms(query)[0] ?? '') : '';
  let best = 0;
  for (const written of names) {
    const name = fold(written);
    if (name === q) return 1;
    // "lee jaeyong", "Jae-yong Lee" for "Lee Jae-yong": the same letters, spaced or ordered otherwise.
    if (qCompact.length >= 4 && compactForms(written).includes(qCompact)) best = Math.max(best, 0.95);
    // "jun young-hyun" for 전영현 (Jeon Yeong-hyeon): the press's spelling of a Korean name.
    if (korean && qLoose.length >= 4 && !HANGUL.test(written) && looseKoreanForms(written).includes(qLoose)) {
      best = Math.max(best, 0.85);
    }
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
  /** That person as cards show them ("张一鸣 (Zhang Yiming)"), when the query resolved to one. */
  shown?: string;
  events: EventRecord[];
  /** Closest names when nothing matched, for "did you mean". */
  suggestions: string[];
}

/**
 * The history of one person, found by any alias or a misspelling ("murati", "mira mulati", "MURATI"),
 * and, for a name written in its own script, by its Latin form or in the other Chinese script
 * ("zhang yiming", "張一鳴" and "张一鸣" find a card about 张一鸣). A record whose Latin form is a watchlist
 * name belongs to that person.
 */
export async function personHistory(store: Store, query: string, watchlist: PersonEntry[]): Promise<PersonAnswer> {
  if (fold(query).length < 2) throw new ExitsError('BAD_ARGUMENT', 'give at least two letters of a name');
  const candidates = new Map<string, string[]>();
  for (const p of watchlist) candidates.set(p.name, [p.name, ...p.aliases]);
  const watched = new Set(candidates.keys());
  const keyOf = (e: EventRecord): string => (e.latin && watched.has(e.latin) ? e.latin : e.person);
  const shown = new Map<string, string>();
  await store.listEvents(undefined, (e) => {
    const key = keyOf(e);
    const names = candidates.get(key) ?? [];
    candidates.set(key, names);
    for (const n of nameForms(e)) if (!names.includes(n)) names.push(n);
    if (!shown.has(key) && !watched.has(key)) shown.set(key, shownName(e));
    return false;
  });

  const scored = [...candidates].map(([name, names]) => ({ name, score: nameScore(query, names) }));
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const top = scored[0];
  const matching = top && top.score > 0 ? scored.filter((s) => s.score === top.score).map((s) => s.name) : [];
  const found = matching.length > 0 ? await store.listEvents(undefined, (e) => matching.includes(keyOf(e))) : [];
  if (found.length > 0 || matching.length === 1) {
    const one = matching.length === 1 ? (matching[0] as string) : null;
    return { person: one, shown: one ? (shown.get(one) ?? one) : undefined, events: found, suggestions: [] };
  }
  const suggestions = scored.filter((s) => s.score > 0).map((s) => shown.get(s.name) ?? s.name);
  return { person: null, events: [], suggestions: suggestions.slice(0, 3) };
}
