import type { Lexicon } from './types.ts';

/**
 * Finnish (a first lexicon). Folded like the text ("ä" reads "a", "ö" reads "o"). Finnish says a role
 * in its cases: "toimitusjohtaja" (CEO), "-n" (of), "-ksi" (to become), "-na" (as).
 */
const ROLE =
  '(toimitusjohtaj\\w*|paajohtaj\\w*|konsernijohtaj\\w*|varatoimitusjohtaj\\w*|talousjohtaj\\w*|teknologiajohtaj\\w*|hallituksen puheenjohtaj\\w*|puheenjohtaj\\w*|perustaj\\w*|johtaj(a|an|aksi|ana|aa)|ceo|cfo|cto)';

export const fi: Lexicon = {
  lang: 'fi',
  cues: {
    departure: [
      'ero(aa|si|avansa|aa tehtavastaan|si tehtavastaan|amassa)',
      'on eronnut',
      '(jattaa|jatti|jattamassa) (tehtavansa|paikkansa|yhtion|johdon|toimitusjohtajan)',
      '~(jattaa|jatti|lahtee|luopuu|luopui)',
      '(luopuu|luopui) (tehtavastaan|paikastaan|toimitusjohtajan)',
      '(astuu|astui) syrjaan',
      '(siirtyy|siirtyi|jaa|jai) elakkeelle',
      '#eroilmoitu\\w*',
      '#lahto',
    ],
    fired: [
      'erotettiin',
      'on erotettu',
      '>(erotti|erottaa)',
      '(sai|saa|saanut) potkut',
      '>antoi potkut',
      'irtisanottiin',
      '>irtisanoi',
      'syrjaytettiin',
      '#(erottaminen|potkut)',
    ],
    appointed: [
      'nimitettiin',
      'on nimitetty',
      'nimitetaan',
      '>(nimitti|nimittaa)',
      '#nimitys',
      'valittiin (toimitusjohtaja|paajohtaja|konsernijohtaja|talousjohtaja|puheenjohtaja|hallituksen puheenjohtaja)ksi',
      '(uudeksi|uusi|uuden|uutena) (toimitusjohtaja|paajohtaja|konsernijohtaja|talousjohtaja|hallituksen puheenjohtaja)(ksi|na|n)?',
      '+(aloittaa|aloitti|ryhtyy|ryhtyi)',
      '(nousee|nousi) (yhtion )?(johtoon|toimitusjohtajaksi|paajohtajaksi)',
      '(ottaa|otti) (yhtion )?ohjat',
      '=seuraaja(ksi|kseen|na|nsa)?',
      '=seuraaja(ksi|kseen) (nimitettiin|on nimitetty|nimitetaan|valittiin)',
      '>(uudeksi )?(toimitusjohtaja|paajohtaja|konsernijohtaja|talousjohtaja|puheenjohtaja)ksi (nimitettiin|on nimitetty|nimitetaan|valittiin)',
      '^(korvaa|korvasi)',
    ],
    joined: ['~(siirtyy|siirtyi) \\w+lle', '(siirtyy|siirtyi) \\w+n palvelukseen', '~(liittyy|liittyi) \\w+ (palvelukseen|johtoryhmaan)', '<>(palkkasi|rekrytoi)'],
    founded: ['(perusti|perustaa) (oman|uuden) (yhtion|yrityksen|startupin)'],
    reinstated: ['~(palaa|palasi)'],
  },
  markers: {
    speculation: ['saattaa', 'voisi', 'huhu\\w*', 'harkitsee', 'spekul\\w*', 'mahdollise\\w*', 'kerrotaan harkitsevan'],
    negation: ['ei', 'eika', 'kielsi'],
    retro: ['vuotta sitten', 'viime vuonna'],
    relative: ['joka', 'jonka', 'jota', 'jolla', 'joiden', 'jotka'],
    firstPerson: ['mina', 'minun', 'olen'],
    pronoun: ['han'],
    conj: ['ja', '&'],
    rival: ['kilpailija\\w*'],
    companion: ['kanssa'],
    role: [ROLE],
    companyNoun: ['yhtio\\w*', 'yritys', 'yrityks\\w*', 'konserni\\w*', 'tehtav\\w*', 'pankki\\w*', 'pankin'],
    boardNoun: ['yhtion hallitus', 'hallitukse(n|ssa)'],
    interim: ['vt\\.?', 'valiaikai\\w*'],
    funding: ['rahoitu\\w*', 'miljard\\w*', 'miljoon\\w*'],
    lawsuit: ['oikeu\\w*', 'kanne\\w*'],
    obituary: ['kuoli', 'on kuollut', 'menehtyi', 'muistokirjoitu\\w*'],
    jobad: ['haemme', 'avoin tyopaikka'],
    sports: ['valmentaja\\w*', 'jalkapallo\\w*', 'ottelu\\w*', 'joukkue\\w*', 'pelaaja\\w*', 'liiga\\w*'],
    politics: ['\\w*ministeri\\w*', 'kansanedustaja\\w*', 'eduskun\\w*', 'puolue\\w*', 'hallituskriisi\\w*'],
    denial: ['kiisti', 'kiistaa', 'kiistanut', 'kiistavat'],
    corporate: ['yhtio\\w*', 'osake\\w*', 'konserni\\w*', 'toimitusjohtaj\\w*'],
  },
};
