/**
 * Guesses the language of a folded text from its function words. Feeds often declare one language for
 * the whole channel ("en") while carrying items in several, so the declared tag alone cannot pick the
 * lexicons. Cyrillic, Hangul, kana and Han name their language when they are the text's script.
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
};

const WORDS: Map<string, string[]> = new Map();
for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
  for (const w of list.split(' ')) WORDS.set(w, [...(WORDS.get(w) ?? []), lang]);
}

/** The most likely language of a folded (lower-case, accent-free) text, or null when it says too little. */
export function guessLanguage(folded: string): string | null {
  const sample = folded.slice(0, 3000);
  // A script other than Latin names the language when it is the text's own script (a third of its
  // letters), not two letters of a language menu scraped with the article.
  const letters = sample.match(/[a-z\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g)?.length ?? 0;
  const share = (re: RegExp): boolean => (sample.match(re)?.length ?? 0) * 3 >= letters && letters > 0;
  if (share(/[\u0400-\u04ff]/g)) return 'ru';
  if (share(/[\uac00-\ud7af]/g)) return 'ko';
  if (share(/[\u3040-\u30ff\u3400-\u9fff]/g)) return /[\u3040-\u30ff]/.test(sample) ? 'ja' : 'zh';
  const scores = new Map<string, number>();
  for (const m of sample.matchAll(/[a-z]+/g)) {
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
