import type { Lexicon } from './types.ts';

/** Polish (a first lexicon: the commonest wordings of leadership news). */
export const pl: Lexicon = {
  lang: 'pl',
  cues: {
    departure: [
      'rezygn(uje|ował|owała|acja|ację|acji)',
      'złożył(a)? rezygnację',
      'odchodzi z',
      'odejdzie z',
      'odszedł z',
      'odeszła z',
      'poda(ł|ła|li)? się do dymisji',
      'ustępuje',
      'ustąpi',
      'przechodzi na emeryturę',
    ],
    fired: ['odwołan(y|a|o)', 'zwolnion(y|a)', 'zdymisjonowan(y|a)', '>odwołał(a|o)?', '>zwolnił(a|o)?', '#odwołanie'],
    appointed: [
      'powołan(y|a)',
      'mianowan(y|a)',
      '>powołał(a|o)?',
      '+(zostanie|został|została) nowym',
      '+(zostanie|został|została)',
      'nowym prezesem',
      'nową prezes',
      'obejmie stanowisko',
      'objął stanowisko',
      'objęła stanowisko',
      '^zastąpi',
      '=następc(a|ą|ę)',
    ],
    joined: ['dołącza do', 'dołączył(a)? do', 'przechodzi do'],
  },
  markers: {
    role: ['(prezes(a|em)?|dyrektor(a|em)?( generaln(y|ym|ego))?|ceo|szef(owa|em)?|założyciel(ka)?|wiceprezes(em)?)'],
    companyNoun: ['spółk(a|i|ę)', 'firm(a|y|ę)', 'zarząd(u)?', 'stanowisk(o|a)'],
    negation: ['nie', 'zaprzecza', 'dementuje'],
    speculation: ['może', 'mógłby', 'spekul', 'rozważa', 'plotki'],
    politics: ['(wice)?minist(er|ra|rem|erstwo|erstwa)', 'premier(a|em|owi)?', 'rząd(u|zie|em)?', 'pos(eł|ła|łanka)', 'sejm(u|ie)?', 'prezydent(a|em)?'],
    sports: ['trener', 'piłkar', 'klub', 'mecz'],
    obituary: ['zmarł', 'zmarła', 'nie żyje'],
    corporate: ['spółka', 'firma', 'zarząd'],
  },
};
