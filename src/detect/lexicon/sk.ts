import type { Lexicon } from './types.ts';

/** Slovak (a first lexicon, close to the Czech one; folded like the text: "ľ" reads "l", "ô" "o"). */
export const sk: Lexicon = {
  lang: 'sk',
  cues: {
    departure: [
      'odstupuje',
      'odstupil(a)?',
      'odstupi',
      'rezign(oval|ovala|uje)',
      '#rezignaci(a|u|e)',
      '~(opusta|opustil|opustila|opusti)',
      '(konci|skoncil|skoncila|skonci) (vo funkcii|na cele|na poste|ako)',
      '(odchadza|odisiel|odisla|odide) (z|zo|do dochodku|z cela|z funkcie)',
      '#odchod(u)? (z|zo)',
    ],
    fired: ['odvolan(y|a|eho)', 'odvolali', '>odvolal(a|o|i)?', 'prepusten(y|a)', '>prepustil(a|o|i)?', 'zosaden(y|a)', '#odvolanie'],
    appointed: [
      'vymenovan(y|a|eho)',
      '>vymenoval(a|o|i)?',
      'zvolen(y|a) za',
      'nov(y|ym|ou|eho) (generaln(y|ym|eho) riaditel(om|ka|kou)?|sef(om|ka)?|predsed(a|om))',
      '+(stane sa|stal sa|stala sa|sa stal|sa stala|bude)',
      'nov(ym|ou) (generaln(ym|ou) )?(riaditel(om|kou)|sef(om|kou)|predsed(om|nickou))',
      '(stane|stanul|stanula) na cele',
      '(povedie|viest bude) (spolocnost|firmu|skupinu)',
      '^(nahradi|nahradil|nahradila|vystrieda|vystriedal|vystriedala)',
      '=nastupc(a|om|u|kyna|kynou)',
    ],
    joined: ['(prechadza|presiel|presla|prejde) do', '(nastupuje|nastupil|nastupila|nastupi) do'],
    founded: ['(zalozil|zalozila|zaklada) (novu|vlastnu) (spolocnost|firmu|startup)'],
  },
  markers: {
    role: [
      '(generaln(y|eho|ym)? riaditel(ka|a|om|kou)?|vykonn(y|a|eho) riaditel(ka|a)?|financn(y|eho) riaditel(ka|a)?|riaditel(ka|a|om|kou)?|sef(ka|a|om)?|predsed(a|nicka|u|om)( predstavenstva| dozornej rady)?|zakladatel(ka|a)?|ceo)',
    ],
    companyNoun: ['spolocnost(i)?', 'firm(a|y|e|u)', 'funkci(a|e|u|i)', 'post(u)?', 'skupin(a|y|u)'],
    boardNoun: ['predstavenstv(o|a|u)', 'dozorn(a|ej) rad(a|y)'],
    negation: ['ne', 'nebude'],
    speculation: ['moze', 'mohol by', 'spekul\\w*', 'zvazuje', 'vraj'],
    politics: ['\\w*minist(er|ra|erka|erstvo)\\w*', 'vlad(a|y|e)', 'premier(a|ka)?', 'poslan(ec|kyna|ci)', 'prezident(a)?'],
    sports: ['trener(a)?', 'futbal\\w*', 'klub(u)?', 'zapas(u)?'],
    obituary: ['zomrel(a)?', 'zosnul(y|a)?'],
    denial: ['poprel(a)?', 'popiera'],
    corporate: ['spolocnost', 'firma', 'skupina', 'predstavenstvo', 'akcie'],
  },
};
