import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

const people = (title: string, lang: string) => news(title, lang).map((e) => e.person);

// Every (person, kind of change) the detector returns becomes its own card: one move must not come out
// as two changes. Sentences written for these tests, not taken from the corpus.
describe('one move, one change', () => {
  it('a hire is a move to the new company, not also an appointment there', () => {
    expect(pairs(news('Amazon hires Demis Hassabis to lead a new AI lab', 'en'))).toEqual(['Demis Hassabis/joined']);
    expect(pairs(news('Mira Murati wechselt zu Google und übernimmt dort die Leitung der KI-Forschung', 'de'))).toEqual([
      'Mira Murati/joined',
    ]);
  });

  it('a comma after the object of one change starts the next clause, not a list of two people', () => {
    expect(pairs(news('When the board fired Sam Altman, Mira Murati was named interim CEO.', 'en'))).toEqual([
      'Mira Murati/appointed',
      'Sam Altman/fired',
    ]);
    const italian = 'Quando il consiglio ha licenziato Sam Altman, Mira Murati è stata nominata amministratrice delegata ad interim.';
    expect(pairs(news(italian, 'it'))).toEqual(['Mira Murati/appointed', 'Sam Altman/fired']);
    // A real list still is one: with "and", or going straight into the verb.
    expect(pairs(news('OpenAI fires Sam Altman, Greg Brockman and Ilya Sutskever', 'en'))).toEqual([
      'Greg Brockman/fired',
      'Ilya Sutskever/fired',
      'Sam Altman/fired',
    ]);
    expect(pairs(news('Sam Altman, Greg Brockman leave OpenAI', 'en'))).toEqual(['Greg Brockman/departure', 'Sam Altman/departure']);
  });

  it('a return named in one sentence is the return, not also an appointment', () => {
    expect(pairs(news('Greg Brockman rejoins OpenAI as president as two new directors are named', 'en'))).toEqual([
      'Greg Brockman/reinstated',
    ]);
    expect(pairs(news('Greg Brockman torna in OpenAI e viene nominato presidente', 'it'))).toEqual(['Greg Brockman/reinstated']);
    expect(pairs(news('布罗克曼将重返OpenAI担任总裁', 'zh'))).toEqual(['Greg Brockman/reinstated']);
  });

  it('a return to a company the watchlist has the person away from that year is a move there', () => {
    const back = (title: string, published: string) =>
      news(title, 'en', { published }).map((e) => `${e.person}/${e.type}/${e.org}/${e.destination}`);
    expect(back('Noam Shazeer returns to Google in a licensing deal', '2024-08-02')).toEqual([
      'Noam Shazeer/joined/Character.AI/Google',
    ]);
    expect(back('Sam Altman returns to OpenAI as chief executive', '2023-11-22')).toEqual(['Sam Altman/reinstated/OpenAI/null']);
  });

  it('an appointment and a return in different sentences stay two changes', () => {
    const text =
      'Mira Murati was named interim chief executive of OpenAI when the board removed Sam Altman. ' +
      'Days later she returned to OpenAI as chief technology officer.';
    expect(pairs(news(text, 'en')).filter((p) => p.startsWith('Mira Murati'))).toEqual([
      'Mira Murati/appointed',
      'Mira Murati/reinstated',
    ]);
  });

  it('"co-founder" before a name is a role, not a founding (Japanese, Korean)', () => {
    expect(pairs(news('共同創業者のイリヤ・サツケバー氏が退社した', 'ja'))).toEqual(['Ilya Sutskever/departure']);
    expect(pairs(news('오픈AI 공동창업자 일리야 수츠케버가 퇴사를 발표했다.', 'ko'))).toEqual(['Ilya Sutskever/departure']);
  });

  it('a person named after "after" dates the change, and is not the one who changed', () => {
    const cases: [string, string][] = [
      ['en', 'Jan Leike leaves OpenAI. The superalignment lead resigned days after Ilya Sutskever.'],
      ['fr', 'Jan Leike quitte OpenAI. Le responsable du superalignement a démissionné quelques jours après Ilya Sutskever.'],
      ['it', 'Jan Leike lascia OpenAI. Il responsabile del superallineamento si è dimesso pochi giorni dopo Ilya Sutskever.'],
    ];
    for (const [lang, text] of cases) expect(pairs(news(text, lang))).toEqual(['Jan Leike/departure']);
  });
});

describe('background in a relative clause', () => {
  it('German and Dutch: the auxiliary after the verb marks an older change', () => {
    expect(pairs(news('Anna Keller und Jonas Weber, die Tesla im Frühjahr verlassen hatten, gründen ein eigenes Unternehmen.', 'de'))).toEqual([
      'Anna Keller/founded',
      'Jonas Weber/founded',
    ]);
    expect(pairs(news('Anna Keller, die Tesla vorig jaar verlaten had, begint een eigen bedrijf.', 'nl'))).toEqual(['Anna Keller/founded']);
    // In the present it is news: leaving and founding are two changes.
    expect(pairs(news('Anna Keller, die Tesla verlässt, gründet ein eigenes Unternehmen.', 'de'))).toEqual([
      'Anna Keller/departure',
      'Anna Keller/founded',
    ]);
  });
});

// A card about the wrong person is worse than no card. Sentences written for these tests.
describe('the right person', () => {
  it('a watchlist surname after another given name is someone else', () => {
    expect(people('YouTube names Neal Mohan chief executive', 'en')).toEqual(['Neal Mohan']);
    expect(people('Anthropic hires David Sutskever as head of sales', 'en')).toEqual(['David Sutskever']);
    // The surname alone, or after the person's own given name, is still the watchlist person.
    expect(people('Sutskever leaves OpenAI', 'en')).toEqual(['Ilya Sutskever']);
    expect(people('Windsurf chief Varun Mohan leaves for Google DeepMind', 'en')).toEqual(['Varun Mohan']);
  });

  it('a role word before a name is not part of it', () => {
    expect(people('Co-founder Priya Raman leaves Nimbus AI', 'en')).toEqual(['Priya Raman']);
    expect(people('Nordlicht Robotics: Finanzvorständin Anna Keller tritt zurück', 'de')).toEqual(['Anna Keller']);
    // 暫定 is "interim", not a name.
    expect(people('オープンAIのムラティCTOが暫定CEOに就任', 'ja')).toEqual(['Mira Murati']);
  });
});
