import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

describe('successors and changes told without the usual verbs (issue 15)', () => {
  it('de: "X tritt zurück; Y folgt" gives both; a bare "folgt" about no one gives nothing', () => {
    expect(pairs(news('Velora-Chef Anton Keller tritt zurück; Lukas Brandt folgt', 'de'))).toEqual([
      'Anton Keller/departure',
      'Lukas Brandt/appointed',
    ]);
    expect(pairs(news('Die Liste der Teilnehmer folgt.', 'de'))).toEqual([]);
  });
  it('de: a subject after the verb ("verlässt der Österreicher X den Autobauer") still has its object', () => {
    expect(pairs(news('Nach drei Jahren verlässt der Österreicher Anton Keller den Autobauer Velora', 'de'))).toEqual([
      'Anton Keller/departure',
    ]);
  });
  it('it: "indicando in Y il suo successore" names who takes over', () => {
    expect(
      pairs(news('Velora ha annunciato che Anton Keller lascerà la carica, indicando in Marco Bellini il suo successore', 'it')),
    ).toEqual(['Anton Keller/departure', 'Marco Bellini/appointed']);
  });
  it('fr "lâche ses fonctions", es "abandonará la presidencia", en "announces her new company"', () => {
    expect(pairs(news('Anton Keller lâche ses fonctions de directeur général de Velora', 'fr'))).toEqual([
      'Anton Keller/departure',
    ]);
    expect(pairs(news('Anton Keller abandonará la presidencia de Velora en junio', 'es'))).toEqual([
      'Anton Keller/departure',
    ]);
    const f = news('Anton Keller announces her new company, Brightpath Labs', 'en');
    expect(f.map((e) => [e.person, e.type, e.destination])).toEqual([['Anton Keller', 'founded', 'Brightpath Labs']]);
  });
});

describe('a headline that names a role instead of a person (issue 15)', () => {
  it('en "Velora CEO out as ...": the one person the item names is the one who goes', () => {
    const e = news('Velora CEO out as sales slump', 'en', {
      summary: 'Sales fell for a third quarter. Anton Keller ran the group for six years.',
    });
    expect(e.map((x) => [x.person, x.type])).toEqual([['Anton Keller', 'departure']]);
    expect(pairs(news('Way out of the crisis for Velora', 'en'))).toEqual([]);
  });
  it('de "Der Chef von Velora muss gehen": made to go, the person named later in the item', () => {
    const e = news('Der Chef von Velora muss überraschend gehen', 'de', {
      summary: 'Er ist an der Strategie gescheitert. Vor zwei Wochen war Anton Keller noch im Fernsehen zu sehen.',
    });
    expect(pairs(e)).toEqual(['Anton Keller/fired']);
  });
  it('a role in the headline and two people in the item: nobody is guessed', () => {
    const e = news('Der Chef von Velora muss überraschend gehen', 'de', {
      summary: 'Er ist gescheitert. Anton Keller und Maria Lopez sprachen vor zwei Wochen im Fernsehen.',
    });
    expect(pairs(e)).toEqual([]);
  });
});

describe('handovers: the one who hands over leaves, the one after "to" takes over', () => {
  it.each([
    ['en', 'Anton Keller hands over the reins to Maria Lopez at Velora'],
    ['de', 'Anton Keller übergibt den Staffelstab an Maria Lopez'],
    ['es', 'Anton Keller cede el testigo a Maria Lopez en Velora'],
    ['fr', 'Anton Keller passe la main à Maria Lopez chez Velora'],
    ['nl', 'Anton Keller draagt het stokje over aan Maria Lopez'],
    ['pt', 'Anton Keller passa o bastão para Maria Lopez na Velora'],
  ])('%s: %s', (lang, title) => {
    expect(pairs(news(title, lang))).toEqual(['Anton Keller/departure', 'Maria Lopez/appointed']);
  });
  it('it: "fa un passo indietro" is a leaving', () => {
    expect(pairs(news('Anton Keller fa un passo indietro alla guida di Velora', 'it'))).toEqual(['Anton Keller/departure']);
  });
});

describe('successors named after a role phrase, a profession, a modal verb', () => {
  it('pt: "Engenheira X, que foi …, deverá assumir a presidência": X, without the profession, is appointed', () => {
    const e = news('Engenheira Ana Souza, que foi diretora da agência reguladora, deverá assumir a presidência da Velora', 'pt');
    expect(e.map((x) => [x.person, x.type])).toEqual([['Ana Souza', 'appointed']]);
    expect(e[0]?.org ?? '').not.toContain('Souza');
  });
  it('it: "sarà l\'attuale vicepresidente della pianificazione finanziaria, X"', () => {
    const e = news('A succedergli sarà l\'attuale vicepresidente della pianificazione finanziaria, Tancredi Bellosguardo. Il gruppo ha chiuso bene il trimestre.', 'it');
    expect(pairs(e)).toEqual(['Tancredi Bellosguardo/appointed']);
  });
});

describe('Korean names before a title with its case particle', () => {
  it('"박영희 사장을 신임 대표로 선임": the name ends before the title', () => {
    expect(pairs(news('벨로라, 박영희 사장을 신임 대표로 선임', 'ko'))).toEqual(['박영희/appointed']);
  });
});
