/**
 * The platforms' documented limits, held by `npm test` without ../shared: Discord (embed title 256,
 * description 4,096, 25 fields of 256/1,024, footer 2,048, url at most 2,048 characters and a valid URI,
 * choices of 100) and Slack (context text 3,000, header 150, field 2,000, unique block_id); valid
 * Unicode everywhere (no lone surrogates).
 */
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/core/types.ts';
import { buildCard, cleanText } from '../../src/notify/card.ts';
import { eventEmbed } from '../../src/notify/discord/embed.ts';
import { clip, safeUrl } from '../../src/notify/discord/escape.ts';
import { autocompleteChoices } from '../../src/notify/discord/interactions.ts';
import { answerMessage, cardBlocks } from '../../src/notify/slack/blocks.ts';
import { escapeWithin } from '../../src/notify/slack/mrkdwn.ts';
import { normaliseUrl } from '../../src/notify/url.ts';

const base: EventRecord = {
  key: 'k1',
  person: 'Mira Murati',
  org: 'OpenAI',
  type: 'departure',
  role: 'CTO',
  destination: null,
  evidence: 'Mira Murati leaves OpenAI',
  confidence: 0.9,
  itemId: 'url:example.org/a',
  title: 'Mira Murati leaves OpenAI',
  url: 'https://example.org/a',
  source: 'Example News',
  published: '2024-09-26T08:00:00.000Z',
  lang: 'en',
  detectedAt: '2024-09-26T09:00:00.000Z',
  reports: [],
};

/** Every string anywhere in a payload. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const loneSurrogate = /\p{Cs}/u;

/** RFC 3986 characters only, each % starting an escape: what `format: uri` accepts. */
const RFC3986 = /^[a-z][a-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;

describe('text is cut between graphemes', () => {
  it('never leaves a lone surrogate, whatever the cut point', () => {
    const astral = '𝔸😀'.repeat(200);
    for (let max = 1; max < 60; max++) {
      expect(cleanText(astral, max)).not.toMatch(loneSurrogate);
      expect(clip(astral, max)).not.toMatch(loneSurrogate);
      expect(escapeWithin(astral, max)).not.toMatch(loneSurrogate);
      expect(cleanText(astral, max).length).toBeLessThanOrEqual(max);
    }
  });

  it('keeps an emoji sequence whole or drops it', () => {
    const text = `${'a'.repeat(8)}👩‍👩‍👧‍👦 rest`;
    for (let max = 9; max < 20; max++) {
      const cut = cleanText(text, max);
      expect(cut === text || cut.startsWith('aaaaaaaa👩‍👩‍👧‍👦') || cut === `${'a'.repeat(8)}…`).toBe(true);
    }
  });

  it('turns lone surrogates of the feed into U+FFFD', () => {
    expect(cleanText('bad \ud800 text', 50)).toBe('bad \ufffd text');
  });

  it('leaves no lone surrogate in any Discord or Slack card of astral text', () => {
    const e = { ...base, person: '😀'.repeat(300), org: '𝔸'.repeat(300), evidence: '😀'.repeat(3000), source: '🎉'.repeat(300) };
    for (const s of [...strings(eventEmbed(e)), ...strings(cardBlocks(e))]) expect(s).not.toMatch(loneSurrogate);
  });

  it('cuts autocomplete choices to 100 characters without lone surrogates', () => {
    const choices = autocompleteChoices(['😀'.repeat(80), 'Jane\u202eDoe', '']);
    expect(choices).toHaveLength(2);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeGreaterThan(0);
      expect(c.value).not.toMatch(loneSurrogate);
    }
    expect(choices[1]).toEqual({ name: 'JaneDoe', value: 'JaneDoe' });
  });
});

describe('invisible characters', () => {
  it('strips bidi overrides and zero-width spaces, keeps joiners inside emoji and words', () => {
    expect(cleanText('Jane\u202e eoD\u202c\u200b', 50)).toBe('Jane eoD');
    expect(cleanText('👩‍💻 developer', 50)).toBe('👩‍💻 developer');
    const persian = 'می\u200cخواهم';
    expect(cleanText(persian, 50)).toBe(persian);
    const hindi = 'क्\u200dष';
    expect(cleanText(hindi, 50)).toBe(hindi);
    expect(cleanText('a \u200d b', 50)).toBe('a b');
  });

  it('strips them from the Slack source link label too', () => {
    const blocks = cardBlocks({ ...base, title: 'Evil\u202etitle' });
    expect(JSON.stringify(blocks)).not.toContain('\u202e');
  });
});

describe('the embed url', () => {
  it('is percent-encoded before its 2,048 limit, and dropped (card kept) when it cannot fit', () => {
    const cyrillic = `https://news.example.ru/${'новости'.repeat(50)}`;
    expect(cyrillic.length).toBeLessThan(2048);
    expect(safeUrl(cyrillic)).toBeUndefined();
    const embed = eventEmbed({ ...base, url: `https://news.example.jp/${'記事'.repeat(115)}` });
    expect(embed.url).toBeUndefined();
    expect(embed.title).toBe('Mira Murati leaves OpenAI');
    const short = safeUrl(`https://news.example.ru/${'новости'.repeat(5)}`);
    expect(short).toMatch(RFC3986);
    expect(short?.length).toBeLessThanOrEqual(2048);
  });

  it('encodes the characters format: uri refuses', () => {
    const url = safeUrl('https://a.example/x|y[1]^z{2}\\w?q=a|b[c]^`#f#g');
    expect(url).toMatch(RFC3986);
    expect(url).toBe('https://a.example/x%7Cy%5B1%5D%5Ez%7B2%7D/w?q=a%7Cb%5Bc%5D%5E%60#f%23g');
    expect(normaliseUrl('https://a.example/100%', 100)).toBe('https://a.example/100%25');
  });

  it('never links a URL with a user name or password', () => {
    expect(safeUrl('https://bank.example@evil.example/')).toBeUndefined();
    expect(safeUrl('https://user:pw@news.example/a')).toBeUndefined();
    expect(JSON.stringify(cardBlocks({ ...base, url: 'https://bank.example@evil.example/' }))).not.toContain('evil.example|');
  });
});

describe('Slack limits', () => {
  it('keeps every context element within 3,000 characters after escaping', () => {
    const e = {
      ...base,
      source: '&'.repeat(200),
      url: `https://a.example/?${'a=1&'.repeat(480)}`,
      title: '<&>'.repeat(500),
    };
    for (const block of cardBlocks(e)) {
      if (block.type !== 'context') continue;
      for (const el of block.elements as { text: string }[]) expect(el.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('gives each page of an answer its own pager block_id', () => {
    const ids = [1, 2, 3].map((page) => {
      const m = answerMessage({ ok: true, title: 'Recent', summary: 's', events: [base], page, pages: 3, total: 30 }, 'recent');
      return m.blocks.find((b) => b.type === 'actions')?.block_id;
    });
    expect(new Set(ids).size).toBe(3);
  });
});

describe('the card reads well', () => {
  it('has no footer escapes', () => {
    const embed = eventEmbed({ ...base, source: 'News <Daily> @everyone' });
    expect(embed.footer?.text).not.toContain('\\');
    expect(embed.footer?.text).not.toContain('@everyone');
  });

  it('shows no placeholder date or empty parentheses', () => {
    const card = buildCard({ ...base, published: 'not a date', detectedAt: 'garbage' });
    expect(card.fields.find((f) => f.name === 'Date')).toBeUndefined();
    const blocks = JSON.stringify(cardBlocks({ ...base, source: '' }));
    expect(blocks).not.toContain('()');
  });

  it('names the language', () => {
    expect(buildCard(base).fields.find((f) => f.name === 'Language')?.value).toBe('English');
    expect(buildCard({ ...base, lang: 'fr' }).fields.find((f) => f.name === 'Language')?.value).toBe('French');
  });
});

describe('a list cut to fit a message', () => {
  it('says how to see the rest, on Discord and on Slack', async () => {
    const { textMessage: discordText } = await import('../../src/notify/discord/paging.ts');
    const { textMessage: slackText } = await import('../../src/notify/slack/blocks.ts');
    const answer = {
      ok: true as const,
      title: 'Ada, departure: reported by 400 sources',
      lines: Array.from({ length: 400 }, (_, i) => `2024-09-26 · English · Outlet ${i} · ${'headline '.repeat(100)}`),
      whole: 'exits sources 3fa9c01b2e',
    };
    const discord = discordText(answer).embeds[0]?.description?.split('\n').at(-1);
    expect(discord).toMatch(/^… and \d+ more: `exits sources 3fa9c01b2e` on the command line lists them all$/);
    const blocks = slackText(answer).blocks;
    const last = (blocks.at(-1)?.text as { text: string }).text;
    expect(last).toMatch(/^… and \d+ more: `exits sources 3fa9c01b2e` on the command line lists them all$/);
  });
});
