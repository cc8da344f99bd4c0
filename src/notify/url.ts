/**
 * Article links as the chat platforms take them: http(s) only, no user name or password (a link such as
 * https://bank.example@evil.example reads as one site and opens another), normalised by the URL parser
 * and then percent-encoded to a valid RFC 3986 URI (`format: uri`): the WHATWG parser leaves `|`, `[`,
 * `]`, `^`, `{`, `}` and `\` in paths and queries, which Discord refuses.
 */

/** What RFC 3986 allows after the authority, besides an escape `%XX`. */
const URI_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]/;

function encodeRest(rest: string): string {
  let out = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] as string;
    if (c === '%') out += /^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3)) ? '%' : '%25';
    else if (URI_CHAR.test(c)) out += c;
    else out += encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  // A second `#` is not allowed in a fragment.
  const hash = out.indexOf('#');
  return hash < 0 ? out : out.slice(0, hash + 1) + out.slice(hash + 1).replace(/#/g, '%23');
}

/**
 * The link as a valid URI of at most `max` characters, or null when it cannot be one (not http(s),
 * credentials, unparsable, or too long once encoded: the card is then sent without it).
 */
export function normaliseUrl(url: string | null | undefined, max: number): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  const origin = `${parsed.protocol}//${parsed.host}`;
  const href = origin + encodeRest(parsed.href.slice(origin.length));
  return href.length <= max ? href : null;
}
