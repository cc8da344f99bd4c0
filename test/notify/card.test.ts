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
        '  Language      fr',
        "  “Mira Murati, directrice technique d'OpenAI, quitte l'entreprise”",
        '  Fil numérique · https://example.org/a',
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
    });
  });
});
