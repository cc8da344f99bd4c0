import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/index.ts';
import { guessLanguage } from '../../src/detect/langid.ts';
import { loadFixture, news, pairs, wl } from './helpers.ts';

interface DevItem {
  id: string;
  lang: string;
  title: string;
  summary: string;
  kind: 'news' | 'x_post';
  author?: string;
  label: { is_change: boolean };
}

describe('language of the text, not of the channel', () => {
  it.each([
    ['google deepmind se lleva al consejero delegado de windsurf tras el acuerdo con la empresa', 'es'],
    ['tesla, lascia milan kovac, il capo del robot umanoide optimus dopo nove anni', 'it'],
    ['intel-chef pat gelsinger tritt zuruck, der vorstand sucht einen nachfolger fur den konzern', 'de'],
    ['bob mcgrew e barret zoph tambem deixam a openai; mark chen assume a pesquisa da empresa', 'pt'],
    ['stability ai : emad mostaque demissionne de son poste de pdg et quitte le conseil', 'fr'],
    ['the chief scientist of the lab has left the company after a decade', 'en'],
    ['ceo openai telah mundur dari jabatannya dan akan bergabung dengan perusahaan lain', 'id'],
  ])('guesses "%s" as %s', (text, lang) => {
    expect(guessLanguage(text)).toBe(lang);
  });

  it('says nothing about a text too short to tell', () => {
    expect(guessLanguage('openai ceo')).toBeNull();
  });

  it('reads Cyrillic as Russian only when it is the text, not a language menu scraped with it', () => {
    expect(guessLanguage('генеральный директор компании покинул свой пост после десяти лет работы')).toBe('ru');
    const article = "nouvelles 한어ру avec la demission du cto et le depart de trois cadres superieurs, openai est-il a la veille d'un enorme changement ?";
    expect(guessLanguage(article)).toBe('fr');
  });

  it('finds a change in an Italian item that its feed declares English', () => {
    expect(pairs(news('Tesla, lascia Milan Kovac, il capo del robot umanoide Optimus', 'en'))).toEqual([
      'Milan Kovac/departure',
    ]);
  });

  it("reports the language its text is in, and the declared one only when the text can't tell", () => {
    const [italian] = news('Tesla, lascia Milan Kovac, il capo del robot umanoide Optimus dopo nove anni', 'en');
    expect(italian?.lang).toBe('it');
    const [chinese] = news('OpenAI联合创始人苏茨克维宣布离职', 'en');
    expect(chinese?.lang).toBe('zh');
    const [short] = news('Murati quitte OpenAI', 'fr');
    expect(short?.lang).toBe('fr');
  });

  it('gives the same answer on every dev item whatever language the feed declares', () => {
    const items = loadFixture<DevItem>('dev.jsonl');
    const differing = items
      .filter((it) => {
        const base = { title: it.title, summary: it.summary, kind: it.kind, author: it.author ?? null };
        const declared = detect({ ...base, lang: it.lang }, wl).length > 0;
        return (
          detect({ ...base, lang: 'en' }, wl).length > 0 !== declared ||
          detect({ ...base, lang: null }, wl).length > 0 !== declared
        );
      })
      .map((it) => it.id);
    expect(differing).toEqual([]);
  });
});
