/**
 * rss-parser's failures as sentences about the feed. What it throws is sax's message ("Unclosed root
 * tag\nLine: 3\nColumn: 7\nChar: "), its own ("Feed not recognized as RSS 1 or 2.") or, for shapes it does
 * not expect, a JavaScript TypeError ("Cannot read properties of undefined (reading '0')"): none of them is
 * something a user can act on, and a TypeError must never be shown as the reason.
 */
import { ExitsError } from '../core/errors.ts';

/** sax's messages, by their first words, and what they mean for the feed. */
const SAX: [RegExp, string][] = [
  [/^Unclosed root tag/i, 'the document ends before its root element is closed (cut short?)'],
  [/^Unexpected close tag|^Unmatched closing tag/i, 'a closing tag does not match the element it closes'],
  [/^Invalid character entity|^Invalid character in entity name/i, 'it uses an entity (&name;) that XML does not define, or a bare "&"'],
  [/^Non-whitespace before first tag/i, 'there is text before the first tag'],
  [/^Text data outside of root node/i, 'there is text after the root element'],
  [/^Attribute without value|^Unquoted attribute value|^Attribute .* redefined|^No whitespace between attributes/i, 'a tag has a malformed attribute'],
  [/^Invalid tagname|^Unexpected end/i, 'a tag is malformed'],
  [/^Invalid attribute name/i, 'a tag has a malformed attribute name'],
  [/^Invalid characters? in closing tag/i, 'a closing tag is malformed'],
];

export function parseErrorOf(err: unknown, root: string): ExitsError {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0]?.trim() ?? '';
  if (/not recognized as RSS/i.test(first)) {
    return new ExitsError('NOT_A_FEED', `the document is XML but neither RSS nor Atom: its <${root}> root has no channel or entries rss-parser knows`, {
      cause: err,
    });
  }
  if (/^Unable to parse XML/i.test(first)) {
    return new ExitsError('PARSE_ERROR', 'the document is empty, or its XML stops before the root element is complete', { cause: err });
  }
  const sax = SAX.find(([re]) => re.test(first));
  if (sax) {
    const line = /Line:\s*(\d+)/.exec(message)?.[1];
    const column = /Column:\s*(\d+)/.exec(message)?.[1];
    const where = line ? ` (line ${Number(line) + 1}${column ? `, column ${column}` : ''})` : '';
    return new ExitsError('PARSE_ERROR', `the feed is not well-formed XML: ${sax[1]}${where}`, { cause: err });
  }
  if (err instanceof TypeError || err instanceof RangeError || /Cannot read|undefined|is not a function/i.test(first)) {
    return new ExitsError(
      'PARSE_ERROR',
      `the feed's elements are not arranged as RSS or Atom prescribe (its <${root}> root does not hold a channel or entries in the expected place)`,
      { cause: err },
    );
  }
  return new ExitsError('PARSE_ERROR', `the feed is not well-formed XML: ${first.replace(/\.$/, '')}`, { cause: err });
}
