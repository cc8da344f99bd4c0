import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { worldGivenNames } from '../../src/app/givennames.ts';
import { addGivenNames, FIRST_NAMES } from '../../src/detect/firstnames.ts';
import { news, pairs } from './helpers.ts';

describe('the world’s given names (faker’s locale data, loaded at start-up)', () => {
  it('finds a person far from the change word when the given name is of another culture', () => {
    // The relative clause puts the name out of the change word's reach: only its given name marks it a person.
    expect(
      pairs(news('Oluwaseun Adeyemi, who ran the payments unit at Harbex for a decade, is leaving to join Anthropic.', 'en')),
    ).toEqual(['Oluwaseun Adeyemi/joined']);
    expect(pairs(news('Mehmet Yılmaz, der seit 2019 die Sparte bei Harbex leitete, wechselt zu Anthropic.', 'de'))).toEqual([
      'Mehmet Yılmaz/joined',
    ]);
  });

  it('takes no function word, company word or nationality as a given name', () => {
    expect(addGivenNames(['Will', 'May', 'Labs', 'Britannique', 'Oluwaseun'])).toBe(0);
    expect(FIRST_NAMES.has('may')).toBe(false);
    expect(FIRST_NAMES.has('labs')).toBe(false);
    expect(FIRST_NAMES.has('oluwaseun')).toBe(true);
    expect(news('Will Harbex ever find a new boss? Investors are leaving the stock.', 'en')).toEqual([]);
  });

  it('keeps the list in a cache keyed by faker’s version, and reads back the same list', async () => {
    const first = await worldGivenNames();
    const dir = 'node_modules/.cache/exits';
    expect(existsSync(dir) && readdirSync(dir).some((f) => /^given-names-\d+\.\d+\.\d+\.json$/.test(f))).toBe(true);
    const again = await worldGivenNames();
    expect(again).toEqual(first);
    expect(first.length).toBeGreaterThan(5000);
    expect(first).toContain('Mehmet');
  });
});
