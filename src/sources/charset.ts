/**
 * Bytes to text, as browsers do it (the WHATWG Encoding Standard), for feeds whose labels lie.
 *
 * Order: byte-order mark (UTF-8, UTF-16, UTF-32); a BOM-less UTF-16 or UTF-32 document recognised by the
 * zero bytes around its first `<`; bytes that are valid UTF-8 with non-ASCII characters (a feed labelled
 * ISO-8859-1 that is really UTF-8 would otherwise become `CafÃ©`); the HTTP charset; the XML declaration;
 * UTF-8; windows-1252, which maps every byte, so a document that claims UTF-8 but carries Latin-1 bytes is
 * recovered rather than rejected.
 *
 * Labels are mapped to encodings by the WHATWG table (TextDecoder knows it: ISO-8859-1 and US-ASCII are
 * windows-1252). The decoding itself is iconv-lite's, not TextDecoder's: Node 20's TextDecoder decodes
 * windows-1252 as Latin-1 (0x80-0x9F become invisible C1 controls instead of € “ ” – …) and knows no UTF-32.
 */
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** Name of the encoding actually used ("utf-8", "windows-1252", "utf-16le", "utf-32be"). */
  encoding: string;
  /** True when no declared label fitted the bytes and the fallback was used. */
  recovered: boolean;
}

const UTF8 = 'utf-8';
const FALLBACK = 'windows-1252';
const WIDE = new Set(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']);

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  const bom = sniffBom(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.length), bom.encoding);
    if (text !== null) return { text, encoding: bom.encoding, recovered: false };
  }
  const wide = sniffWide(bytes);
  if (wide) return { text: iconv.decode(toBuffer(bytes), wide), encoding: wide, recovered: false };

  // A 16- or 32-bit label on a document whose first bytes are ASCII is wrong (WHATWG reads it as UTF-8).
  const label = (raw: string | null): string | null => {
    const name = normalise(raw);
    return name && WIDE.has(name) ? UTF8 : name;
  };
  const fromHeader = label(charsetFromContentType(contentType));
  const fromXml = label(encodingFromXmlDeclaration(bytes));
  const declared = [fromHeader, fromXml].filter((e): e is string => e !== null);

  const candidates = [...declared, UTF8];
  // Non-ASCII bytes that form valid UTF-8 are UTF-8 whatever the label says: Latin-1 or Shift_JIS text
  // that is also valid UTF-8 is vanishingly rare, a UTF-8 feed labelled ISO-8859-1 is common.
  if (hasNonAscii(bytes)) candidates.unshift(UTF8);
  for (const encoding of candidates) {
    const text = tryDecode(bytes, encoding);
    if (text !== null) return { text, encoding, recovered: false };
  }
  return { text: windows1252(bytes), encoding: FALLBACK, recovered: true };
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const match = contentType ? /;\s*charset\s*=\s*"?\s*([^";\s]+)"?/i.exec(contentType) : null;
  return match?.[1] ?? null;
}

/** Reads `encoding="..."` from an ASCII-compatible XML declaration at the start of the document. */
export function encodingFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = iconv.decode(toBuffer(bytes.subarray(0, 512)), 'latin1');
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1] ?? null;
}

/**
 * Maps a label to its encoding's name by the WHATWG table, or null when the label is unknown or names the
 * "replacement" encoding (which decodes everything to U+FFFD). UTF-32 is not in that table; XML allows it.
 */
export function normalise(label: string | null): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  if (/^(utf-?32|ucs-?4)$/.test(l)) return 'utf-32be';
  if (/^(utf-?32|ucs-?4)-?(le|be)$/.test(l)) return `utf-32${l.slice(-2)}`;
  try {
    const name = new TextDecoder(l).encoding;
    return name === 'replacement' ? null : name;
  } catch {
    return null;
  }
}

/** Text from bytes in that encoding, or null when the bytes are not valid in it. */
function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  if (encoding === UTF8) {
    try {
      return new TextDecoder(UTF8, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  if (!iconv.encodingExists(encoding)) {
    // Encodings iconv-lite lacks (iso-2022-jp, x-user-defined) are left to TextDecoder.
    const text = new TextDecoder(encoding).decode(bytes);
    return text.includes('\ufffd') ? null : text;
  }
  if (encoding === FALLBACK) return windows1252(bytes);
  const text = iconv.decode(toBuffer(bytes), encoding, { stripBOM: false });
  // iconv-lite never fails: a wrong multi-byte label shows as U+FFFD where the bytes had none.
  return text.includes('\ufffd') ? null : text;
}

/**
 * windows-1252 as WHATWG defines it: the five bytes the code page leaves undefined (0x81, 0x8D, 0x8F,
 * 0x90, 0x9D) are the C1 code points of the same value, where iconv-lite gives U+FFFD. One byte, one
 * character: the text's index is the byte's.
 */
function windows1252(bytes: Uint8Array): string {
  const text = iconv.decode(toBuffer(bytes), FALLBACK);
  if (!text.includes('\ufffd')) return text;
  return text.replace(/\ufffd/g, (_, i: number) => String.fromCharCode(bytes[i] as number));
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: UTF8, length: 3 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/**
 * UTF-16 or UTF-32 without a BOM (XML 1.0 appendix F): an XML document starts with an ASCII character
 * (`<` or white space), which these encodings write with zero bytes around it.
 */
function sniffWide(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes as unknown as [number, number, number, number];
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
