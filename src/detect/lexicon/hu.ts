import type { Lexicon } from './types.ts';

/**
 * Hungarian (a first lexicon). Folded like the text ("ő" reads "o", "ű" reads "u"). Hungarian puts a
 * case ending on a role ("vezérigazgatója", "-ként", "-nak"): role stems end in \w*.
 */
const ROLE =
  '(elnok-vezerigazgato\\w*|vezerigazgato\\w*|ugyvezeto igazgato\\w*|ugyvezeto\\w*|penzugyi igazgato\\w*|igazgatosag\\w* elnok\\w*|igazgato(ja|t|kent|nak)?|elnok(e|et|kent|nek|e lesz)?|tarsalapito\\w*|alapito(ja|t|kent)?|ceo|cfo|cto)';

export const hu: Lexicon = {
  lang: 'hu',
  cues: {
    departure: [
      'lemond(ott|ott posztjarol|ott tisztsegerol)?',
      'lemondasat (bejelentette|benyujtotta)',
      '#lemondas(a|at|arol)?',
      '(tavozik|tavozott|tavozni keszul) (a|az) \\w+ (elerol|elen)',
      '~(tavozik|tavozott|elhagyja|elhagyta)',
      '#tavozas(a|at|arol)?',
      '(visszavonul|visszavonult|nyugdijba vonul|nyugdijba vonult)',
      'lekoszon(t)?',
    ],
    fired: [
      'menesztett(ek|e)',
      'menesztik',
      '>meneszti',
      '#menesztes(e|et|erol)?',
      'kirugt(ak|a)',
      'levaltott(ak)',
      '>levaltotta',
      '#levaltas(a|at|arol)?',
      'felmentett(ek) (posztjarol|tisztsegebol|beoszt\\w*)',
    ],
    appointed: [
      'kinevezt(ek|e)',
      'kinevezik',
      '>kinevezte',
      '(nevezte|neveztek) ki',
      '#kinevezes(e|et|erol)?',
      'megvalasztott(ak|a)',
      '(elnokeve|vezerigazgatojava) valasztott(ak)?',
      '(uj|leendo) (vezerigazgato|elnok-vezerigazgato|penzugyi igazgato|elnok)(ja|jat|janak|jakent|e|et|kent)?',
      '(atveszi|atvette|veszi at|vette at) (a|az) (vezetest|iranyitast|ceg iranyitasat|ceg vezeteset)',
      '(all|allt|fog allni) (a|az) \\w+ elere',
      '=utodj(a|at|aul|akent|ava)',
    ],
    joined: ['~(csatlakozik|csatlakozott)', '(atigazol|atigazolt)'],
    founded: ['uj ceget (alapit|alapitott)'],
  },
  markers: {
    speculation: ['volna', 'lehet', 'lehetseges', 'talan', 'pletyk\\w*', 'fontolgat\\w*', 'allitolag', 'spekul\\w*'],
    negation: ['nem', 'tagad\\w*'],
    retro: ['evvel ezelott', 'tavaly'],
    relative: ['aki', 'akit', 'akinek', 'amely\\w*', 'ami'],
    firstPerson: ['engem'],
    conj: ['es', '&'],
    rival: ['versenytars\\w*'],
    role: [ROLE],
    companyNoun: ['ceg\\w*', 'vallalat\\w*', 'tarsasag\\w*', 'konszern\\w*', 'bank(ot|nak|ja|jat)?', 'poszt\\w*', 'tisztseg\\w*', 'elere', 'elerol'],
    boardNoun: ['igazgatosag\\w*', 'felugyelobizottsag\\w*'],
    interim: ['megbizott', 'ideiglenes\\w*'],
    funding: ['milliard\\w*', 'millio\\w*', 'befektet\\w*'],
    lawsuit: ['per(t|ben|el|elt|li)', 'birosag\\w*'],
    obituary: ['elhunyt', 'meghalt', 'eletet vesztette'],
    sports: ['edzo\\w*', 'labdarug\\w*', 'klub\\w*', 'merkozes\\w*', 'szovetsegi kapitany', 'jatekos\\w*', 'bajnoksag\\w*'],
    politics: ['\\w*miniszter\\w*', 'kormany\\w*', 'allamtitkar\\w*', 'kepviselo\\w*', 'parlament\\w*', 'polgarmester\\w*', 'orszaggyules\\w*'],
    denial: ['cafol\\w*'],
    corporate: ['ceg\\w*', 'vallalat\\w*', 'reszveny\\w*', 'vezerigazgato\\w*'],
  },
};
