/**
 * Text as the chat platforms take it: valid Unicode, cut between user-perceived characters (graphemes),
 * never inside a surrogate pair, an emoji sequence or a letter with its marks.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The graphemes of a text (an emoji with its joiners and modifiers is one). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Lone surrogates (invalid UTF-16, refused by Discord) become U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

/**
 * The longest prefix of `text` of whole graphemes whose UTF-16 length is at most `max` (a unit count
 * bounds the code-point count too, so the result fits whichever way a platform counts).
 */
export function prefixWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const g of segmenter.segment(text)) {
    if (out.length + g.segment.length > max) break;
    out += g.segment;
  }
  return out;
}

/** `text` cut to at most `max` UTF-16 units between graphemes, ending with "…" when cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${prefixWithin(text, max - 1).trimEnd()}…`;
}

const JOINERS = /[\u200c\u200d]/;
/** What may stand beside a joiner that is kept: letters, marks, digits, emoji and their modifiers. */
const JOINABLE = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Component}]/u;
/** Controls and format characters (bidi overrides and isolates, zero-width spaces, BOM, tags). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Removes control and format characters (a feed can use them to hide text or reverse what a reader
 * sees: bidi overrides, zero-width spaces), except the zero-width joiner and non-joiner inside a word
 * or an emoji sequence, where they change how it is written (👩‍💻, Persian and Indic names).
 */
export function stripInvisible(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!INVISIBLE.test(c)) out += c;
    else if (JOINERS.test(c) && JOINABLE.test(chars[i - 1] ?? '') && JOINABLE.test(chars[i + 1] ?? '')) out += c;
  }
  return out;
}

/** Feed text for a card: valid Unicode, one line, no hidden characters, at most `max` units. */
export function cleanLine(text: string, max: number): string {
  return cutText(stripInvisible(wellFormed(text).replace(/\s+/g, ' ')).replace(/ {2,}/g, ' ').trim(), max);
}

const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** "English" for "en"; the code itself when it names no language Node knows; nothing when absent. */
export function languageName(code: string | null | undefined): string {
  if (!code?.trim()) return '';
  try {
    return languages.of(code.trim()) ?? code;
  } catch {
    return code;
  }
}
