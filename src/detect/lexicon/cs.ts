import type { Lexicon } from './types.ts';

/** Czech (a first lexicon: the commonest wordings of leadership news). */
export const cs: Lexicon = {
  lang: 'cs',
  cues: {
    departure: [
      'odstupuje',
      'odstoupil(a)?',
      'odstoupí',
      'rezign(oval|ovala|uje|uje na)',
      '#rezignac(e|i)',
      '~opouští',
      '~opustil(a)?',
      '~opustí',
      '(končí|skončil|skončila|skončí) (ve funkci|v čele|na postu|jako)',
      '(odchází|odešel|odešla|odejde) (z|ze|do důchodu|z čela|z funkce)',
      '#odchod(u)? (z|ze)',
    ],
    fired: ['odvolán(a|o)?', '>odvolal(a|o|i)?', 'propuštěn(a)?', '>propustil(a|o|i)?', 'sesazen(a)?', '#odvolání'],
    appointed: [
      'jmenován(a)?',
      '>jmenoval(a|o|i)?',
      'nov(ý|ým|ou|ého) (generální(m)? ředitel(em|kou)?|šéf(em|kou)?|předsed(a|ou)|ředitel(em|kou)?)',
      '+(stane se|stal se|stala se|bude)',
      '(usedne|usedl|usedla) do čela',
      '(stane|stanul|stanula) v čele',
      'povede (společnost|firmu|skupinu)',
      '^(nahradí|nahradil|nahradila|vystřídá|vystřídal|vystřídala)',
      '=nástupc(e|em|kyní|kyně)',
    ],
    joined: ['(přechází|přešel|přešla|přejde) do', '(nastupuje|nastoupil|nastoupila|nastoupí) do'],
    founded: ['založil(a)?', 'zakládá'],
  },
  markers: {
    role: [
      '(generální(ho|m)? ředitel(ka|e|em|kou)?|výkonn(ý|á|ého) ředitel(ka|e)?|finanční(ho)? ředitel(ka|e)?|ředitel(ka|e|em)?|šéf(ka|a|em)?|předsed(a|kyně|y|ou)( představenstva| dozorčí rady)?|zakladatel(ka|e)?|ceo)',
    ],
    companyNoun: ['společnost(i|í)?', 'firm(a|y|ě|u)', 'funkc(e|i)', 'post(u)?', 'skupin(a|y|u)'],
    boardNoun: ['představenstv(o|a|u)', 'dozorčí rad(a|y)'],
    negation: ['ne', 'nebude', 'popírá', 'popřel(a)?'],
    speculation: ['může', 'mohl by', 'spekul\\w*', 'zvažuje', 'prý'],
    politics: ['minist(r|ra|ryně|erstvo)', 'vlád(a|y|ě)', 'premiér(a|ka)?', 'poslan(ec|kyně|ci)', 'prezident(a)?', 'senátor'],
    sports: ['trenér(a)?', 'fotbal\\w*', 'klub(u)?', 'zápas(u)?'],
    obituary: ['zemřel(a)?', 'zesnul(ý|á)?'],
    corporate: ['společnost', 'firma', 'skupina', 'představenstvo', 'akcie'],
  },
};
