/**
 * Traditional -> Simplified Chinese, one character for one character, from OpenCC's own table
 * (opencc-js ships it as `dict/TSCharacters`: "src dst|src dst ..."). Folding with it lets one
 * lexicon and one watchlist alias serve both scripts ("辭任" matches "辞任", "張勇" matches "张勇"),
 * while the card keeps the text's own characters (names are cut from the original string).
 * Pairs that change length in UTF-16 (rare astral characters) are left out, so folded offsets stay put.
 */
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

function build(table: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of table.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to || from.length !== 1 || to.length !== 1 || from === to) continue;
    out.set(from, to);
  }
  return out;
}

export const HANT_TO_HANS: ReadonlyMap<string, string> = build(TS_CHARACTERS);
