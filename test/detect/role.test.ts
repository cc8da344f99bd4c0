import { describe, expect, it } from 'vitest';
import { sameRole } from '../../scripts/eval.ts';
import type { DetectedEvent } from '../../src/core/types.ts';
import { news } from './helpers.ts';

/** "person/type: role" for each change found in a headline. */
function roles(title: string, lang: string): string[] {
  return news(title, lang).map((e: DetectedEvent) => `${e.person}/${e.type}: ${e.role}`);
}

describe('the role of a change', () => {
  it.each([
    ['OpenAI CTO Mira Murati is leaving the company after six years', 'en', 'Mira Murati/departure: CTO'],
    ["Mira Murati, OpenAI's chief technology officer, resigns", 'en', 'Mira Murati/departure: CTO'],
    ["La directrice technique d'OpenAI, Mira Murati, quitte l'entreprise", 'fr', 'Mira Murati/departure: CTO'],
    ["Il direttore tecnico di OpenAI Mira Murati lascia l'azienda", 'it', 'Mira Murati/departure: CTO'],
    ['El consejero delegado de Windsurf, Varun Mohan, deja la empresa', 'es', 'Varun Mohan/departure: CEO'],
    ['Meta-Chef Mark Zuckerberg tritt zurück', 'de', 'Mark Zuckerberg/departure: CEO'],
    ['ミラ・ムラティCTOが退任を発表', 'ja', 'Mira Murati/departure: CTO'],
    ['OpenAI首席科学家苏茨克维宣布离职', 'zh', 'Ilya Sutskever/departure: chief scientist'],
    ['OpenAI 최고기술책임자 미라 무라티 퇴사', 'ko', 'Mira Murati/departure: CTO'],
  ])('names the title held beside the name: %s', (title, lang, expected) => {
    expect(roles(title, lang)).toEqual([expected]);
  });

  it.each([
    ['Northwind Robotics names Jane Roe interim chief executive', 'en', 'Jane Roe/appointed: interim CEO'],
    ['Paul Martin est nommé PDG par intérim de Lumen Robotique', 'fr', 'Paul Martin/appointed: interim CEO'],
    ['Ana Souza assume como diretora financeira da Nubank', 'pt', 'Ana Souza/appointed: CFO'],
    // The title before the name is the one being left; the one after the change's words is taken.
    ['CFO Dana Whit named chief executive of Helio Systems', 'en', 'Dana Whit/appointed: CEO'],
    ['Chief operating officer Marcus Hale will serve as interim CEO of Lumen Labs', 'en', 'Marcus Hale/appointed: interim CEO'],
    ['Lumen Labs restores founder Priya Raman as CEO', 'en', 'Priya Raman/reinstated: CEO'],
    ['Mike Krieger joins Anthropic as chief product officer', 'en', 'Mike Krieger/joined: chief product officer'],
  ])('gives the title taken in an appointment, a return or a move: %s', (title, lang, expected) => {
    expect(roles(title, lang)).toEqual([expected]);
  });

  it('keeps titles joined by "and", and the object of a title as written', () => {
    expect(roles('OpenAI co-founder and president Greg Brockman takes a leave of absence', 'en')).toEqual([
      'Greg Brockman/leave: co-founder and president',
    ]);
    expect(roles("Apple's vice president of AI Research, Jane Doe, leaves the company", 'en')).toEqual([
      'Jane Doe/departure: VP of AI Research',
    ]);
  });

  it('does not give a title that belongs to someone else in the sentence', () => {
    expect(roles('OpenAI CEO Sam Altman said Mira Murati is leaving', 'en')).toEqual(['Mira Murati/departure: null']);
    // "-Chef" after a word that is not a company is a department head, not the chief executive.
    expect(roles('Batterie-Chef Drew Baglino verlässt Tesla', 'de')).toEqual(['Drew Baglino/departure: null']);
  });
});

describe('scoring roles against free-text labels', () => {
  it('agrees on the same title however it is written, and not on another', () => {
    expect(sameRole('interim co-CEO', 'interim CEO')).toBe(true);
    expect(sameRole('chief technology officer', 'CTO')).toBe(true);
    expect(sameRole('VP of AI research', 'VP')).toBe(true);
    expect(sameRole('president', 'co-founder and president')).toBe(true);
    expect(sameRole('CTO', 'CEO')).toBe(false);
    expect(sameRole('chief scientist', 'co-founder')).toBe(false);
  });
});
