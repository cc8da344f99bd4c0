import { describe, expect, it } from 'vitest';
import { news } from './helpers.ts';

/** Person, type and organisation of each event, for a company the watchlist does not know. */
const orgs = (title: string, lang: string, summary: string): string[] =>
  news(title, lang, { summary }).map((e) => `${e.person}/${e.type}/${e.org ?? '-'}`);

describe('organisations nobody listed are names, not the words around them', () => {
  it('a title word is no company: "its Chief Executive Officer", "Financial director"', () => {
    expect(
      orgs(
        'Harbex chief executive quits',
        'en',
        'Harbex has announced the immediate resignation of its Chief Executive Officer, Paul Remmer. Tanya Wolcott, the company’s Chief Financial Officer, will take over in the interim.',
      ),
    ).toEqual(['Paul Remmer/departure/Harbex', 'Tanya Wolcott/appointed/Harbex']);
    expect(
      orgs(
        'Harbex names an interim chief',
        'en',
        'Paul Remmer resigned after two years, the steel group said on Monday. Financial director Tanya Wolcott will take over in the interim, Harbex said.',
      ),
    ).not.toContain('Tanya Wolcott/appointed/Financial');
  });

  it('a sentence never runs into the next: the headline ends before the summary begins', () => {
    // "tritt zurück" ends the title; "Paukenschlag" (a bombshell) opens the summary and is no company.
    const ev = orgs('Harbex-Chef Paul Remmer tritt zurück', 'de', 'Paukenschlag beim Stahlkonzern: Remmer legt sein Amt nieder.');
    expect(ev).toHaveLength(1);
    expect(ev[0]).not.toContain('Paukenschlag');
    const tr = orgs("Harbex CEO'su Remmer istifa etti", 'tr', "Küresel çelik üreticisi Harbex'in üst yöneticisi (CEO) Paul Remmer istifa etti.");
    expect(tr).toEqual(['Paul Remmer/departure/Harbex']);
  });

  it('an adjective opening a sentence before a role is no company, a company noun before a name is one', () => {
    expect(orgs('Harbex, Tanya Wolcott nuovo ceo', 'it', 'Il cda ha nominato Tanya Wolcott amministratore delegato. Attuale responsabile Europa, assumerà la carica dal 3 marzo.')).toEqual([
      'Tanya Wolcott/appointed/Harbex',
    ]);
    expect(
      orgs('Глава компании Harbex уходит', 'ru', 'Москва. 11 марта. INTERFAX.RU - Исполнительный директор компании Harbex Пауль Реммер покинет свой пост.'),
    ).toEqual(['Пауль Реммер/departure/Harbex']);
  });

  it('a month is no company, in any language', () => {
    const ev = orgs('Сентябрь, Реммер уходит', 'ru', 'Пауль Реммер уходит в отставку.');
    expect(ev).toHaveLength(1);
    expect(ev[0]).not.toContain('Сентябрь');
  });

  it('companies whose names hold a title word or open a sentence stay companies', () => {
    expect(orgs('General Motors CFO Paul Remmer resigns', 'en', 'Paul Remmer resigns as chief financial officer of General Motors.')).toEqual([
      'Paul Remmer/departure/General Motors',
    ]);
    expect(
      orgs('Vexa Technologies names Tanya Wolcott CEO', 'en', 'Vexa Technologies appointed Tanya Wolcott chief executive, the company said.'),
    ).toEqual(['Tanya Wolcott/appointed/Vexa Technologies']);
    expect(orgs('Harbex CEO Paul Remmer resigns', 'en', 'Harbex CEO Paul Remmer resigned on Friday.')).toEqual([
      'Paul Remmer/departure/Harbex',
    ]);
  });
});
