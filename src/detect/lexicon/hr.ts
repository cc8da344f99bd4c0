import type { Lexicon } from './types.ts';

/**
 * Croatian, Serbian and Bosnian in Latin letters (one lexicon: ijekavian "smijenjen" and ekavian
 * "smenjen" both). Folded like the text: "č", "ć" read "c", "š" "s", "ž" "z", "đ" "d".
 */
const ROLE =
  '((glavn(i|og|im) )?izvrsn(i|og|im|a|e) direktor\\w*|generaln(i|og|im) direktor\\w*|financijsk\\w* direktor\\w*|finansijsk\\w* direktor\\w*|direktor(a|om|u|ica|ice|icom)?|predsje?dni(k|ka|kom|ca|ce|com) uprave|predsje?dni(k|ka|kom|ca|ce|com)|suosnivac\\w*|osnivac\\w*|sef(a|om|ica|ice)?|ceo|cfo)';

export const hr: Lexicon = {
  lang: 'hr',
  cues: {
    departure: [
      '(podnio|podnijela|podneo|podnela|podnosi|dao|dala|daje)( je)? ostavku',
      'je (podnio|podnijela|podneo|podnela|dao|dala) ostavku',
      '#ostavk(a|u|e|om)',
      'odlazi (s|sa|iz) (mjesta|mesta|cela|pozicije|funkcije|kompanije|tvrtke)',
      '~(napusta|napustio|napustila|napustit ce|napustice)',
      '(povlaci se|povukao se|povukla se) (s|sa|iz) (mjesta|mesta|cela|funkcije|pozicije)',
      '(odlazi|otisao|otisla) u (mirovinu|penziju)',
    ],
    fired: [
      'sm(ij)?enjen(a|i)?',
      '>sm(ij)?eni(o|la|li|lo)( je| su)?',
      'otpusten(a|i)?',
      '>otpusti(o|la|li)( je| su)?',
      'razrije?sen(a|i)? (duznosti|funkcije)',
      'razrije?sen(a|i)?',
      'uklonjen(a)? (s|sa) (mjesta|mesta|cela|funkcije)',
    ],
    appointed: [
      'imenovan(a|i)?',
      '>imenova(o|la|li)( je| su)?',
      'postavljen(a)? (za|na mjesto|na mesto|na celo)',
      '+(postaje|postao|postala|postat ce|postace)',
      '(preuzima|preuzeo|preuzela|preuzet ce|preuzece) (vodstvo|duznost|funkciju|mjesto|mesto|upravu|celo|kormilo|vodenje)',
      '(novi|nova) (direktor|direktorica|izvrsni direktor|izvrsna direktorica|glavni izvrsni direktor|predsjednik uprave|predsjednica uprave|predsednik|ceo|sef|sefica)',
      '^(zamije?nit ce|zamenice|zamje?njuje|zamenjuje|zamije?nio|zamije?nila|zamenio|zamenila|naslije?dit ce|naslije?dio|naslije?dila|nasleduje|nasljeduje)',
      '=nasl(je)?dni(k|ca|ka|com)',
      'izabran(a)? (za|na mjesto|na mesto)',
    ],
    joined: ['(pridruzuje se|pridruzio se|pridruzila se|pridruzit ce se)', '(prelazi|presao|presla|prelazi) u'],
    founded: ['(osnovao|osnovala|osniva) (novu|vlastitu|svoju) (tvrtku|kompaniju|startup)'],
  },
  markers: {
    speculation: ['mogao bi', 'mogla bi', 'moguce', 'navodno', 'glasin\\w*', 'spekul\\w*', 'razmatra'],
    negation: ['ne', 'nije', 'nece'],
    relative: ['koji', 'koja', 'koje', 'kojeg', 'kojem'],
    pronoun: ['on', 'ona'],
    conj: ['i', '&'],
    role: [ROLE],
    companyNoun: ['tvrtk\\w*', 'kompanij\\w*', 'drustv\\w*', 'grup(a|e|i|u)', 'funkcij\\w*', 'mje?st(o|a|u)', 'polozaj\\w*', 'cel(o|u|a)', 'uprav(a|e|i|u)', 'bank(a|e|i|u)'],
    boardNoun: ['uprav(a|e|i|u)', 'nadzorn\\w* odbor\\w*'],
    obituary: ['preminuo', 'preminula', 'umro', 'umrla'],
    sports: ['trener\\w*', 'izbornik\\w*', 'nogomet\\w*', 'fudbal\\w*', 'klub\\w*', 'utakmic\\w*', 'igrac\\w*'],
    politics: ['\\w*ministar\\w*', '\\w*ministr\\w*', 'vlad(a|e|i|u)', 'premije?r\\w*', 'sabor\\w*', 'skupstin\\w*', 'zastupni\\w*', 'poslanik\\w*', 'gradonacelni\\w*'],
    denial: ['demantira\\w*', 'demantova\\w*', 'opovrg\\w*', 'negira\\w*'],
    corporate: ['tvrtk\\w*', 'kompanij\\w*', 'dionic\\w*', 'akcij\\w*'],
  },
};
