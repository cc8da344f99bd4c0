import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/core/types.ts';
import { buildCard, cleanText } from '../../src/notify/card.ts';
import { alertJson, renderConsoleCard } from '../../src/notify/console/console.ts';

const murati: EventRecord = {
  key: 'k',
  person: 'Mira Murati',
  org: 'OpenAI',
  type: 'departure',
  role: 'CTO',
  destination: null,
  evidence: "Mira Murati, directrice technique d'OpenAI, quitte l'entreprise",
  confidence: 0.9,
  itemId: 'url:example.org/a',
  title: "Mira Murati, directrice technique d'OpenAI, quitte l'entreprise",
  url: 'https://example.org/a',
  source: 'Fil numérique',
  published: '2024-09-26T08:00:00.000Z',
  lang: 'fr',
  detectedAt: '2024-09-26T09:00:00.000Z',
  reports: [],
};

describe('card', () => {
  it('has a headline per kind of change', () => {
    expect(buildCard(murati).headline).toBe('Mira Murati leaves OpenAI');
    expect(buildCard({ ...murati, type: 'joined', destination: 'Anthropic' }).headline).toBe(
      'Mira Murati leaves OpenAI for Anthropic',
    );
    expect(buildCard({ ...murati, type: 'founded', org: null, destination: null }).headline).toBe(
      'Mira Murati founds a company',
    );
    expect(buildCard({ ...murati, type: 'appointed', role: 'interim CEO' }).headline).toBe(
      'Mira Murati is named interim CEO at OpenAI',
    );
  });

  it('renders a readable console card with fields, evidence and link', () => {
    const text = renderConsoleCard(buildCard(murati));
    expect(text).toBe(
      [
        '■ Mira Murati leaves OpenAI',
        '  Person        Mira Murati',
        '  Role          CTO',
        '  Organisation  OpenAI',
        '  Change        departure',
        '  Date          2024-09-26',
        '  Language      French',
        "  “Mira Murati, directrice technique d'OpenAI, quitte l'entreprise”",
        '  Fil numérique · https://example.org/a · id k',
        '',
      ].join('\n'),
    );
  });

  it('strips invisible, bidi and terminal control characters and truncates', () => {
    expect(cleanText('Andrej\u200b Karpathy leaves Open\u200bAI \u202etxet desrever\u202c', 100)).toBe(
      'Andrej Karpathy leaves OpenAI txet desrever',
    );
    expect(cleanText('\u001b[31mred\u001b[0m', 100)).toBe('[31mred[0m');
    expect(cleanText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('counts the sources that reported the change, not the recalls', () => {
    const report = { itemId: 'i', title: 't', url: null, source: 's', published: null, lang: 'en', evidence: 'e', confidence: 0.9 };
    const e = { ...murati, reports: [report, { ...report, itemId: 'j' }, { ...report, itemId: 'k', recall: true }] };
    const card = buildCard(e);
    expect(card.reports).toBe(2);
    expect(card.fields.find((f) => f.name === 'Reported by')?.value).toBe('2 sources');
    expect(buildCard({ ...murati, reports: [report] }).fields.some((f) => f.name === 'Reported by')).toBe(false);
  });

  it('writes the documented JSON line', () => {
    expect(JSON.parse(alertJson(murati))).toEqual({
      person: 'Mira Murati',
      org: 'OpenAI',
      type: 'departure',
      role: 'CTO',
      destination: null,
      title: murati.title,
      url: murati.url,
      source: 'Fil numérique',
      published: murati.published,
      lang: 'fr',
      evidence: murati.evidence,
      id: 'k',
    });
  });
});
