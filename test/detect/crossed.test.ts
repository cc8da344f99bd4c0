import { describe, expect, it } from 'vitest';
import { news } from './helpers.ts';

const facts = (title: string, lang = 'en', summary = title) =>
  news(title, lang, { summary, published: '2025-09-01' }).map((e) => [e.person, e.type, e.org, e.destination]);

describe('each change keeps its own organisation across clauses (issue 15, crossed facts)', () => {
  it('"X resigns after three months, joins OpenAI" is no leaving of OpenAI', () => {
    const e = facts('xAI CFO Mike Liberatore resigns after three months, joins OpenAI');
    expect(e).toEqual([['Mike Liberatore', 'joined', 'xAI', 'OpenAI']]);
  });
  it('an organisation the watchlist and the apposition give is kept when another clause names another one', () => {
    const e = facts('Apple AI chief John Giannandrea steps down; Amar Subramanya joins from Microsoft');
    expect(e).toContainEqual(['John Giannandrea', 'departure', 'Apple', null]);
    expect(e.some(([p, , o]) => p === 'John Giannandrea' && o === 'Microsoft')).toBe(false);
  });
  it('an unknown company in apposition before the role is where the person worked, not the next clause\'s', () => {
    const e = facts('Vorlex CFO Dana Whitcombe quits after two years, joins Quorra Inc');
    expect(e).toEqual([['Dana Whitcombe', 'joined', 'Vorlex', 'Quorra Inc']]);
  });
  it('"X, chief operating officer of Y, quits and joins Z": Y is where X leaves, never Z', () => {
    const e = facts('Harlan Dredge, chief operating officer of Ostrova Bank, quits after a decade and joins Nordvik Capital');
    expect(e.find(([p]) => p === 'Harlan Dredge')?.[2]).toBe('Ostrova Bank');
    expect(e.some(([, , o]) => o === 'Nordvik Capital')).toBe(false);
  });
  it('French and Spanish: an organisation after a later cue is no organisation left', () => {
    const fr = facts('Le directeur financier de Vorlex Group, Dana Whitcombe, démissionne après deux ans et rejoint Apple', 'fr');
    expect(fr).toEqual([['Dana Whitcombe', 'joined', 'Vorlex Group', 'Apple']]);
    const es = facts('Dana Whitcombe, director financiero de Vorlex Group, dimite tras dos años y se une a Apple', 'es');
    expect(es.some(([, t, o]) => t === 'departure' && o === 'Apple')).toBe(false);
    expect(es.find(([p]) => p === 'Dana Whitcombe')?.[2]).toBe('Vorlex Group');
  });
});

describe('an organisation the watchlist does not know, as the object of an ambiguous verb', () => {
  it('"Il ceo X lascia Velora": a leaving, from Velora, when the sentence is about a role', () => {
    expect(facts('Il ceo Anton Keller lascia Velora dopo dieci anni', 'it')).toEqual([['Anton Keller', 'departure', 'Velora', null]]);
  });
  it('a city is no company, and without a role the verb stays ambiguous', () => {
    expect(facts('CEO Anton Keller leaves Tokyo for a week of meetings')).toEqual([]);
    expect(facts('Anton Keller leaves Velora')).toEqual([]);
  });
});
