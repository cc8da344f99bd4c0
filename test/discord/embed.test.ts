import { describe, expect, it } from 'vitest';
import { embedLength, eventEmbed, fitEmbeds, LIMITS } from '../../src/notify/discord/embed.ts';
import { clip, escapeDiscord, escapeLinkedLine, safeUrl } from '../../src/notify/discord/escape.ts';
import { createPageIds, pageMessage, textMessage } from '../../src/notify/discord/paging.ts';
import { record } from './helpers.ts';

describe('escaping', () => {
  it('escapes every markdown character and breaks mentions', () => {
    expect(escapeDiscord('\\*_~`|>#-[]()')).toBe('\\\\\\*\\_\\~\\`\\|\\>\\#\\-\\[\\]\\(\\)');
    expect(escapeDiscord('@everyone @here <@1> <@!2> <@&3> <#4>')).toBe(
      '@\u200beveryone @\u200bhere \\<@\u200b1\\> \\<@\u200b!2\\> \\<@\u200b&3\\> \\<\\#4\\>',
    );
    expect(escapeDiscord('Mira Murati leaves OpenAI')).toBe('Mira Murati leaves OpenAI');
  });

  it('never ends a clipped text with a lone backslash', () => {
    expect(clip('ab\\*cd', 4)).toBe('ab…');
    expect(clip('ab\\\\cd', 5)).toBe('ab\\\\…');
    expect(clip('short', 10)).toBe('short');
  });

  it('links only http(s) URLs', () => {
    expect(safeUrl('https://news.example.com/a?b=1')).toBe('https://news.example.com/a?b=1');
    expect(safeUrl('http://news.example.com/')).toBe('http://news.example.com/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example.com/', 'not a url', '', null]) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
});

/** A card that is as long as buildCard allows, all of it characters that escaping doubles. */
function worstCase(key: string) {
  return record({
    key,
    person: '_'.repeat(300),
    org: '*'.repeat(300),
    role: '#'.repeat(300),
    destination: '-'.repeat(300),
    type: 'joined',
    evidence: '['.repeat(2000),
    source: '@'.repeat(300),
    lang: '('.repeat(300),
  });
}

describe('limits', () => {
  it('keeps one card within every per-embed limit', () => {
    const embed = eventEmbed(worstCase('w'));
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.description);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.total);
  });

  it('fits a page of ten long cards into one message', () => {
    const embeds = Array.from({ length: 12 }, (_, i) => eventEmbed(worstCase(`w${i}`)));
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeGreaterThan(LIMITS.total);
    const fitted = fitEmbeds(embeds);
    expect(fitted).toHaveLength(10);
    expect(fitted.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.total);
    for (const e of fitted) {
      expect(e.title?.length).toBeGreaterThan(0);
      expect(e.fields?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('leaves a page of ordinary cards untouched', () => {
    const embeds = Array.from({ length: 10 }, (_, i) => eventEmbed(record({ key: `r${i}` })));
    expect(fitEmbeds(embeds)).toEqual(embeds);
  });
});

describe('paging buttons', () => {
  it('encodes the query and page in the custom_id and reads them back', () => {
    const ids = createPageIds();
    const recent = ids.encode({ sub: 'recent', days: 30, company: 'Open|AI' }, 3);
    expect(recent).toBe('xp1|recent|3|30|Open|AI');
    expect(ids.decode(recent)).toEqual({ query: { sub: 'recent', days: 30, company: 'Open|AI' }, page: 3 });
    expect(ids.decode(ids.encode({ sub: 'recent' }, 2))).toEqual({
      query: { sub: 'recent', days: undefined, company: undefined },
      page: 2,
    });
    expect(ids.decode(ids.encode({ sub: 'person', name: 'Mira Murati' }, 2))).toEqual({
      query: { sub: 'person', name: 'Mira Murati' },
      page: 2,
    });
    expect(ids.decode('something-else')).toBeNull();
    expect(ids.decode('xp1|person|0||x')).toBeNull();
  });

  it('carries the kind of /exits recent on the subcommand', () => {
    const ids = createPageIds();
    const id = ids.encode({ sub: 'recent', days: 30, company: 'Acme', kind: 'fired' }, 2);
    expect(id).toBe('xp1|recent:fired|2|30|Acme');
    expect(ids.decode(id)).toEqual({ query: { sub: 'recent', days: 30, company: 'Acme', kind: 'fired' }, page: 2 });
    expect(ids.decode('xp1|recent:Fired!|2||')).toBeNull();
  });

  it('keeps a query too long for a custom_id in memory', () => {
    const ids = createPageIds();
    const query = { sub: 'company' as const, name: 'x'.repeat(100) };
    const id = ids.encode(query, 2);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(ids.decode(id)).toEqual({ query, page: 2 });
    expect(createPageIds().decode(id)).toEqual({ expired: true });
  });

  it('disables Previous on the first page and Next on the last', () => {
    const ids = createPageIds();
    const answer = { ok: true as const, title: 'T', events: [record({ key: 'a' })], page: 3, pages: 3, total: 21 };
    const msg = pageMessage({ ...answer, summary: '21–21 of 21 (page 3/3)' }, { sub: 'recent' }, ids);
    const buttons = (msg.components[0]?.components ?? []) as { label: string; disabled: boolean; custom_id: string }[];
    expect(buttons.map((b) => [b.label, b.disabled, ids.decode(b.custom_id)])).toEqual([
      ['◀ Previous', false, { query: { sub: 'recent' }, page: 2 }],
      ['Next ▶', true, { query: { sub: 'recent' }, page: 4 }],
    ]);
    expect(msg.allowedMentions).toEqual({ parse: [] });
  });
});

describe('text answers', () => {
  it('keeps http(s) links clickable and escapes everything else', () => {
    expect(escapeLinkedLine('src · https://a.example/x_(1) · *b* @here')).toBe(
      'src · <https://a.example/x_(1)> · \\*b\\* @\u200bhere',
    );
    expect(escapeLinkedLine('javascript:alert(1) https://user:pw@evil.example/')).toBe(
      'javascript:alert\\(1\\) https://user:pw@\u200bevil.example/',
    );
  });

  it('fits many long lines into one embed and says how many were left out', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(100)} https://a.example/${i}`);
    const msg = textMessage({ ok: true, title: 'T', lines });
    const description = msg.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(LIMITS.description);
    const out = description.split('\n');
    expect(out.at(-1)).toMatch(/^… and \d+ more$/);
    expect(out.length - 1 + Number(out.at(-1)?.match(/\d+/)?.[0])).toBe(200);
    expect(msg.allowedMentions).toEqual({ parse: [] });
    expect(textMessage({ ok: true, title: 'Empty', lines: [] }).embeds[0]).not.toHaveProperty('description');
  });
});
