import type { Lexicon } from './types.ts';

/**
 * Icelandic (a first lexicon). Folded like the text ("á" reads "a", "ö" "o", "æ" "ae"); "þ" and "ð"
 * stay. Icelandic declines its role nouns: "forstjóri", "forstjóra", "forstjórinn".
 */
const ROLE =
  '(forstjor\\w*|framkvaemdastjor\\w*|fjarmalastjor\\w*|stjornarformað\\w*|stjornarformann\\w*|bankastjor\\w*|stofnand\\w*|ceo|cfo)';

export const is: Lexicon = {
  lang: 'is',
  cues: {
    departure: [
      '(laetur|let|latið|hefur latið|mun lata) af storfum',
      '(segir|sagði|sagt|hefur sagt) af ser',
      '(segir|sagði|sagt|hefur sagt) upp( storfum| starfi sinu)?',
      '#uppsogn (sina|hans|hennar)',
      '~(haettir|haetti|hefur haett)',
      '(fer|for) a eftirlaun',
    ],
    fired: ['(var |hefur verið )?rekinn', '(var|hefur verið) rekin', 'vikið (ur starfi|fra)', 'latin(n)? fara', '>rak'],
    appointed: [
      '(hefur verið |var )?raðin(n)?',
      '(hefur verið |var )?(skipaður|skipuð)',
      '(tekur|tok) við (starfi|stjorn|sem)',
      // Succession: "X tekur við af Y" (X takes over from Y, who leaves).
      '^(tekur|tok) við af',
      '(nyr|ny|nys) (forstjori|forstjora|framkvaemdastjori|stjornarformaður)',
      '=(arftaki|eftirmaður)',
    ],
    joined: ['(gengur|gekk|genginn) til liðs við'],
    founded: ['stofnaði (nytt|eigið) fyrirtæki'],
  },
  markers: {
    speculation: ['gaeti', 'orðromur', 'sogusagnir', 'ihugar'],
    negation: ['ekki', 'neitar', 'neitaði'],
    relative: ['sem'],
    pronoun: ['hann', 'hun'],
    conj: ['og', '&'],
    role: [ROLE],
    companyNoun: ['fyrirtaek\\w*', 'felag(ið|sins)', 'storfum', 'starfi', 'bank(i|inn|ans)'],
    boardNoun: ['stjorn(in|ar|inni)'],
    obituary: ['lest', 'er latin(n)?', 'andaðist'],
    sports: ['þjalfar\\w*', 'knattspyrn\\w*', 'fotbolt\\w*', 'landslið\\w*'],
    politics: ['\\w*raðherra\\w*', 'rikisstjorn\\w*', 'þingmað\\w*', 'alþing\\w*'],
    corporate: ['fyrirtaek\\w*', 'hlutabref\\w*', 'forstjor\\w*'],
  },
};
