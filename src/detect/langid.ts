/**
 * Guesses the language of a folded text from its function words. Feeds often declare one language for
 * the whole channel ("en") while carrying items in several, so the declared tag alone cannot pick the
 * lexicons. Cyrillic, Greek, Arabic, Devanagari, Hangul, kana and Han name their language when they are
 * the text's script.
 */
const FUNCTION_WORDS: Record<string, string> = {
  en: 'the and of to in is for with from his her has after its will who that by was are have this',
  fr: 'le les des du et un une est pour dans qui sur au aux avec son sa ses il elle apres ne pas cette chez',
  it: 'il lo gli di del della dello delle che per una con non sono ha dopo alla nel dal anche sua suo questo',
  de: 'der die das und ist von mit den dem ein eine zu fur auf nach sich nicht des im zum zur wird bei',
  es: 'el los las del y que por para con su se al tras como una es sus este esta fue',
  pt: 'o os do da dos das que em um uma para com no na seu sua apos tambem nao ao pela pelo foi',
  nl: 'het een en van is op voor met dat die niet zijn naar bij ook heeft wordt deze',
  id: 'yang dan di dari untuk dengan ini itu akan pada sebagai telah tidak dalam juga oleh',
  tr: 've bir bu ile icin olarak olan gibi daha sonra cok ancak yeni olan sirketin',
  pl: 'nie sie jest oraz przez ktory ktora ktore jego jej dla jako ze po od',
  sv: 'och att det som ett inte med pa av har till ar var efter hans hennes blir',
  no: 'og at det som et ikke med pa av har til er var etter hans hennes blir',
  da: 'og at det som et ikke med pa af har til er var efter hans hendes bliver',
  cs: 'jako ktery ktera ktere jeho jeji byl byla bude jsou take nebo jeste spolecnosti podle',
  fi: 'ja ei etta oli ovat myos kuin mutta tai joka jonka jotka mukaan yhtion vuonna',
  hu: 'az hogy egy nem volt meg mar csak mint pedig szerint utan lesz ezt azt cegnek',
  ro: 'pentru sunt fost dupa acest aceasta iar sau din cu pe ale unei unui companiei',
  vi: 'cua cac nhung duoc trong khong nguoi ong nay viec cung nhu',
  sk: 'ako ktory ktora ktore bol bola tiez alebo spolocnosti podla sa aj',
  hr: 'koji koja koje nije bio bila kao ali kako takoder nakon prema tvrtke',
  ms: 'kerana iaitu selepas manakala syarikat semasa kerajaan',
  is: 'fyrir eftir hefur hennar sinni einnig voru hafa eru ekki samkvaemt hann vegna',
};

const WORDS: Map<string, string[]> = new Map();
for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
  for (const w of list.split(' ')) WORDS.set(w, [...(WORDS.get(w) ?? []), lang]);
}

/** The most likely language of a folded (lower-case, accent-free) text, or null when it says too little. */
export function guessLanguage(folded: string): string | null {
  const sample = folded.length > 3000 ? folded.slice(0, 3000) : folded;
  const script = scriptOf(sample);
  if (script) return script;
  const scores = new Map<string, number>();
  LATIN_WORD.lastIndex = 0;
  for (let m = LATIN_WORD.exec(sample); m; m = LATIN_WORD.exec(sample)) {
    const langs = WORDS.get(m[0]);
    if (!langs) continue;
    // A word shared by several languages says less than one only a single language uses.
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  let best: string | null = null;
  let bestScore = 0;
  let second = 0;
  for (const [l, s] of scores) {
    if (s > bestScore) {
      second = bestScore;
      best = l;
      bestScore = s;
    } else if (s > second) second = s;
  }
  return bestScore >= 1.5 && bestScore > second * 1.3 ? best : null;
}

const LATIN_WORD = /[a-z]+/g;

/**
 * A script other than Latin names the language when it is the text's own script (a third of its
 * letters), not two letters of a language menu scraped with the article.
 */
function scriptOf(sample: string): string | null {
  let latin = 0;
  let other = 0;
  const counts = { ru: 0, el: 0, ar: 0, he: 0, hi: 0, ko: 0, kana: 0, han: 0 };
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) latin++;
    else if (c < 0x370) continue;
    else if (c <= 0x3ff) counts.el++;
    else if (c <= 0x4ff) counts.ru++;
    else if (c >= 0x590 && c <= 0x5ff) counts.he++;
    else if (c >= 0x600 && c <= 0x6ff) counts.ar++;
    else if (c >= 0x900 && c <= 0x97f) counts.hi++;
    else if (c >= 0x3040 && c <= 0x30ff) counts.kana++;
    else if (c >= 0x3400 && c <= 0x9fff) counts.han++;
    else if (c >= 0xac00 && c <= 0xd7af) counts.ko++;
    else continue;
    other++;
  }
  const letters = latin + other;
  if (letters === 0) return null;
  if (counts.ru * 3 >= letters) return cyrillicLanguage(sample);
  if (counts.ar * 3 >= letters) return persianOrArabic(sample);
  for (const l of ['el', 'he', 'hi', 'ko'] as const) if (counts[l] * 3 >= letters) return l;
  if ((counts.kana + counts.han) * 3 >= letters) return counts.kana > 0 ? 'ja' : 'zh';
  return null;
}

/**
 * Ukrainian and Bulgarian are told from Russian by letters: "і", "є", "ґ" are Ukrainian ("ї" folds to
 * "і"); Bulgarian writes "ъ" where Russian cannot, and never "ы" or "э".
 */
function cyrillicLanguage(sample: string): string {
  let uk = 0;
  let ru = 0;
  let hard = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0x456 || c === 0x454 || c === 0x491) uk++;
    else if (c === 0x44b || c === 0x44d) ru++;
    // Russian writes "ъ" only before е, ю, я ("объявил"); Bulgarian before consonants and at a word's end.
    else if (c === 0x44a && !/[еюя]/.test(sample[i + 1] ?? '')) hard++;
  }
  if ((uk >= 1 && ru === 0) || (uk >= 2 && uk > ru * 2)) return 'uk';
  if (ru === 0 && hard >= 1) return 'bg';
  return 'ru';
}

/** Persian writes پ چ ژ گ and its own ی, ک; Arabic writes ي, ك and ة, which Persian rarely needs. */
function persianOrArabic(sample: string): string {
  let fa = 0;
  let ar = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af || c === 0x6cc || c === 0x6a9) fa++;
    else if (c === 0x64a || c === 0x643 || c === 0x629) ar++;
  }
  return fa > ar ? 'fa' : 'ar';
}
