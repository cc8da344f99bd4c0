import type { Lexicon } from './types.ts';

/** Icelandic (a first lexicon: the commonest wordings of leadership news). */
export const is: Lexicon = {
  lang: 'is',
  cues: {
    departure: [
      '(látið|lætur|lét|láta) af störfum',
      '(hættir|hætti|hætta) (sem|störfum|hjá)',
      '(sagði|segir|hefur sagt) (starfi sínu )?upp',
      '#uppsögn',
      'hverfur (á braut|frá)',
    ],
    fired: ['(rekinn|rekin)', 'vikið (úr starfi|frá)', '(látinn|látin) (fara|taka pokann sinn)'],
    appointed: ['(ráðinn|ráðin)', '(skipaður|skipuð)', 'nýr (forstjóri|framkvæmdastjóri|stjórnarformaður)', '^(tekur|tók) við af', '(tekur|tók) við(?! af)'],
    joined: ['gengur til liðs við', 'gekk til liðs við'],
  },
  markers: {
    role: ['(forstjór(i|a)|framkvæmdastjór(i|a)|stjórnarformaður|stofnand(i|a)|fjármálastjór(i|a)|bankastjór(i|a))'],
    companyNoun: ['fyrirtæki(ð|sins)?', 'félagi(ð|nu)', 'bankinn', 'störfum'],
    negation: ['ekki', 'neitar'],
    speculation: ['gæti', 'orðrómur', 'íhugar'],
    afterGerund: ['eftir að hafa'],
    politics: ['ráðherra', 'ríkisstjórn(in)?', 'alþingi', 'forsætisráðherra'],
    sports: ['þjálfari', 'knattspyrn', 'leikmað'],
    obituary: ['lést', 'er látinn', 'er látin'],
    corporate: ['fyrirtækið', 'félagið', 'hlutabréf'],
  },
};
