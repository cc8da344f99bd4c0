import { describe, expect, it } from 'vitest';
import { ExitsError } from '../../src/core/errors.ts';
import type { SourceSpec } from '../../src/core/ports.ts';
import type { DetectInput, Item } from '../../src/core/types.ts';
import { type CycleDeps, runCycle } from '../../src/pipeline/cycle.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { memoryLog, recordingNotifier, scriptedFetcher } from '../fakes/recording.ts';

const NOW = new Date('2024-09-26T12:00:00Z');

function item(id: string, title: string, published = '2024-09-26T08:00:00.000Z'): Item {
  return {
    id,
    feedId: 'f',
    source: 'Feed',
    kind: 'news',
    title,
    summary: '',
    url: `https://example.com/${id}`,
    published,
    lang: 'en',
    author: null,
  };
}

/** Stands in for the detector: "<Name> leaves <Org>" titles are changes. */
function detectLeaves(input: DetectInput) {
  const m = /^(.+) leaves (\w+)/.exec(input.title);
  if (!m) return [];
  return [
    {
      person: m[1] as string,
      org: m[2] as string,
      type: 'departure' as const,
      role: null,
      destination: null,
      evidence: input.title,
      confidence: 0.9,
    },
  ];
}

const feeds: SourceSpec[] = [
  { kind: 'feed', id: 'a', name: 'Feed A', url: 'http://a', lang: null },
  { kind: 'feed', id: 'b', name: 'Feed B', url: 'http://b', lang: null },
];

function setup(overrides: Partial<CycleDeps> = {}) {
  const { fetcher, items, polls } = scriptedFetcher();
  const { notifier, sent } = recordingNotifier();
  const { log, lines } = memoryLog();
  const store = createStore(memoryBackend());
  const deps: CycleDeps = {
    sources: feeds,
    fetcher,
    store,
    detect: detectLeaves,
    notifiers: [notifier],
    clock: { now: () => NOW },
    log,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: 2,
    ...overrides,
  };
  return { deps, items, polls, sent, lines, store };
}

describe('poll cycle', () => {
  it('records a first-seen feed without posting, then posts what is new', async () => {
    const { deps, items, sent, store } = setup();
    items.set('a', [item('1', 'Mira Murati leaves OpenAI'), item('2', 'OpenAI launches a model')]);
    const first = await runCycle(deps);
    expect(first.feeds[0]).toMatchObject({ status: 'ok', items: 2, newItems: 2, events: 1, firstSight: true });
    expect(sent).toEqual([]);
    expect((await store.listEvents()).map((e) => e.person)).toEqual(['Mira Murati']);

    items.set('a', [item('3', 'Barret Zoph leaves OpenAI'), item('1', 'Mira Murati leaves OpenAI')]);
    const second = await runCycle(deps);
    expect(second.feeds[0]).toMatchObject({ newItems: 1, events: 1, firstSight: false });
    expect(sent.map((e) => e.person)).toEqual(['Barret Zoph']);

    const third = await runCycle(deps);
    expect(third.alerts).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('posts on first sight when configured, but never items older than the maximum age', async () => {
    const { deps, items, sent } = setup({ postOnFirstSight: true });
    items.set('a', [
      item('1', 'Mira Murati leaves OpenAI'),
      item('old', 'Ilya Sutskever leaves OpenAI', '2024-05-14T08:00:00.000Z'),
      item('undated', 'Jan Leike leaves OpenAI', ''),
    ]);
    await runCycle(deps);
    expect(sent.map((e) => e.person)).toEqual(['Mira Murati', 'Jan Leike']);
  });

  it('keeps going when one feed fails, and says which feed and why', async () => {
    const { deps, items, sent, lines, store } = setup({ postOnFirstSight: true });
    items.set('a', new ExitsError('TIMEOUT', 'no answer within 15000 ms'));
    items.set('b', [item('9', 'Jan Leike leaves OpenAI')]);
    const report = await runCycle(deps);
    expect(report.feeds.map((f) => [f.id, f.status, f.error?.code])).toEqual([
      ['a', 'error', 'TIMEOUT'],
      ['b', 'ok', undefined],
    ]);
    expect(sent.map((e) => e.person)).toEqual(['Jan Leike']);
    expect(lines.some((l) => l.level === 'warn' && l.msg === 'feed Feed A failed: no answer within 15000 ms')).toBe(
      true,
    );
    expect(await store.getFeedState('a')).toMatchObject({ failures: 1 });
  });

  it('passes each feed its previous state', async () => {
    const { deps, items, polls } = setup();
    items.set('a', [item('1', 'x')]);
    await runCycle(deps);
    await runCycle(deps);
    const second = polls.filter((p) => p.id === 'a')[1];
    expect(second?.previous).toMatchObject({ lastOkAt: '2026-11-23T00:00:00.000Z', firstSeenAt: NOW.toISOString() });
  });

  it('still delivers to the other notifiers when one fails', async () => {
    const failing = recordingNotifier('broken', () => true);
    const { deps, items, sent, lines } = setup({ postOnFirstSight: true });
    deps.notifiers.unshift(failing.notifier);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    await runCycle(deps);
    expect(sent.map((e) => e.person)).toEqual(['Mira Murati']);
    expect(lines.some((l) => l.level === 'error' && l.msg?.startsWith('broken could not post'))).toBe(true);
  });
});
