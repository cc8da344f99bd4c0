/**
 * Names with a case ending, in languages that glue one on (Finnish, Hungarian): "Pat Gelsingerin",
 * "Gelsingert", "Maria Virtasen". A name's last word loses its ending when the item also names the bare
 * form ("Gelsinger" in the title, "Gelsingerin" in the body), and a Finnish "-nen" surname is given back
 * its nominative ("Virtasen" is "Virtanen"). A later surname alone with an ending is the same person.
 */
const ENDINGS: Record<string, string[]> = {
  fi: ['in', 'ia', 'iin', 'ille', 'illa', 'ilta', 'issa', 'ista', 'ina', 'iksi', 'n', 'a', 'aa', 'lle', 'lla', 'lta', 'ssa', 'sta', 'na', 'ksi'],
  hu: ['t', 'et', 'ot', 'at', 'nak', 'nek', 'nal', 'nel', 'tol', 'rol', 'val', 'vel', 'kent', 'hoz', 'hez', 'ra', 're', 'ert'],
};
// Finnish "-nen" surnames: "Virtanen", "Virtasen", "Virtasta", "Virtaselle".
const FI_NEN = ['sen', 'sta', 'selle', 'sella', 'selta', 'sessa', 'sesta', 'seksi', 'sena'];

/** The bare form of a folded surname with an ending, when `known` says the bare form is a name. */
export function bareSurname(word: string, lang: string | null, known: (w: string) => boolean): string | null {
  const endings = lang ? ENDINGS[lang] : undefined;
  if (!endings) return null;
  for (const e of endings) {
    if (word.length - e.length < 3 || !word.endsWith(e)) continue;
    const stem = word.slice(0, -e.length);
    if (known(stem)) return stem;
  }
  if (lang === 'fi')
    for (const e of FI_NEN) {
      if (!word.endsWith(e) || word.length - e.length < 3) continue;
      const stem = `${word.slice(0, -e.length)}nen`;
      if (known(stem)) return stem;
    }
  return null;
}

const WORD_BOUNDARY = /[^\p{L}]/u;

/**
 * A name as written, its last word without its ending: when the folded item text names the bare word on
 * its own elsewhere, or (Finnish) a "-nen" surname in the genitive. Returns the name unchanged otherwise.
 */
export function nameWithoutEnding(name: string, lang: string | null, folded: string): string {
  if (lang !== 'fi' && lang !== 'hu') return name;
  const at = name.lastIndexOf(' ');
  if (at < 0) return name;
  const last = name.slice(at + 1);
  const lower = last.toLowerCase();
  // "Virtasen" -> "Virtanen" (a vowel before "sen": Danish "Jensen", "Hansen" keep theirs).
  if (lang === 'fi' && /[aeiouyäö]sen$/.test(lower) && last.length >= 6) return `${name.slice(0, at + 1)}${last.slice(0, -3)}nen`;
  const foldedLast = lower.normalize('NFKD').replace(/\p{M}/gu, '');
  const standalone = (w: string): boolean => {
    for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + 1)) {
      const before = i === 0 ? ' ' : (folded[i - 1] as string);
      const after = folded[i + w.length] ?? ' ';
      if (WORD_BOUNDARY.test(before) && WORD_BOUNDARY.test(after)) return true;
    }
    return false;
  };
  const bare = bareSurname(foldedLast, lang, standalone);
  if (!bare || bare.length >= foldedLast.length) return name;
  return `${name.slice(0, at + 1)}${last.slice(0, bare.length)}`;
}
