import type { Lexicon } from './types.ts';

/** Swedish (a first lexicon: the commonest wordings of leadership news). */
export const sv: Lexicon = {
  lang: 'sv',
  cues: {
    departure: ['lämnar', 'avgår', 'har avgått', 'slutar som', 'kliver av', 'går i pension', 'lämnar sin post', '%(efterträds|ersätts) av'],
    fired: ['sparkas', 'sparkad', 'avsatt', 'avskedad', 'får lämna', 'petas'],
    appointed: ['utses till', 'utsedd till', 'utnämnd', 'utnämns', '+blir ny', 'ny vd', 'tillträder', '^efterträder', '^ersätter', '=(hans|hennes|ny) efterträdare( blir)?'],
    joined: ['går till', 'ansluter till', 'rekryteras till'],
  },
  markers: {
    role: ['(vd|verkställande direktör|ceo|ordförande|grundare|finanschef|chef(en)?)'],
    companyNoun: ['bolaget', 'företaget', 'koncernen', 'styrelsen', 'posten'],
    negation: ['inte', 'förnekar'],
    speculation: ['kan komma', 'överväger', 'rykten'],
    politics: ['minister', 'statsminister', 'regeringen', 'riksdagen'],
    sports: ['tränare', 'fotboll', 'klubben', 'matchen'],
    obituary: ['har avlidit', 'avled'],
    corporate: ['bolaget', 'företaget', 'koncernen'],
  },
};
