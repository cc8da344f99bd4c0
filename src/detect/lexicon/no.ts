import type { Lexicon } from './types.ts';

/** Norwegian, Bokmål (a first lexicon: the commonest wordings of leadership news). */
export const no: Lexicon = {
  lang: 'no',
  cues: {
    departure: ['går av', 'trer av', 'fratrer', 'slutter som', 'forlater', 'har sagt opp', 'sier opp', 'går av som', '%(etterfølges|erstattes) av'],
    fired: ['sparket', 'får sparken', 'avsatt', 'fjernet som'],
    appointed: ['ansatt som', 'ansettes som', 'utnevnt', 'ny konsernsjef', 'ny administrerende', 'tiltrer', '+blir ny', 'overtar', '^etterfølger', '^erstatter', '=(hans|hennes|ny) etterfølger( blir)?'],
    joined: ['begynner i', 'går til'],
  },
  markers: {
    role: ['(konsernsjef|administrerende direktør|adm\\. dir|ceo|styreleder|grunnlegger|sjef(en)?)'],
    companyNoun: ['selskapet', 'konsernet', 'styret', 'stillingen'],
    negation: ['ikke', 'avkrefter'],
    speculation: ['vurderer', 'rykter'],
    politics: ['statsråd', 'minister', 'regjeringen', 'stortinget', 'statsminister'],
    sports: ['trener', 'fotball', 'klubben'],
    obituary: ['er død', 'døde'],
    corporate: ['selskapet', 'konsernet'],
  },
};
