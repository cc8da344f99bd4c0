import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/index.ts';
import { loadFixture, pairs, wl } from './helpers.ts';

interface Seed {
  id: string;
  lang: string;
  kind: 'news';
  title: string;
  summary: string;
  body: string;
  label: { events: { person: string; type: string }[] };
}

const seeds = loadFixture<Seed>('seeds.jsonl');
const run = (s: Seed) => detect({ title: s.title, summary: s.summary, body: s.body, lang: s.lang, kind: s.kind }, wl);
const byId = new Map(seeds.map((s) => [s.id, s]));
const get = (id: string): Seed => byId.get(id) as Seed;

describe('the five seed documents', () => {
  it('loads all five seeds', () => {
    expect(seeds.map((s) => s.id)).toEqual(['s000', 's001', 's002', 's003', 's004']);
  });

  for (const s of seeds) {
    it(`${s.id} is a change and every event has evidence from the text`, () => {
      const events = run(s);
      expect(events.length).toBeGreaterThan(0);
      const text = `${s.title}\n${s.summary}\n${s.body}`;
      for (const e of events) {
        expect(e.evidence.length).toBeGreaterThan(0);
        expect(e.evidence.length).toBeLessThanOrEqual(300);
        expect(text).toContain(e.evidence);
        expect(e.confidence).toBeGreaterThan(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
      }
    });
  }

  it('s000 finds Conneau leaving and founding, and Sutskever and Leike', () => {
    const p = pairs(run(get('s000')));
    expect(p).toContain('Alexis Conneau/departure');
    expect(p).toContain('Alexis Conneau/founded');
    expect(p).toContain('Ilya Sutskever/departure');
    expect(p).toContain('Jan Leike/departure');
  });

  it('s001 finds Schulman to Anthropic, Brockman on leave, Altman fired and back', () => {
    const events = run(get('s001'));
    const schulman = events.find((e) => e.person === 'John Schulman' && e.type === 'joined');
    expect(schulman?.destination).toBe('Anthropic');
    expect(schulman?.org).toBe('OpenAI');
    const p = pairs(events);
    for (const want of ['Greg Brockman/leave', 'Sam Altman/fired', 'Sam Altman/reinstated', 'Peter Deng/departure']) {
      expect(p).toContain(want);
    }
  });

  it('s002 finds Altman and Brockman joining Microsoft and Murati as interim CEO', () => {
    const events = run(get('s002'));
    const p = pairs(events);
    expect(p).toContain('Mira Murati/appointed');
    expect(p).toContain('Sam Altman/fired');
    expect(p).toContain('Emmett Shear/appointed');
    for (const who of ['Sam Altman', 'Greg Brockman']) {
      expect(events.find((e) => e.person === who && e.type === 'joined')?.destination).toBe('Microsoft');
    }
  });

  it('s003 finds Schulman, Brockman, Altman and the founders', () => {
    const p = pairs(run(get('s003')));
    for (const want of [
      'John Schulman/joined',
      'Greg Brockman/leave',
      'Greg Brockman/joined',
      'Greg Brockman/reinstated',
      'Sam Altman/fired',
      'Sam Altman/joined',
      'Sam Altman/reinstated',
      'Ilya Sutskever/founded',
      'Andrej Karpathy/founded',
      'Jan Leike/joined',
    ]) {
      expect(p).toContain(want);
    }
  });

  it('s004 (lowercase, misspelled names) finds Murati, Brockman, Schulman and Altman', () => {
    const p = pairs(run(get('s004')));
    for (const want of [
      'Mira Murati/departure',
      'Mira Murati/appointed',
      'Mira Murati/reinstated',
      'Greg Brockman/leave',
      'John Schulman/joined',
      'Sam Altman/fired',
      'Sam Altman/reinstated',
      'Bob McGrew/departure',
      'Barret Zoph/departure',
      'Andrej Karpathy/founded',
    ]) {
      expect(p).toContain(want);
    }
  });

  it('finds at least 90% of all labelled (person, type) pairs, and most of each seed', () => {
    let found = 0;
    let total = 0;
    for (const s of seeds) {
      const p = new Set(pairs(run(s)));
      const want = s.label.events.map((e) => `${e.person}/${e.type}`);
      const hit = want.filter((w) => p.has(w)).length;
      expect(hit / want.length, s.id).toBeGreaterThanOrEqual(0.6);
      found += hit;
      total += want.length;
    }
    expect(found / total).toBeGreaterThanOrEqual(0.9);
  });
});
