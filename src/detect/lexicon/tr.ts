import type { Lexicon } from './types.ts';

/** Turkish (a first lexicon: the commonest wordings of leadership news). */
export const tr: Lexicon = {
  lang: 'tr',
  cues: {
    departure: [
      'istifa (etti|etmiştir|ediyor|edecek|ettiğini|ettiği|ettiğini açıkladı)',
      'görevinden (ayrıldı|ayrılıyor|ayrılacak|ayrıldığını|istifa)',
      'görevi(ni)? bırak(tı|ıyor|acak)',
      'koltuğunu bırak(tı|ıyor|acak)',
      'emekliye ayrıl(dı|ıyor|acak)',
      'veda (etti|ediyor)',
    ],
    fired: ['görevden alındı', 'görevden alın(ması|dığı)', 'kovuldu', 'görevine son veril(di|miştir)', 'azledildi'],
    appointed: [
      'atandı',
      'atanacak',
      'atanması',
      '>atadı',
      'getirildi',
      'göreve başla(dı|yacak)',
      'yeni (ceo|genel müdür|genel müdürü|başkanı)',
      '^yerine (geçecek|geçti|atandı|getirildi)',
    ],
    joined: ['katıldı', 'katılıyor', 'katılacak', 'transfer oldu'],
  },
  markers: {
    role: ['(ceo|genel müdür(ü)?|yönetim kurulu başkanı|başkan(ı)?|üst yönetici(si)?|kurucu(su)?|icra kurulu başkanı)'],
    companyNoun: ['şirket(i|in|ten)?', 'görev(i|inden)?', 'koltuğ(u|unu)'],
    negation: ['değil', 'yalanladı'],
    speculation: ['iddia', 'söylenti', 'olabilir', 'gündeminde'],
    politics: ['bakan(ı)?', 'milletvekili', 'cumhurbaşkanı', 'hükümet'],
    sports: ['teknik direktör', 'futbol', 'kulüp', 'maç'],
    obituary: ['hayatını kaybetti', 'vefat'],
    corporate: ['şirket', 'holding', 'yönetim kurulu'],
  },
};
