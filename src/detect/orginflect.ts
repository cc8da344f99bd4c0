/**
 * Organisations the watchlist knows, named with a case ending glued on: Finnish "Intelin", "Teslan",
 * "Intelistä"; Hungarian "Intelnél", "Teslát" (folded "teslat"); Slovak, Czech, Polish, Croatian "Intelu",
 * "Intela", "Intelom". Only in an item of such a language, and only for aliases of four letters or
 * more ("X" + "in" is no "Xin" of X).
 */
const ENDINGS: Record<string, string> = {
  fi: 'n|a|aa|ssa|sta|lla|lle|lta|ksi|na|in|ia|iin|issa|ista|illa|ille|ilta|ina|lta',
  hu: 'nak|nek|nal|nel|hoz|hez|tol|bol|ben|ban|ba|be|ra|re|rol|t|et|ot|at|on|en|val|vel|kent|ig|ert',
  sk: 'a|u|om|e|i|ovi|y|ou',
  cs: 'a|u|em|e|i|ovi|y|ou',
  pl: 'a|u|em|ie|owi|y|iem',
  hr: 'a|u|om|e|i|ovi',
};
ENDINGS.sr = ENDINGS.hr as string;
ENDINGS.bs = ENDINGS.hr as string;

const cache = new WeakMap<RegExp, Map<string, RegExp>>();

/** The watchlist's Latin organisation pattern with the language's endings allowed after an alias. */
export function inflectedOrgRe(orgLatin: RegExp | null, lang: string | null): RegExp | null {
  const endings = lang ? ENDINGS[lang] : undefined;
  if (!orgLatin || !endings || !orgLatin.source.endsWith(')')) return null;
  let byLang = cache.get(orgLatin);
  if (!byLang) {
    byLang = new Map();
    cache.set(orgLatin, byLang);
  }
  let re = byLang.get(lang as string);
  if (!re) {
    // The pattern ends in a right word boundary, a lookahead "(?![...])": the ending goes before it.
    const at = orgLatin.source.lastIndexOf('(?![');
    if (at < 0) return null;
    const boundary = orgLatin.source.slice(at);
    re = new RegExp(`${orgLatin.source.slice(0, at)}(?=(?:${endings})${boundary})`, orgLatin.flags);
    byLang.set(lang as string, re);
  }
  return re;
}
