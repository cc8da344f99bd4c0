import type { Lexicon } from './types.ts';

/** Danish (a first lexicon: the commonest wordings of leadership news). */
export const da: Lexicon = {
  lang: 'da',
  cues: {
    departure: ['går af', 'træder tilbage', 'fratræder', 'stopper som', 'forlader', 'siger op', 'har sagt op', '%(afløses|erstattes) af'],
    fired: ['fyret', 'afsat', 'fritstillet', 'får sparket'],
    appointed: ['ansat som', 'ansættes som', 'udnævnt', 'udnævnes', 'ny topchef', 'ny administrerende', 'tiltræder', '+bliver ny', 'overtager', '^afløser', '^erstatter', '=(hans|hendes|ny) efterfølger( bliver)?'],
    joined: ['skifter til', 'begynder hos'],
  },
  markers: {
    role: ['(administrerende direktør|adm\\. direktør|topchef|ceo|bestyrelsesformand|stifter|direktør|chef(en)?)'],
    companyNoun: ['selskabet', 'koncernen', 'bestyrelsen', 'virksomheden', 'stillingen'],
    negation: ['ikke', 'afviser'],
    speculation: ['overvejer', 'rygter'],
    politics: ['minister', 'statsminister', 'regeringen', 'folketinget'],
    sports: ['træner', 'fodbold', 'klubben'],
    obituary: ['er død', 'døde'],
    corporate: ['selskabet', 'koncernen', 'virksomheden'],
  },
};
