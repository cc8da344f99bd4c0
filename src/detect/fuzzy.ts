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

/**
 * The distinct trigrams of " s " as numbers (three UTF-16 code units, 16 bits each), written to `out`;
 * returns how many. Numbers rather than strings: a long lower-case article has a candidate name at
 * every pair of words.
 */
function trigramCodes(s: string, out: number[]): number {
  let n = 0;
  const at = (i: number): number => (i === 0 || i === s.length + 1 ? 32 : s.charCodeAt(i - 1));
  for (let i = 0; i + 3 <= s.length + 2; i++) {
    const code = at(i) * 4294967296 + at(i + 1) * 65536 + at(i + 2);
    let dup = false;
    for (let k = 0; k < n; k++) {
      if (out[k] === code) {
        dup = true;
        break;
      }
    }
    if (!dup) out[n++] = code;
  }
  return n;
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
  /** Trigram code → indexes of the entries that have it. */
  grams: Map<number, number[]>;
  /** Per entry, trigrams shared with the candidate being looked up (zeroed after each lookup). */
  counts: Int32Array;
}

export function buildFuzzyIndex(entries: FuzzyEntry[]): FuzzyIndex {
  const grams = new Map<number, number[]>();
  const codes: number[] = [];
  entries.forEach((e, i) => {
    const n = trigramCodes(e.alias, codes);
    for (let k = 0; k < n; k++) {
      const g = codes[k] as number;
      let list = grams.get(g);
      if (!list) {
        list = [];
        grams.set(g, list);
      }
      list.push(i);
    }
    e.grams = n;
  });
  return { entries, grams, counts: new Int32Array(entries.length) };
}

const scratch: number[] = [];

export interface FuzzyHit {
  person: number;
  score: number;
}

/**
 * Best watchlist person for a two-token candidate ("ilya sutskevar"), or null.
 * Requires both tokens to be close, and the winner to beat any other person clearly.
 */
export function fuzzyLookup(idx: FuzzyIndex, first: string, last: string): FuzzyHit | null {
  const codes = scratch;
  const total = trigramCodes(`${first} ${last}`, codes);
  // The shared counts live in the index, zeroed again below as each entry is read.
  const touched: number[] = [];
  for (let k = 0; k < total; k++) {
    const list = idx.grams.get(codes[k] as number);
    if (!list) continue;
    for (const i of list) {
      const c = idx.counts[i] as number;
      idx.counts[i] = c + 1;
      if (c === 0) touched.push(i);
    }
  }
  const byPerson = new Map<number, number>();
  for (const i of touched) {
    const c = idx.counts[i] as number;
    idx.counts[i] = 0;
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
