import { describe, expect, it } from 'vitest';
import { jaroWinkler } from '../../src/detect/fuzzy.ts';
import { news, pairs, post } from './helpers.ts';

describe('fuzzy watchlist names', () => {
  it('jaro-winkler basics', () => {
    expect(jaroWinkler('martha', 'martha')).toBe(1);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('resolves the seed misspellings (watchlist aliases) in lowercase copy', () => {
    for (const [text, lang, who] of [
      ['mira mulati lascia openai', 'it', 'Mira Murati'],
      ['meera murati quitte openai', 'fr', 'Mira Murati'],
      ['ilya sutskvo quitte openai', 'fr', 'Ilya Sutskever'],
      ['barrett zoff lascia openai', 'it', 'Barret Zoph'],
      ['andre karpas verlässt openai', 'de', 'Andrej Karpathy'],
      ['jhon schulman deixa a openai', 'pt', 'John Schulman'],
    ] as const) {
      expect(pairs(news(text, lang)), text).toEqual([`${who}/departure`]);
    }
  });

  it('resolves misspellings that are not aliases (trigram + Jaro-Winkler)', () => {
    expect(pairs(news('Ilya Sutskevar leaves OpenAI', 'en'))).toEqual(['Ilya Sutskever/departure']);
    expect(pairs(news('Andrej Karpathi leaves OpenAI', 'en'))).toEqual(['Andrej Karpathy/departure']);
    expect(pairs(news('jhon shulman sai da openai', 'pt'))).toEqual(['John Schulman/departure']);
    expect(pairs(news('Mira Muratti resigns from OpenAI', 'en'))).toEqual(['Mira Murati/departure']);
  });

  it('never confuses two different watchlist people', () => {
    // Same first name, different surnames.
    const both = news('Daniel Gross and Daniel Levy leave Safe Superintelligence', 'en');
    expect(pairs(both)).toEqual(['Daniel Gross/departure', 'Daniel Levy/departure']);
    // Close to "Peter Deng" but a different person: keep the name as written.
    expect(pairs(news('Covariant co-founder Peter Chen leaves Amazon', 'en'))).toEqual(['Peter Chen/departure']);
    // "Mark Chen" is ambiguous: without an OpenAI context it stays an unknown name, never the watchlist entry.
    expect(news('Mark Chen resigns from Acme Robotics', 'en').map((e) => e.person)).toEqual(['Mark Chen']);
    expect(news('Jeff Wang steps down as Windsurf CEO', 'en').map((e) => e.person)).toEqual(['Jeff Wang']);
  });

  it('people not on the watchlist keep their name as written', () => {
    const e = news('Helio Systems CFO Dana Whitfield resigned on Monday', 'en');
    expect(e.map((x) => [x.person, x.type, x.org])).toEqual([['Dana Whitfield', 'departure', 'Helio Systems']]);
  });

  it('folds accents and strips zero-width and bidi characters', () => {
    expect(pairs(news('Joëlle Pineau quitte Meta', 'fr'))).toEqual(['Joelle Pineau/departure']);
    // Invisible characters cannot hide a name or a verb.
    expect(pairs(news('Sam Alt\u200bman re\u202esigns from OpenAI', 'en'))).toEqual(['Sam Altman/departure']);
    expect(pairs(news('Sam\u200b Altman resigns from Open\u200dAI', 'en'))).toEqual(['Sam Altman/departure']);
  });
});

describe('first-person posts', () => {
  it('attributes "I\'m leaving" to the watchlist author', () => {
    const e = post("After a lot of thought, I've decided to leave OpenAI.", '@miramurati');
    expect(e.map((x) => [x.person, x.type, x.org])).toEqual([['Mira Murati', 'departure', 'OpenAI']]);
  });

  it('career update with a new company: departure + founded', () => {
    const e = post(
      'Career update: my time at OpenAI has come to an end, and I am starting a new company.',
      '@alex_conneau',
    );
    expect(pairs(e)).toEqual(['Alexis Conneau/departure', 'Alexis Conneau/founded']);
  });

  it('French "Je quitte" by an author who is not on the watchlist', () => {
    const e = post(
      'Je quitte Lumina Robotique après quatre ans. Je lance ma propre boîte !',
      '@claire_dupont_ai',
      'fr',
    );
    expect(pairs(e)).toEqual(['Claire Dupont/departure', 'Claire Dupont/founded']);
    expect(e.find((x) => x.type === 'departure')?.org).toBe('Lumina Robotique');
  });

  it('a sabbatical is leave, not departure', () => {
    expect(pairs(post("I'm taking a sabbatical through the end of the year.", '@gdb'))).toEqual([
      'Greg Brockman/leave',
    ]);
  });

  it('a colleague announcing other people names them, not the author', () => {
    const e = post('Our chief research officer Bob McGrew is moving on. Grateful for everything.', '@sama');
    expect(pairs(e)).toEqual(['Bob McGrew/departure']);
  });
});
