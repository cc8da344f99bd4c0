import { describe, expect, it } from 'vitest';
import { ExitsError } from '../../src/core/errors.ts';
import { charsetFromContentType, decodeFeed } from '../../src/sources/charset.ts';
import { checkDocument } from '../../src/sources/parse.ts';
import { decodeEntities, htmlToParagraphs, htmlToText } from '../../src/sources/text.ts';

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeFeed', () => {
  const body = 'Joëlle Pineau quittera le groupe — « congé »';

  it('uses the XML declaration when the header is silent', () => {
    const bytes = latin1(`<?xml version="1.0" encoding="ISO-8859-1"?><rss>Joëlle « congé »</rss>`);
    expect(decodeFeed(bytes, 'application/rss+xml').text).toContain('Joëlle « congé »');
  });

  it('uses the header charset when it fits the bytes', () => {
    const bytes = latin1('<rss>Joëlle</rss>');
    expect(decodeFeed(bytes, 'text/xml; charset="iso-8859-1"')).toMatchObject({ text: '<rss>Joëlle</rss>' });
  });

  it('prefers UTF-8 when one label says so and the bytes are valid UTF-8', () => {
    const bytes = utf8(`<?xml version="1.0" encoding="utf-8"?><rss>${body}</rss>`);
    expect(decodeFeed(bytes, 'application/xml; charset=iso-8859-1').text).toContain(body);
  });

  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<rss/>')]);
    expect(decodeFeed(withBom).text).toBe('<rss/>');
    const le = new Uint8Array([0xff, 0xfe, ...[...'<rss/>'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeFeed(le).text).toBe('<rss/>');
  });

  it('recovers Latin-1 bytes declared as UTF-8 via windows-1252, never U+FFFD', () => {
    const bytes = latin1('<?xml version="1.0" encoding="UTF-8"?><rss>démissionne</rss>');
    const decoded = decodeFeed(bytes, 'application/rss+xml; charset=utf-8');
    expect(decoded).toMatchObject({ encoding: 'windows-1252', recovered: true });
    expect(decoded.text).toContain('démissionne');
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('maps labels by the WHATWG table: ISO-8859-1 and US-ASCII are windows-1252', () => {
    const bytes = latin1('<?xml version="1.0" encoding="us-ascii"?><rss>\x93ok\x94</rss>');
    expect(decodeFeed(bytes)).toMatchObject({ encoding: 'windows-1252', text: '<?xml version="1.0" encoding="us-ascii"?><rss>“ok”</rss>' });
  });

  it('decodes windows-1252 as WHATWG does, its five undefined bytes included', () => {
    const bytes = latin1('<rss>\x80\x81\x8d\x9f\xe9</rss>');
    expect(decodeFeed(bytes, 'text/xml; charset=windows-1252')).toMatchObject({ encoding: 'windows-1252', text: '<rss>€\u0081\u008dŸé</rss>' });
  });

  it('reads UTF-32 with a BOM and UTF-16BE without one; a UTF-16 label on ASCII bytes is UTF-8', () => {
    const be32 = Buffer.alloc(4 + 4 * 6);
    be32.writeUInt32BE(0xfeff, 0);
    [...'<rss/>'].forEach((c, i) => be32.writeUInt32BE(c.charCodeAt(0), 4 + i * 4));
    expect(decodeFeed(be32)).toMatchObject({ encoding: 'utf-32be', text: '<rss/>' });
    const be16 = Buffer.from('<rss>é</rss>', 'utf16le').swap16();
    expect(decodeFeed(be16)).toMatchObject({ encoding: 'utf-16be', text: '<rss>é</rss>' });
    expect(decodeFeed(utf8('<?xml version="1.0" encoding="UTF-16"?><rss>é</rss>'))).toMatchObject({ encoding: 'utf-8' });
  });

  it('ignores labels TextDecoder does not know', () => {
    expect(decodeFeed(utf8('<rss>é</rss>'), 'text/xml; charset=x-nonsense').text).toBe('<rss>é</rss>');
    expect(charsetFromContentType('application/rss+xml')).toBeNull();
  });
});

describe('checkDocument', () => {
  const code = (xml: string, contentType?: string): string => {
    try {
      checkDocument(xml, contentType);
      return 'ok';
    } catch (err) {
      return err instanceof ExitsError ? err.code : 'other';
    }
  };

  it('refuses entity declarations even when hidden behind a comment', () => {
    expect(code('<!DOCTYPE rss [ <!ENTITY a "x"> ]><rss version="2.0"/>')).toBe('HOSTILE_XML');
    expect(code('<?xml version="1.0"?><!-- hi --><!DOCTYPE rss [<!-- ] --><!ENTITY a "x">]><rss/>')).toBe(
      'HOSTILE_XML',
    );
  });

  it('accepts an external DOCTYPE (RSS 0.91) and a leading comment', () => {
    const rss091 =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"/>';
    expect(code(rss091)).toBe('ok');
    expect(code('\uFEFF<!-- generator --><feed xmlns="http://www.w3.org/2005/Atom"/>')).toBe('ok');
    expect(code('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')).toBe('ok');
  });

  it('refuses HTML pages and empty bodies', () => {
    expect(code('<!DOCTYPE html><html><body><item/></body></html>', 'text/html')).toBe('NOT_A_FEED');
    expect(code('<html><rss/></html>')).toBe('NOT_A_FEED');
    expect(code('Rate limited. Try again later.', 'text/html')).toBe('NOT_A_FEED');
    expect(code('   ')).toBe('PARSE_ERROR');
  });
});

describe('text', () => {
  it('strips tags, drops scripts, decodes entities once, collapses whitespace', () => {
    expect(htmlToText('<p>Mira&nbsp;<b>Mu</b>rati&#8217;s  exit &amp;amp; more</p><script>x()</script>')).toBe(
      'Mira Murati’s exit &amp; more',
    );
    expect(htmlToText('RT&ensp;Barret Zoph<br>Note')).toBe('RT Barret Zoph Note');
    expect(decodeEntities('d&eacute;part &Uuml;ber &unknown; &#xFFFD;')).toBe('départ Über &unknown; &#xFFFD;');
  });

  it('drops scripts and comments in one pass; an unclosed one loses only its tag', () => {
    expect(htmlToText('safe<SCRIPT>alert(1)</Script > description<!-- hidden -->!')).toBe('safe description!');
    expect(htmlToText('How to use the <script> tag')).toBe('How to use the tag');
    expect(htmlToText('a <!-- never closed')).toBe('a <!-- never closed');
    expect(htmlToText('<script>x'.repeat(3) + 'end')).toBe('xxxend');
  });

  it('keeps paragraph breaks in bodies', () => {
    expect(htmlToParagraphs('<p>One\n  line.</p><p>Two.</p>')).toBe('One line.\n\nTwo.');
  });
});
