/**
 * Bytes to text for feeds whose labels lie.
 *
 * Order: byte-order mark, then the HTTP charset, then the XML declaration, then UTF-8, each tried with a
 * fatal decoder so a wrong label falls through to the next instead of producing U+FFFD. Windows-1252 comes
 * last: it maps every byte, so a document that claims UTF-8 but carries Latin-1 bytes is recovered rather
 * than rejected.
 */

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding actually used ("utf-8", "windows-1252"). */
  encoding: string;
  /** True when no declared label fitted the bytes and the fallback was used. */
  recovered: boolean;
}

const UTF8 = 'utf-8';
const FALLBACK = 'windows-1252';

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  const bom = sniffBom(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.length), bom.encoding);
    if (text !== null) return { text, encoding: bom.encoding, recovered: false };
  }

  const fromHeader = normalise(charsetFromContentType(contentType));
  const fromXml = normalise(encodingFromXmlDeclaration(bytes));
  const declared = [fromHeader, fromXml].filter((e): e is string => e !== null);

  // Latin-1 text that is also valid UTF-8 is vanishingly rare, so when either label says UTF-8 and the
  // bytes agree, the other label is the mistake.
  const candidates = declared.includes(UTF8) ? [UTF8, ...declared] : [...declared, UTF8];
  for (const encoding of candidates) {
    const text = tryDecode(bytes, encoding);
    if (text !== null) return { text, encoding, recovered: false };
  }
  return { text: new TextDecoder(FALLBACK).decode(bytes), encoding: FALLBACK, recovered: true };
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const match = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return match?.[1] ?? null;
}

/** Reads `encoding="..."` from an ASCII-compatible XML declaration at the start of the document. */
export function encodingFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl?.[1] ?? null;
}

/** Maps a label to the decoder's canonical name, or null when TextDecoder does not know it. */
function normalise(label: string | null): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: UTF8, length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}
