import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/core/types.ts';
import { buildCard, cleanText } from '../../src/notify/card.ts';
import { alertJson, renderConsoleCard } from '../../src/notify/console/console.ts';
import { embedLength, eventEmbed, LIMITS } from '../../src/notify/discord/embed.ts';
import { cardBlocks } from '../../src/notify/slack/blocks.ts';

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

describe('a name in its own script', () => {
  const zhang: EventRecord = { ...murati, person: '張一鳴', latin: 'Zhang Yiming', org: 'ByteDance', role: null, lang: 'zh' };

  it('is shown with its Latin form on every card', () => {
    const card = buildCard(zhang);
    expect(card.headline).toBe('張一鳴 (Zhang Yiming) leaves ByteDance');
    expect(card.fields.find((f) => f.name === 'Person')?.value).toBe('張一鳴 (Zhang Yiming)');
    expect(renderConsoleCard(card)).toContain('■ 張一鳴 (Zhang Yiming) leaves ByteDance');
    // Discord escapes markdown (brackets too); the reader sees the text as it is.
    const shown = (s: string | undefined) => s?.replace(/\\(.)/g, '$1');
    const embed = eventEmbed(zhang);
    expect(shown(embed.title)).toBe('張一鳴 (Zhang Yiming) leaves ByteDance');
    expect(shown(embed.fields?.find((f) => f.name === 'Person')?.value)).toBe('張一鳴 (Zhang Yiming)');
    const blocks = JSON.stringify(cardBlocks(zhang));
    expect(blocks).toContain('張一鳴 (Zhang Yiming) leaves ByteDance');
    expect(JSON.parse(alertJson(zhang))).toMatchObject({ person: '張一鳴', latin: 'Zhang Yiming' });
  });

  it('alone when the record has no Latin form (saved before it had one)', () => {
    const old = { ...zhang, latin: undefined };
    expect(buildCard(old).headline).toBe('張一鳴 leaves ByteDance');
    expect(JSON.parse(alertJson(old))).not.toHaveProperty('latin');
  });

  it('keeps within the platforms\' limits however long both forms are', () => {
    const long = { ...zhang, person: '張'.repeat(300), latin: 'Zhang'.repeat(100) };
    const embed = eventEmbed(long);
    expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.title);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.total);
    const header = cardBlocks(long)[0] as unknown as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
  });
});
