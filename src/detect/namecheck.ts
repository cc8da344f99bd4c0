/**
 * Is a run of capitalised words a person's name? Trims what news glues to a name and drops what is not
 * one: a function word of the item's language ("Einem Blogeintrag", "After Monthslong"; stopwords-iso),
 * a nationality ("Britannique Mark Thompson"), a role noun before a given name ("Konzernlenker Bob
 * Iger"), a section label ("Short Summary"), a publication or a board ("Business Insider"), a run that
 * mixes scripts ("Nissan Motor Карлос Гон"). Loaded once at start-up; pure afterwards.
 */
import STOPWORDS from 'stopwords-iso' with { type: 'json' };
import { DEMONYMS, LABELS, ORG_WORDS } from './tables/notnames.ts';
import { FIRST_NAMES, OWN_FIRST_NAMES } from './firstnames.ts';
import { fold } from './fold.ts';
import { PARTICLES } from './tables/namewords.ts';

const lists = STOPWORDS as unknown as Record<string, string[]>;
const stopCache = new Map<string, ReadonlySet<string>>();

/**
 * Words of stopwords-iso's lists that are names: Hungary's commonest surname ("Nagy"); the Malay list
 * holds given names ("ahmad", "jan"), so Malay reads Indonesian's, which holds none.
 */
const NOT_STOPWORDS = new Set(['nagy']);

/** Function words of a language, folded, three letters or more (shorter ones are name particles too). */
function stopwords(lang: string): ReadonlySet<string> {
  let set = stopCache.get(lang);
  if (!set) {
    const list = lists[lang === 'ms' ? 'id' : lang] ?? [];
    set = new Set(list.map(fold).filter((w) => w.length >= 3 && !OWN_FIRST_NAMES.has(w) && !NOT_STOPWORDS.has(w)));
    stopCache.set(lang, set);
  }
  return set;
}

const VI_STOP: ReadonlySet<string> = new Set((lists.vi ?? []).map((w) => w.normalize('NFC').toLowerCase()));

/** A given name, from the detector's own list. */
const given = (w: string): boolean => FIRST_NAMES.has(w);

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
function scriptOf(word: string): string {
  return LATIN.test(word) ? 'latn' : CYRILLIC.test(word) ? 'cyrl' : GREEK.test(word) ? 'grek' : 'other';
}

/**
 * The words of a candidate name (folded tokens, in order; `orig` the same words as written) trimmed to
 * the person's name: returns [from, to) indexes into the list, or null when no name is left.
 */
export function trimName(words: string[], orig: string[], lang: string | null, isRole: (w: string) => boolean): [number, number] | null {
  let from = 0;
  const to = words.length;
  // One script: the run that ends at the surname.
  const script = scriptOf(orig[to - 1] ?? '');
  for (let i = to - 2; i >= 0; i--) {
    if (scriptOf(orig[i] ?? '') !== script) {
      from = i + 1;
      break;
    }
  }
  const stop = lang ? stopwords(lang) : new Set<string>();
  // Vietnamese syllables lose their tones when folded, and then many names read as function words
  // ("Văn" as "vẫn", "Minh" as "mình"): its function words are compared as written.
  const isStop = (w: string, i: number): boolean =>
    lang === 'vi' ? VI_STOP.has((orig[i] ?? '').toLowerCase()) : stop.has(w);
  const glue = (w: string, i: number): boolean => isStop(w, i) || DEMONYMS.has(w) || LABELS.has(w) || isRole(w);
  // A function word inside cuts the name after it ("Disney After Chapek" keeps "Chapek").
  for (let i = to - 2; i >= from; i--) {
    const w = words[i] as string;
    // (A lower-case particle after a given name is part of the name: "Karl von Rohr", not "Casa dos X".)
    const particle = PARTICLES.has(w) && orig[i] === w && words.slice(0, i).some(given);
    if (!FIRST_NAMES.has(w) && !particle && glue(w, i)) {
      from = i + 1;
      break;
    }
  }
  // "Nederlander Hein Schumacher": a word that is no given name, before one, is not part of the name.
  while (to - from >= 3 && !given(words[from] as string) && given(words[from + 1] as string)) from++;
  if (to - from < 2) return null;
  for (let i = from; i < to; i++) {
    const w = words[i] as string;
    if (LABELS.has(w) || ORG_WORDS.has(w)) return null;
  }
  return [from, to];
}
