import { describe, expect, it } from 'vitest';
import { answerMessage, cardBlocks, fitBlocks, pagerValue } from '../../src/notify/slack/blocks.ts';
import { parseCommandText, parsePagerValue } from '../../src/notify/slack/command.ts';
import { escapeMrkdwn, escapeWithin, linkableUrl, mrkdwnLink } from '../../src/notify/slack/mrkdwn.ts';
import { blockTexts, event } from './helpers.ts';

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

  it.each([undefined, 'nope', '{"q":"recent","p":0}', '{"q":5,"p":1}', '{"q":"drop tables","p":2}'])(
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
    ]);
  });
});
