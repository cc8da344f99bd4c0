/**
 * A Latin form for a person's name written in Han, kana or Hangul, when the text gives none: the card
 * shows "张一鸣 (Zhang Yiming)" and `/exits person zhang yiming` finds it. Pure: the packages' tables are
 * loaded with the module, nothing is read per item.
 *
 * - Chinese (an item in Chinese): Hanyu Pinyin without tones from pinyin-pro, whose surname mode reads
 *   surnames as surnames (单 Shan, 曾 Zeng, 乐 Yue); Traditional characters are first mapped to
 *   Simplified with OpenCC's table, so 張一鳴 and 张一鸣 both give "Zhang Yiming". Surname first, given
 *   name as one word ("Ouyang Nana", "Wang Xiao'an"), as pinyin orthography writes names.
 * - Korean: the surname as its bearers write it ("Lee", "Park", tables/romanise.ts), the given name in
 *   Revised Romanization syllable by syllable with a hyphen ("Lee Jae-yong"): the standard's rule for
 *   personal names, which transcribes no sound change between the syllables of a given name.
 * - Kana (foreign names in katakana, names in hiragana): Hepburn from the hepburn package ("Karurosu Gōn").
 * - Kanji names in Japanese text get none: their readings cannot be known from the characters (誠 is
 *   Makoto, Sei or Masashi), and a wrong Latin name is worse than none.
 */
import { romanize as hangulToLatin } from 'es-hangul';
import hepburn from 'hepburn';
import { pinyin } from 'pinyin-pro';
import { fold } from './fold.ts';
import { HANT_TO_HANS } from '../core/names.ts';
import { KO_SURNAMES, ZH_COMPOUND_SURNAMES } from './tables/romanise.ts';
import type { CompiledNames } from './watchlist.ts';

/** What separates the parts of a name: spaces and the dots and dashes of transliterated names. */
const PARTS = /[\s·•‧∙・･.=＝-]+/u;
const HAN_NAME = /^[\p{Script=Han}\s·•‧∙・.-]+$/u;
const HANGUL_NAME = /^[\p{Script=Hangul}\s·-]+$/u;
const KANA_NAME = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・･=＝\s]+$/u;
const PINYIN_SYLLABLE = /^[a-zü]+$/;
const ROMAJI = /^[A-ZĀĪŪĒŌ']+$/u;

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** The Latin form of a name in Han, kana or Hangul, or null when it has none we can trust. */
export function romanise(name: string, lang: string | null): string | null {
  const n = name.normalize('NFC').trim();
  if (!n || /\p{Script=Latin}/u.test(n)) return null;
  if (HANGUL_NAME.test(n)) return korean(n);
  if (KANA_NAME.test(n)) return kana(n);
  if (HAN_NAME.test(n) && lang?.toLowerCase().startsWith('zh')) return chinese(n);
  return null;
}

const PINYIN_OPTS = { toneType: 'none', type: 'array', v: false } as const;

/** Pinyin syllables of a run of Han characters, or null when one has no reading. */
function syllables(han: string, surname: boolean): string[] | null {
  const out = pinyin(han, surname ? { ...PINYIN_OPTS, mode: 'surname' } : PINYIN_OPTS);
  return out.length === han.length && out.every((s) => PINYIN_SYLLABLE.test(s)) ? out : null;
}

/** One word of pinyin: "jia" + "an" is "jia'an", so the syllables can be read back. */
function word(syl: string[]): string {
  return cap(syl.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join(''));
}

function chinese(name: string): string | null {
  const simplified = Array.from(name, (c) => HANT_TO_HANS.get(c) ?? c).join('');
  const parts = simplified.split(PARTS).filter(Boolean);
  if (parts.length > 1) {
    // A transliterated foreign name ("拉里·佩奇"): each part one word, read as words, not as a surname.
    const words = parts.map((p) => syllables(p, false));
    return words.every((w) => w !== null) ? words.map((w) => word(w as string[])).join(' ') : null;
  }
  const han = parts[0] ?? '';
  const syl = syllables(han, true);
  if (!syl) return null;
  if (han.length === 1 || han.length > 4) return word(syl);
  const cut = han.length > 2 && ZH_COMPOUND_SURNAMES.has(han.slice(0, 2)) ? 2 : 1;
  return `${word(syl.slice(0, cut))} ${word(syl.slice(cut))}`;
}

/** Revised Romanization of each syllable on its own, as the standard wants for names. */
function rr(syllablesOf: string): string[] {
  return Array.from(syllablesOf, (s) => hangulToLatin(s).toLowerCase());
}

function korean(name: string): string | null {
  const parts = name.split(PARTS).filter(Boolean);
  const one = parts.length === 1 ? (parts[0] as string) : '';
  const surname = [2, 1].map((k) => one.slice(0, k)).find((s) => one.length > s.length && KO_SURNAMES.has(s));
  if (surname && one.length <= 4) {
    const given = rr(one.slice(surname.length));
    return `${KO_SURNAMES.get(surname)} ${cap(given.join('-'))}`;
  }
  // A foreign name written in Hangul ("팻 겔싱어"): each word as it is written.
  const words = parts.map((p) => cap(rr(p).join('')));
  return words.every((w) => /^[A-Za-z]+$/.test(w)) ? words.join(' ') : null;
}

function kana(name: string): string | null {
  const parts = name.split(PARTS).filter(Boolean).map((p) => hepburn.fromKana(p));
  return parts.length > 0 && parts.every((p) => ROMAJI.test(p)) ? parts.map(cap).join(' ') : null;
}

/**
 * The Latin name to show beside an own-script name: the watchlist's name for that person when the
 * romanised form is one of its names or aliases (either name order), else the romanised form.
 */
export function latinName(name: string, lang: string | null, names: CompiledNames): string | null {
  const latin = romanise(name, lang);
  if (!latin) return null;
  const words = fold(latin).split(/\s+/);
  const forms = [words, [...words].reverse()].flatMap((w) => [w.join(' '), w.join(' ').replace(/[-']/g, ' '), w.join(' ').replace(/[-']/g, '')]);
  for (const form of forms) {
    const info = names.personAliases.get(form.replace(/\s+/g, ' ').trim());
    const p = info && !info.single && info.persons.length === 1 ? info.persons[0] : undefined;
    const known = p === undefined ? undefined : names.people[p]?.name;
    if (known) return known;
  }
  return latin;
}
