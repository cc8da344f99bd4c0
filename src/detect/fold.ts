/**
 * Text folding with an offset map back to the original string.
 * Folding = NFKD, drop Latin combining marks, recompose (keeps Hangul and kana intact),
 * lowercase, unify apostrophes/quotes/dashes, drop zero-width and bidi controls, Traditional Chinese
 * characters to Simplified (one for one, so offsets keep their meaning).
 */

import { HANT_TO_HANS } from '../core/names.ts';

const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// Kana voicing marks (U+3099, U+309A) are kept: dropping them would merge different Japanese names.
const MARKS = /(?![\u3099\u309a])\p{M}/gu;

const SPECIAL: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u2032': "'",
  '`': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u3000': ' ',
  '\u00df': 'ss',
  '\u0142': 'l',
  '\u0141': 'l',
  '\u00f8': 'o',
  '\u00d8': 'o',
  '\u0111': 'd',
  '\u00e6': 'ae',
  '\u0153': 'oe',
};

const cache = new Map<string, string>();

/** Fold one code point (as a string). */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) {
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    if (code === 96) return "'";
    if (code === 9 || code === 13) return ' ';
    return ch;
  }
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out: string;
  if (INVISIBLE.test(ch)) out = '';
  else {
    const special = SPECIAL[ch] ?? HANT_TO_HANS.get(ch);
    if (special !== undefined) out = special;
    else {
      out = ch.normalize('NFKD').replace(MARKS, '').normalize('NFC').toLowerCase();
      out = Array.from(out)
        .map((c) => SPECIAL[c] ?? c)
        .join('');
    }
  }
  if (cache.size < 20000) cache.set(ch, out);
  return out;
}

/** Fold a whole string (no offset map). */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
}

export interface Folded {
  /** The original text. */
  orig: string;
  /** The folded text. */
  text: string;
  /** map[i] = index in orig of the code unit that produced text[i]; map[text.length] = orig.length. */
  map: Int32Array;
}

/** Fold with a map from folded offsets to original offsets. */
export function foldMapped(orig: string): Folded {
  const parts: string[] = [];
  const map = new Int32Array(orig.length * 3 + 1);
  let n = 0;
  let i = 0;
  while (i < orig.length) {
    const code = orig.charCodeAt(i);
    let width = 1;
    let f: string;
    if (code < 128) {
      f =
        code >= 65 && code <= 90
          ? String.fromCharCode(code + 32)
          : code === 9 || code === 13
            ? ' '
            : (orig[i] as string);
      if (code === 96) f = "'";
    } else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < orig.length) width = 2;
      f = foldChar(orig.slice(i, i + width));
    }
    for (let k = 0; k < f.length; k++) map[n++] = i;
    parts.push(f);
    i += width;
  }
  map[n] = orig.length;
  return { orig, text: parts.join(''), map: map.subarray(0, n + 1) };
}

/** Original substring for a folded span [start, end). */
export function origSpan(f: Folded, start: number, end: number): string {
  const a = f.map[start] ?? f.orig.length;
  const b = end >= f.map.length - 1 ? f.orig.length : (f.map[end] ?? f.orig.length);
  return f.orig.slice(a, b);
}

/** Is the original character at folded offset `pos` an uppercase letter? */
export function isUpperAt(f: Folded, pos: number): boolean {
  const ch = f.orig[f.map[pos] ?? 0] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** Does the string contain CJK or Hangul characters? */
export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

/** True when the text is written (almost) without capitals, e.g. machine-translated lowercase copy. */
export function isLowercaseText(orig: string): boolean {
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < orig.length && letters < 4000; i++) {
    const c = orig.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    }
  }
  return letters > 20 && upper / letters < 0.012;
}
