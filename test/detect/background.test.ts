import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

describe('background is not news (issue 15)', () => {
  it('the leaving of someone the item calls former is background, in en, de, fr and ko', () => {
    expect(pairs(news('Ex Velora CEO Anton Keller says the decision to step down was hard', 'en'))).toEqual([]);
    expect(pairs(news('Der frühere Velora-Chef Anton Keller sagt, sein Rücktritt sei schwer gewesen', 'de'))).toEqual([]);
    expect(
      pairs(news("L'ancien patron de Velora, Anton Keller, raconte sa démission dans un livre", 'fr')),
    ).toEqual([]);
    const ko = pairs(news('벨로라, 새 대표 선임…회사를 떠난 김철수 전 대표의 후임', 'ko'));
    expect(ko).not.toContain('김철수/departure');
  });
  it('a former role does not stop other news about the person, nor a word that only contains 전', () => {
    const e = news('Former Velora CEO Anton Keller joins Brightpath Labs', 'en');
    expect(e.map((x) => [x.person, x.type, x.destination])).toEqual([['Anton Keller', 'joined', 'Brightpath Labs']]);
    expect(pairs(news('삼성전자 김철수 대표이사 사임', 'ko'))).toEqual(['김철수/departure']);
  });
});

describe('"is succeeded by" names both parties', () => {
  it('en: the subject leaves, the one after "by" takes over', () => {
    expect(pairs(news('Anton Keller is succeeded by Maria Lopez as Velora CEO', 'en'))).toEqual([
      'Anton Keller/departure',
      'Maria Lopez/appointed',
    ]);
    expect(
      pairs(news('Anton Keller steps down', 'en', { summary: 'He is succeeded by Velora President Maria Lopez.' })),
    ).toEqual(['Anton Keller/departure', 'Maria Lopez/appointed']);
  });
});
