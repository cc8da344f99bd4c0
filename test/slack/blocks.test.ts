import { describe, expect, it } from 'vitest';
import { answerMessage, cardBlocks, fitBlocks, linkedLine, pagerValue, textMessage } from '../../src/notify/slack/blocks.ts';
import { parseCommandText, parsePagerValue } from '../../src/notify/slack/command.ts';
import { escapeMrkdwn, escapeWithin, linkableUrl, mrkdwnLink } from '../../src/notify/slack/mrkdwn.ts';
import { blockTexts, event, reportOf } from './helpers.ts';

describe('mrkdwn escaping', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> *bold* >quote')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; *bold* &gt;quote',
    );
  });

  it('cuts escaped text without splitting an entity', () => {
    expect(escapeWithin('a&b&c', 8)).toBe('a&amp;b…');
    expect(escapeWithin('a&b', 7)).toBe('a&amp;b');
    expect(escapeWithin('<<<<', 6)).toBe('&lt;…');
  });

  it('links only http(s) URLs, with link-breaking characters encoded', () => {
    expect(linkableUrl('https://a.example/p?q=1&r=2|x')).toBe('https://a.example/p?q=1&amp;r=2%7Cx');
    expect(linkableUrl('javascript:alert(1)')).toBeNull();
    expect(linkableUrl('not a url')).toBeNull();
    expect(mrkdwnLink('ftp://x.example/', 'label <b>')).toBe('label &lt;b&gt;');
  });
});

describe('parseCommandText', () => {
  it.each([
    ['recent', { sub: 'recent' }, 'recent'],
    ['recent 30 openai', { sub: 'recent', days: 30, company: 'openai' }, 'recent 30 openai'],
    ['  RECENT   14d  ', { sub: 'recent', days: 14 }, 'recent 14'],
    ['recent open ai', { sub: 'recent', company: 'open ai' }, 'recent open ai'],
    ['person mira mulati', { sub: 'person', name: 'mira mulati' }, 'person mira mulati'],
    ['company AT&amp;T page 2', { sub: 'company', name: 'AT&T', page: 2 }, 'company AT&T'],
    ['person <@U123|mira>', { sub: 'person', name: 'mira' }, 'person mira'],
    ['', { sub: 'help' }, 'help'],
    ['help', { sub: 'help' }, 'help'],
    ['recent fired', { sub: 'recent', kind: 'fired' }, 'recent fired'],
    ['recent 30 openai Joined', { sub: 'recent', days: 30, company: 'openai', kind: 'joined' }, 'recent 30 openai joined'],
    ['recent founded 14 acme page 2', { sub: 'recent', days: 14, company: 'acme', kind: 'founded', page: 2 }, 'recent 14 acme founded'],
    ['sources 3fa9c01b2e', { sub: 'sources', event: '3fa9c01b2e' }, 'sources 3fa9c01b2e'],
    ['sources id `3fa9c01b2e`', { sub: 'sources', event: '3fa9c01b2e' }, 'sources 3fa9c01b2e'],
    ['watch', { sub: 'watch', action: 'list' }, 'watch list'],
    ['watch list', { sub: 'watch', action: 'list' }, 'watch list'],
    ['watch add person mira murati', { sub: 'watch', action: 'add', what: 'person', name: 'mira murati' }, 'watch add person mira murati'],
    ['WATCH Remove Company AT&amp;T', { sub: 'watch', action: 'remove', what: 'company', name: 'AT&T' }, 'watch remove company AT&T'],
    ['watch add company acme page 2', { sub: 'watch', action: 'add', what: 'company', name: 'acme page 2' }, 'watch add company acme page 2'],
    ['feeds', { sub: 'feeds', action: 'list' }, 'feeds list'],
    [
      'feeds add <https://news.example/rss?a=1&amp;b=2|news.example/rss> Le Monde',
      { sub: 'feeds', action: 'add', url: 'https://news.example/rss?a=1&b=2', name: 'Le Monde' },
      'feeds add https://news.example/rss?a=1&b=2 Le Monde',
    ],
    ['feeds add <http://x.example/feed>', { sub: 'feeds', action: 'add', url: 'http://x.example/feed' }, 'feeds add http://x.example/feed'],
    ['feeds remove Le Monde', { sub: 'feeds', action: 'remove', url: 'Le Monde' }, 'feeds remove Le Monde'],
  ])('"%s"', (text, req, normal) => {
    expect(parseCommandText(text)).toEqual({ ok: true, req, text: normal });
  });

  it.each([
    ['recent 3.5', 'days must be a whole number, e.g. /exits recent 30', false],
    ['recent -1', 'days must be a whole number, e.g. /exits recent 30', false],
    ['person', 'usage: /exits person <name>', false],
    ['company   ', 'usage: /exits company <name>', false],
    ['recent page 0', 'page must be a whole number from 1 to 1000', false],
    ['hire someone', 'unknown subcommand "hire"', true],
    [`person ${'x'.repeat(300)}`, 'that is too long: at most 300 characters', false],
    ['sources', 'usage: /exits sources <id> (the id is on the card)', false],
    ['sources 3fa9 more', 'usage: /exits sources <id> (the id is on the card)', false],
    ['watch add mira', 'usage: /exits watch add|remove person|company <name>, or /exits watch list', false],
    ['watch add person', 'usage: /exits watch add|remove person|company <name>, or /exits watch list', false],
    ['watch drop person x', 'usage: /exits watch add|remove person|company <name>, or /exits watch list', false],
    ['feeds add', 'usage: /exits feeds add <url> [name], /exits feeds remove <url or name>, or /exits feeds list', false],
    ['feeds list all', 'usage: /exits feeds add <url> [name], /exits feeds remove <url or name>, or /exits feeds list', false],
  ])('refuses "%s"', (text, error, help) => {
    expect(parseCommandText(text)).toEqual({ ok: false, error, help });
  });
});

describe('pager values', () => {
  it('round-trip through the parser with the page', () => {
    expect(parsePagerValue(pagerValue('recent 30 openai', 3))).toEqual({
      ok: true,
      req: { sub: 'recent', days: 30, company: 'openai', page: 3 },
      text: 'recent 30 openai',
    });
  });

  it('keep the kind of /exits recent', () => {
    expect(parsePagerValue(pagerValue('recent 30 fired', 2))).toMatchObject({
      ok: true,
      req: { sub: 'recent', days: 30, kind: 'fired', page: 2 },
    });
  });

  it.each([
    undefined,
    'nope',
    '{"q":"recent","p":0}',
    '{"q":5,"p":1}',
    '{"q":"drop tables","p":2}',
    '{"q":"watch add person x","p":2}',
    '{"q":"sources 3fa9","p":2}',
  ])(
    'refuses %s',
    (value) => {
      expect(parsePagerValue(value).ok).toBe(false);
    },
  );
});

describe('answer messages', () => {
  const many = Array.from({ length: 10 }, (_, i) => event({ key: `e${i}` }));

  it('has title, summary, 10 cards and the pager within 50 blocks', () => {
    const msg = answerMessage(
      {
        ok: true,
        title: 'Changes in the last 7 days',
        events: many,
        page: 2,
        pages: 3,
        total: 25,
        summary: '11–20 of 25',
      },
      'recent',
    );
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(msg.blocks.filter((b) => b.type === 'header')).toHaveLength(11);
    expect(msg.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'exits_page_prev', value: '{"q":"recent","p":1}' },
        { action_id: 'exits_page_next', value: '{"q":"recent","p":3}' },
      ],
    });
    expect(msg.text).toBe('Changes in the last 7 days: 11–20 of 25');
  });

  it('fitBlocks drops whole cards from the end and keeps the pager', () => {
    const body = [{ type: 'header' }, ...Array.from({ length: 15 }, () => cardBlocks(event({ key: 'x' }))).flat()];
    const fitted = fitBlocks(body, [{ type: 'actions' }]);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(fitted.at(-1)).toEqual({ type: 'actions' });
    expect(fitted.at(-2)?.type).toBe('context');
  });

  it('a card without role, destination or URL leaves those out', () => {
    const blocks = cardBlocks(event({ key: 'bare', role: null, url: null, lang: null, evidence: '' }));
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(blockTexts(blocks)).toEqual([
      'Mira Murati leaves OpenAI',
      '*Person*\nMira Murati',
      '*Organisation*\nOpenAI',
      '*Change*\ndeparture',
      '*Date*\n2024-09-25',
      'TechCrunch AI · OpenAI CTO Mira Murati is leaving',
      'id `bare`',
    ]);
  });

  it('shows "Reported by N sources" when more than one outlet reported it', () => {
    const e = event({ key: 'many' });
    const texts = blockTexts(cardBlocks({ ...e, reports: [reportOf(e), { ...reportOf(e), itemId: 'b' }] }));
    expect(texts).toContain('*Reported by*\n2 sources');
    expect(blockTexts(cardBlocks(e)).some((t) => t.includes('Reported by'))).toBe(false);
  });
});

describe('text answers', () => {
  it('escape every line and keep only http(s) URLs as links', () => {
    expect(linkedLine('a <!here> & https://x.example/?a=1&b=<2> javascript:alert(1)', 1000)).toBe(
      'a &lt;!here&gt; &amp; <https://x.example/?a=1&amp;b=%3C2%3E> javascript:alert(1)',
    );
    expect(linkedLine(`${'x'.repeat(50)} https://x.example/${'y'.repeat(100)}`, 60)).not.toContain('<');
  });

  it('split long answers into sections within Block Kit limits and say what was left out', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i} ${'x'.repeat(400)}`);
    const msg = textMessage({ ok: true, title: 'Mira Murati, departure: reported by 400 sources', lines });
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    expect(msg.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Mira Murati, departure: reported by 400 sources' },
    });
    const texts = blockTexts(msg.blocks.slice(1));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(3000);
    const shown = texts.slice(0, -1).join('\n').split('\n').length;
    expect(texts.at(-1)).toBe(`… and ${400 - shown} more`);
    expect(msg.text).toBe('Mira Murati, departure: reported by 400 sources');
  });
});
