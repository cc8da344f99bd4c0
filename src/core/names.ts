/**
 * A person's name as cards show it and as searches compare it. A name in its own script carries its
 * Latin form beside it ("张一鸣 (Zhang Yiming)"); a search finds the person by either, in Traditional or
 * Simplified characters, in any case, with or without spaces and hyphens ("lee jaeyong", "Lee Jae-yong").
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/**
 * Traditional -> Simplified Chinese, one character for one, from OpenCC's own table (opencc-js ships it as
 * `dict/TSCharacters`: "src dst|src dst ..."). The detector folds text with it (one lexicon and one alias
 * serve both scripts, "辭任" reads as "辞任"), and searches and person keys compare names with it. Pairs
 * that change length in UTF-16 (rare astral characters) are left out, so folded offsets stay put.
 */
export const HANT_TO_HANS: ReadonlyMap<string, string> = new Map(
  TS_CHARACTERS.split('|')
    .map((entry) => entry.split(' '))
    .filter((pair): pair is [string, string] => pair[0]?.length === 1 && pair[1]?.length === 1 && pair[0] !== pair[1])
    .map(([from, to]) => [from, to]),
);

/** What a card says: "张一鸣 (Zhang Yiming)" when the record has a Latin form, else the name alone. */
export function shownName(e: { person: string; latin?: string }): string {
  return e.latin && e.latin !== e.person ? `${e.person} (${e.latin})` : e.person;
}

/** Every form a search may find a record's person by. */
export function nameForms(e: { person: string; latin?: string }): string[] {
  return e.latin ? [e.person, e.latin] : [e.person];
}

/** Traditional Chinese characters as Simplified, so 張一鳴 and 张一鸣 compare equal. */
export function simplifiedHan(text: string): string {
  return /[\u3400-\u9fff\uf900-\ufaff]/u.test(text) ? Array.from(text, (c) => HANT_TO_HANS.get(c) ?? c).join('') : text;
}

/**
 * The key a person's records are kept and merged under: lower-case, Chinese in Simplified characters,
 * so the change one outlet writes about 張一鳴 and another about 张一鸣 is one card.
 */
export function personKey(name: string): string {
  return simplifiedHan(name).toLowerCase();
}

/** Lower-case, Simplified, without accents or punctuation, single-spaced: how names and companies compare. */
export function foldName(text: string): string {
  return simplifiedHan(text.normalize('NFC'))
    .normalize('NFKD')
    .replace(/(?![\u3099\u309a])\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A name without its spaces and hyphens, in its own word order and reversed ("Lee Jae-yong" gives
 * "leejaeyong" and "jaeyonglee"): how "lee jaeyong" and "Jae-yong Lee" find "Lee Jae-yong".
 */
export function compactForms(text: string): string[] {
  const words = simplifiedHan(text)
    .split(/\s+/)
    .map((w) => foldName(w).replace(/ /g, ''))
    .filter(Boolean);
  return [...new Set([words.join(''), [...words].reverse().join('')])];
}

/**
 * Korean given names are romanised many ways: Revised Romanization (what cards show: "Jeon Yeong-hyeon")
 * and the spellings people and the press use ("Jun Young-hyun", "Kyung Kye-hyun", "Han Jong-hee"). This
 * key makes those spellings of one name equal: vowels that differ only by scheme fold together, and so
 * do the consonants one scheme writes voiced and another voiceless. Used for names written in Hangul only.
 */
const LOOSE: [RegExp, string][] = [
  [/eo|ou|oo|eu/g, 'u'],
  [/ee|ui|ie/g, 'i'],
  [/sh/g, 's'],
  [/ch/g, 'j'],
  [/k/g, 'g'],
  [/t/g, 'd'],
  [/p/g, 'b'],
  [/r/g, 'l'],
  [/(.)\1/g, '$1'],
];

export function looseKoreanForms(text: string): string[] {
  return compactForms(text).map((form) => LOOSE.reduce((s, [re, to]) => s.replace(re, to), form));
}

export const HANGUL = /\p{Script=Hangul}/u;
