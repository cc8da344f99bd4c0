/** Trigram index + Jaro-Winkler, for misspelled watchlist names. */

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      ma[i] = 1;
      mb[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export function trigrams(s: string): string[] {
  const p = ` ${s} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= p.length; i++) out.push(p.slice(i, i + 3));
  return out;
}

export interface FuzzyEntry {
  /** Folded alias, tokens joined by one space. */
  alias: string;
  first: string;
  last: string;
  person: number;
  grams: number;
}

export interface FuzzyIndex {
  entries: FuzzyEntry[];
  grams: Map<string, number[]>;
}

export function buildFuzzyIndex(entries: FuzzyEntry[]): FuzzyIndex {
  const grams = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const seen = new Set<string>();
    for (const g of trigrams(e.alias)) {
      if (seen.has(g)) continue;
      seen.add(g);
      let list = grams.get(g);
      if (!list) {
        list = [];
        grams.set(g, list);
      }
      list.push(i);
    }
    e.grams = seen.size;
  });
  return { entries, grams };
}

export interface FuzzyHit {
  person: number;
  score: number;
}

/**
 * Best watchlist person for a two-token candidate ("ilya sutskevar"), or null.
 * Requires both tokens to be close, and the winner to beat any other person clearly.
 */
export function fuzzyLookup(idx: FuzzyIndex, first: string, last: string): FuzzyHit | null {
  const cand = `${first} ${last}`;
  const counts = new Map<number, number>();
  const seen = new Set<string>();
  let total = 0;
  for (const g of trigrams(cand)) {
    if (seen.has(g)) continue;
    seen.add(g);
    total++;
    const list = idx.grams.get(g);
    if (!list) continue;
    for (const i of list) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const byPerson = new Map<number, number>();
  for (const [i, c] of counts) {
    const e = idx.entries[i];
    if (!e) continue;
    if ((2 * c) / (total + e.grams) < 0.45) continue;
    const fs = jaroWinkler(first, e.first);
    const ls = jaroWinkler(last, e.last);
    if (fs < 0.8 || ls < 0.86) continue;
    if (first[0] !== e.first[0] && fs < 0.9) continue;
    const score = 0.4 * fs + 0.6 * ls;
    const prev = byPerson.get(e.person) ?? 0;
    if (score > prev) byPerson.set(e.person, score);
  }
  let best: FuzzyHit | null = null;
  let second = 0;
  for (const [person, score] of byPerson) {
    if (!best || score > best.score) {
      if (best) second = Math.max(second, best.score);
      best = { person, score };
    } else second = Math.max(second, score);
  }
  if (!best || best.score < 0.88 || best.score - second < 0.03) return null;
  return best;
}
