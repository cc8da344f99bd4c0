/**
 * Words that are no organisation's name, whatever their capital letter: months and weekdays in the
 * languages the detector reads (from the runtime's own locale data, so every language has them), and the
 * words of job titles ("Chief Executive Officer", "Financial director", "Исполнительный директор").
 * An organisation the watchlist knows is never checked against these.
 */
import { fold } from './fold.ts';
import { TITLES } from './lexicon/roles.ts';

const LOCALES =
  'en de fr it es pt nl sv nb da fi is pl cs sk tr ru uk bg el hr sr sl hu ro id ms vi'.split(' ');

function calendarWords(): Set<string> {
  const words = new Set<string>();
  const add = (s: string): void => {
    const w = fold(s).replace(/\.$/, '');
    if (w.length >= 4) words.add(w);
  };
  for (const locale of LOCALES) {
    const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    const inDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2024, m, 15));
      add(month.format(d));
      for (const p of inDate.formatToParts(d)) if (p.type === 'month') add(p.value);
    }
    // 2024-01-01 was a Monday.
    for (let i = 0; i < 7; i++) add(day.format(new Date(Date.UTC(2024, 0, 1 + i))));
  }
  return words;
}

/** The letter runs of the title patterns of five letters or more: word stems ("generaln", "direttor"). */
function titleStems(): string[] {
  const stems = new Set<string>();
  for (const patterns of Object.values(TITLES))
    for (const p of patterns) for (const run of p.match(/\p{L}{5,}/gu) ?? []) stems.add(run);
  return [...stems];
}

const CALENDAR = calendarWords();
const STEMS = titleStems();

/** A news site named as a source ("INTERFAX.RU", "Lenta.ru"): a domain, not the company of the story. */
const DOMAIN = /\.(?:ru|ua|com|net|org|info|de|fr|it|es|pl|tr|nl|uk|co|jp|cn|kr|br|in)$/i;

const titleWord = (w: string): boolean => STEMS.some((s) => w.startsWith(s) && w.length - s.length <= 4);

/**
 * True when `name` cannot be an organisation's: a domain, a month or weekday first ("Сентябрь, ..."), or
 * only title words ("Executive", "Financial"; "General Motors" and "Vexa Technologies" stay names).
 */
export function notOrgName(name: string): boolean {
  if (DOMAIN.test(name)) return true;
  const words = name.split(/\s+/).map((w) => fold(w));
  return CALENDAR.has(words[0] ?? '') || words.every(titleWord);
}
