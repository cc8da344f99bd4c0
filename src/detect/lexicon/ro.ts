import type { Lexicon } from './types.ts';

/**
 * Romanian (a first lexicon). Folded like the text ("ă", "â" read "a", "î" "i", "ș" "s", "ț" "t").
 * Romanian glues its article to the noun: "directorul general", "companiei", "demisia".
 */
const ROLE =
  '(director(ul|ului)? general|director(ul|ului)? executiv|director(ul|ului)? financiar|presedinte(le|lui)? (executiv|al consiliului de administratie)|presedinte(le|lui)?|presedinta|fondator(ul|ului)?|cofondator(ul|ului)?|sef(ul|a|ului)|ceo|cfo|cto)';

export const ro: Lexicon = {
  lang: 'ro',
  cues: {
    departure: [
      'demisioneaza',
      '(a|au|va) demisiona(t)?',
      "(si-a|isi|isi va) (dat|da|anuntat|anunta|prezentat|depus|depune) demisia",
      '#demisi(a|ei)',
      '~(paraseste|a parasit|va parasi|parasesc)',
      '(pleaca|a plecat|va pleca) (de la|din)',
      '#plecarea',
      '(se retrage|s-a retras|se va retrage) (din functie|de la conducere|din conducere)',
      '(se pensioneaza|s-a pensionat|iese la pensie|a iesit la pensie)',
      '(renunta|a renuntat|va renunta) la (functia|postul|conducerea|sefia)',
    ],
    fired: [
      '(a fost|au fost|va fi) (demis|demisa|concediat|concediata|inlaturat|inlaturata|revocat|revocata|destituit|destituita|demis din functie)',
      '(demis|demisa|revocat|revocata|inlaturat|inlaturata|destituit|destituita) din functie',
      '>(a demis|a concediat|a revocat|a destituit|i-a cerut demisia)',
      '#(revocarea|demiterea|concedierea|destituirea)',
    ],
    appointed: [
      '(a fost|au fost|va fi) (numit|numita|desemnat|desemnata|ales|aleasa) (in functia de|ca|drept|la conducerea)?',
      '>(a numit|numeste|a desemnat|desemneaza)',
      '#numirea',
      '(preia|a preluat|va prelua|preluand) (conducerea|functia|postul|sefia|fraiele|carma)',
      '+(devine|a devenit|va deveni)',
      '(noul|noua) (director general|director executiv|ceo|presedinte|presedinta|sef)',
      '=(succesorul|succesoarea|inlocuitorul)',
      '^(il|o) (va )?(inlocui|inlocuieste) pe',
      '^in locul lui',
    ],
    joined: ['(se alatura|s-a alaturat|se va alatura) (companiei|echipei|grupului)?', '<>(a angajat|angajeaza|a recrutat)'],
    founded: ['(a fondat|a infiintat|a lansat|va lansa) (propria|o noua) (companie|firma|afacere|start-?up)'],
    reinstated: ['~(revine|a revenit|se intoarce|s-a intors)'],
  },
  markers: {
    speculation: ['ar putea', 'zvon\\w*', 'ia in calcul', 'analizeaza', 'posibil\\w*', 'speculati\\w*', 'se vehiculeaza'],
    negation: ['nu', 'neaga', 'a negat'],
    retro: ['anul trecut', 'acum \\d+ ani'],
    relative: ['care'],
    firstPerson: ['eu'],
    pronoun: ['el', 'ea'],
    pluralPronoun: ['ei'],
    conj: ['si', '&'],
    rival: ['concuren\\w*', 'rival\\w*'],
    companion: ['impreuna cu', 'alaturi de'],
    destPrep: ['la'],
    role: [ROLE],
    companyNoun: ['compani(a|ei|e)', 'firm(a|ei|e)', 'societat(ea|ii)', 'grupul(ui)?', 'functi(a|ei|e)', 'post(ul|ului)', 'conducere(a)?', 'banc(a|ii)', 'concernul(ui)?'],
    boardNoun: ['consiliul(ui)? de administratie', 'consiliul(ui)? de supraveghere'],
    interim: ['interimar\\w*', 'interimat'],
    funding: ['finantare', 'miliard\\w*', 'milioane'],
    lawsuit: ['proces\\w*', 'instant\\w*', 'amend\\w*'],
    obituary: ['a murit', 'a decedat', 'decedat', 'si-a pierdut viata', 'a incetat din viata'],
    jobad: ['angajam'],
    sports: ['antrenor\\w*', 'fotbal\\w*', 'club(ul|ului)?', 'meci\\w*', 'jucator\\w*', 'echipa nationala'],
    politics: ['ministr\\w*', 'guvern\\w*', 'premier\\w*', 'deputat\\w*', 'senator\\w*', 'parlament\\w*', 'partid\\w*', 'primar\\w*'],
    denial: ['dezminte', 'a dezmintit'],
    corporate: ['compani(a|ei)', 'firm(a|ei)', 'societat\\w+', 'actiun\\w*', 'actionar\\w*'],
  },
};
