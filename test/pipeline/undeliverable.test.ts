import { describe, expect, it } from 'vitest';
import { CardRefused } from '../../src/core/errors.ts';
import type { Notifier } from '../../src/core/ports.ts';
import { outboxCommand } from '../../src/app/outbox.ts';
import { MAX_REFUSALS } from '../../src/pipeline/cycle.ts';
import { recordingNotifier } from '../fakes/recording.ts';
import { item, NOW, setup } from './scene.ts';

/** A platform that refuses the cards of one person for good, as Discord does a body with a bad url. */
function refusing(person: string): Notifier & { tries: number } {
  const inner = recordingNotifier('picky');
  const n = {
    name: 'picky',
    tries: 0,
    async send(e: Parameters<Notifier['send']>[0], channels: string[]) {
      if (e.person !== person) return inner.notifier.send(e, channels);
      n.tries++;
      throw new CardRefused('Discord refused the card', '50035 Invalid Form Body (embeds[0].url)');
    },
  };
  return n;
}

function capture() {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  return { lines, restore: () => void (process.stdout.write = write) };
}

describe('a card refused for good', () => {
  it('is tried a bounded number of times, then set aside with its reason, reported once, never blocking others', async () => {
    const picky = refusing('Mira Murati');
    const told: string[] = [];
    const { deps, pipeline, items, store, lines } = setup(
      { postOnFirstSight: true, admin: async (text) => void told.push(text) },
      [{ platform: 'picky', channel: 'c1' }],
    );
    deps.notifiers.splice(0, deps.notifiers.length, picky);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI'), item('2', 'Sam Altman leaves OpenAI')]);
    const reports = [];
    for (let i = 0; i < MAX_REFUSALS + 3; i++) reports.push(await pipeline.runCycle());
    // The other card went out at once; the refused one was tried MAX_REFUSALS times, then no more.
    expect(reports[0]?.alerts.map((e) => e.person)).toEqual(['Sam Altman']);
    expect(picky.tries).toBe(MAX_REFUSALS);
    expect(await store.outboxList()).toEqual([]);
    const aside = await store.setAsideList();
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ tries: MAX_REFUSALS, at: NOW.toISOString(), title: 'Mira Murati leaves OpenAI' });
    expect(aside[0]?.reason).toBe('picky: 50035 Invalid Form Body (embeds[0].url)');
    expect(reports.map((r) => r.setAside.length)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('50035 Invalid Form Body');
    expect(lines.filter((l) => l.level === 'error' && l.msg?.includes('set aside'))).toHaveLength(1);
  });

  it('keeps temporary failures in the outbox as before, however many cycles', async () => {
    const flaky = recordingNotifier('flaky', () => true);
    const { deps, pipeline, items, store } = setup({ postOnFirstSight: true }, [{ platform: 'flaky', channel: 'x' }]);
    deps.notifiers.splice(0, deps.notifiers.length, flaky.notifier);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    for (let i = 0; i < MAX_REFUSALS + 2; i++) await pipeline.runCycle();
    expect(await store.outboxList()).toHaveLength(1);
    expect(await store.setAsideList()).toEqual([]);
  });

  it('can be listed, retried and dropped (exits outbox)', async () => {
    const picky = refusing('Mira Murati');
    const { deps, pipeline, items, store } = setup({ postOnFirstSight: true }, [{ platform: 'picky', channel: 'c1' }]);
    deps.notifiers.splice(0, deps.notifiers.length, picky);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    for (let i = 0; i < MAX_REFUSALS; i++) await pipeline.runCycle();
    const [entry] = await store.setAsideList();
    const key = entry?.key as string;
    const out = capture();
    try {
      expect(await outboxCommand({ name: 'outbox', action: 'list', ids: [] }, store, NOW)).toBe(0);
      expect(await outboxCommand({ name: 'outbox', action: 'drop', ids: ['nope'] }, store, NOW)).toBe(0);
      expect(await outboxCommand({ name: 'outbox', action: 'retry', ids: [key] }, store, NOW)).toBe(0);
    } finally {
      out.restore();
    }
    const text = out.lines.join('');
    expect(text).toContain(`1 alert set aside as undeliverable`);
    expect(text).toContain(key);
    expect(text).toContain('50035 Invalid Form Body');
    expect(text).toContain('nothing set aside under nope');
    expect(await store.setAsideList()).toEqual([]);
    expect((await store.outboxList()).map((e) => e.key)).toEqual([key]);
    // Retried, it is tried again (counted afresh) and set aside again after as many refusals.
    for (let i = 0; i < MAX_REFUSALS; i++) await pipeline.runCycle();
    expect(picky.tries).toBe(2 * MAX_REFUSALS);
    expect(await store.setAsideList()).toHaveLength(1);
    const again = capture();
    try {
      expect(await outboxCommand({ name: 'outbox', action: 'drop', ids: ['all'] }, store, NOW)).toBe(0);
      expect(await outboxCommand({ name: 'outbox', action: 'list', ids: [] }, store, NOW)).toBe(0);
    } finally {
      again.restore();
    }
    expect(again.lines.join('')).toContain('nothing set aside as undeliverable; 0 alerts waiting');
    expect(await store.setAsideList()).toEqual([]);
    expect(await store.outboxList()).toEqual([]);
  });
});
