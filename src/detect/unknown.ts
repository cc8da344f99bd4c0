/**
 * Case endings of Russian (and Ukrainian) names. Latin and Cyrillic capitalised names are found in mentions.ts,
 * names in Han, kana and Hangul in cjknames.ts.
 */

import { RU_FEMALE, RU_MALE } from './tables/givennames.ts';

// ---- Russian: names in oblique cases back to the nominative ("Олега Рябинина" -> "Олег Рябинин").

type Case = 'gen' | 'dat' | 'ins' | 'acc' | 'pre';
const RU_FORMS = new Map<string, { nom: string; male: boolean; cases: Case[] }>();
function addForms(nom: string, male: boolean): void {
  const put = (form: string, c: Case[]): void => {
    if (!RU_FORMS.has(form)) RU_FORMS.set(form, { nom, male, cases: c });
  };
  if (male) {
    if (/[йь]$/.test(nom)) {
      const stem = nom.slice(0, -1);
      put(`${stem}я`, ['gen', 'acc']);
      put(`${stem}ю`, ['dat']);
      put(`${stem}ем`, ['ins']);
      put(`${stem}е`, ['pre']);
    } else if (nom.endsWith('я')) {
      const stem = nom.slice(0, -1);
      put(`${stem}и`, ['gen']);
      put(`${stem}ю`, ['acc']);
    } else {
      put(`${nom}а`, ['gen', 'acc']);
      put(`${nom}у`, ['dat']);
      put(`${nom}ом`, ['ins']);
      put(`${nom}е`, ['pre']);
    }
  } else {
    const stem = nom.slice(0, -1);
    const soft = nom.endsWith('я');
    put(`${stem}${soft ? 'ю' : 'у'}`, ['acc']);
    put(`${stem}${soft ? 'и' : 'ы'}`, ['gen']);
    put(`${stem}${soft ? 'ей' : 'ой'}`, ['ins']);
    put(`${stem}${soft ? 'и' : 'е'}`, ['dat', 'pre']);
  }
}
// The press writes ё as е as often as not: both spellings.
for (const [list, male] of [[RU_MALE, true], [RU_FEMALE, false]] as const)
  for (const n of list) for (const s of new Set([n, n.replace(/ё/g, 'е')])) addForms(s, male);

// Ukrainian given names ("Андрія Коваленка" -> "Андрій Коваленко"); male names in -о ("Дмитро") decline
// as "Дмитра", "Дмитру", "Дмитром". Not Павло, Петро, Данило: "Павла", "Петра" are Russian forms of
// Павел and Пётр, and Данила a Russian name, so a Russian item would get a Ukrainian name.
const UK_MALE = 'олександр андрій сергій юрій олексій ігор віктор володимир олег іван тарас богдан василь максим віталій валерій';
const UK_MALE_O = 'дмитро михайло';
const UK_FEMALE = 'ірина олена юлія наталія тетяна оксана людмила марія катерина анна вікторія ганна галина';
for (const n of UK_MALE.split(' ')) addForms(n, true);
for (const n of UK_FEMALE.split(' ')) addForms(n, false);
for (const n of UK_MALE_O.split(' ')) {
  const stem = n.slice(0, -1);
  for (const [form, c] of [[`${stem}а`, ['gen', 'acc']], [`${stem}у`, ['dat']], [`${stem}ом`, ['ins']]] as [string, Case[]][])
    if (!RU_FORMS.has(form)) RU_FORMS.set(form, { nom: n, male: true, cases: c });
}

function surnameNominative(s: string, male: boolean, c: Case): string {
  const lower = s.toLowerCase();
  const keep = (n: number, add: string): string => s.slice(0, s.length - n) + add;
  if (male) {
    if (/(?:ского|цкого)$/.test(lower)) return keep(3, 'ий');
    if (/(?:скому|цкому)$/.test(lower)) return keep(3, 'ий');
    if (/(?:ским|цким)$/.test(lower) && c === 'ins') return keep(2, 'ий');
    // Ukrainian "-енко" surnames: "Коваленка", "Коваленку", "Коваленком".
    if (/енк(?:а|у)$/.test(lower)) return keep(1, 'о');
    if (/енком$/.test(lower)) return keep(2, 'о');
    if (/(?:ов|ев|ёв|ин|ын)а$/.test(lower) && (c === 'gen' || c === 'acc')) return keep(1, '');
    if (/(?:ов|ев|ёв|ин|ын)у$/.test(lower) && c === 'dat') return keep(1, '');
    if (/(?:ов|ев|ёв|ин|ын)ым$/.test(lower) && c === 'ins') return keep(2, '');
    if (/[бвгджзклмнпрстфхцчшщ]а$/.test(lower) && (c === 'gen' || c === 'acc')) return keep(1, '');
    return s;
  }
  if (/(?:ск|цк)ую$/.test(lower)) return keep(2, 'ая');
  if (/(?:ск|цк)ой$/.test(lower)) return keep(2, 'ая');
  if (/(?:ов|ев|ёв|ин|ын)у$/.test(lower) && c === 'acc') return keep(1, 'а');
  if (/(?:ов|ев|ёв|ин|ын)ой$/.test(lower)) return keep(2, 'а');
  return s;
}

/** "Олега Рябинина" -> "Олег Рябинин"; names already in the nominative are returned unchanged. */
export function russianNominative(name: string): string {
  const parts = name.split(' ');
  if (parts.length < 2 || !/[\u0400-\u04ff]/.test(name)) return name;
  const first = (parts[0] ?? '').toLowerCase();
  const info = RU_FORMS.get(first);
  if (!info) return name;
  const cap = (w: string): string => (w[0] ?? '').toUpperCase() + w.slice(1);
  const c = info.cases[0] as Case;
  const rest = parts.slice(1).map((p) => surnameNominative(p, info.male, c));
  return [cap(info.nom), ...rest].join(' ');
}
