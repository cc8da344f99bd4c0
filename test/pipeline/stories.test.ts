import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/ports.ts';
import type { ChangeType, DetectedEvent, DetectInput, Item } from '../../src/core/types.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import { compatibleKinds } from '../../src/pipeline/merge.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { memoryLog, recordingNotifier, scriptedFetcher } from '../fakes/recording.ts';

/**
 * These tests exercise merging, not detection: the detector port answers with each item's labelled
 * events, so a card that merges two changes is the pipeline's fault alone.
 */
interface Labelled {
  id: string;
  lang: string;
  kind: 'news' | 'x_post';
  title: string;
  summary: string;
  published: string;
  story?: string;
  label: { is_change: boolean; events: { person: string; org: string | null; type: ChangeType; destination: string | null }[] };
}

const load = (file: string): Labelled[] =>
  readFileSync(`test/fixtures/detect/${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const dev = load('dev.jsonl');
const seeds = load('seeds.jsonl');
const byTitle = new Map([...dev, ...seeds].map((d) => [d.title, d]));

function goldDetector(input: DetectInput): DetectedEvent[] {
  const item = byTitle.get(input.title);
  return (item?.label.events ?? []).map((e) => ({ ...e, role: null, evidence: input.title, confidence: 0.9, lang: input.lang ?? null }));
}

const FEEDS: SourceSpec[] = ['wire', 'blog', 'agency'].map((id) => ({ kind: 'feed', id, name: id, url: `http://${id}`, lang: null }));

function toItem(d: Labelled, feed: string): Item {
  return {
    id: `${feed}:${d.id}`,
    feedId: feed,
    source: feed,
    kind: d.kind,
    title: d.title,
    summary: d.summary,
    url: null,
    published: `${d.published.slice(0, 10)}T12:00:00.000Z`,
    lang: d.lang,
    author: null,
  };
}

function setup() {
  const { fetcher, items } = scriptedFetcher();
  const recording = recordingNotifier();
  const store = createStore(memoryBackend());
  const pipeline = createPipeline({
    sources: FEEDS,
    fetcher,
    store,
    detect: goldDetector,
    notifiers: [recording.notifier],
    routes: async () => [{ platform: 'recording', channel: 'c' }],
    clock: { now: () => new Date('2026-11-23T00:00:00Z') },
    log: memoryLog().log,
    maxAgeMs: 20 * 365 * 86_400_000,
    postOnFirstSight: true,
    concurrency: 3,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 0,
  });
  return { pipeline, items, store, ...recording };
}

const itemOf = (reportItemId: string) => dev.find((d) => reportItemId.endsWith(`:${d.id}`));
const stories = [...new Set(dev.filter((d) => d.story && d.label.is_change).map((d) => d.story as string))];
const storyItems = (story: string) => dev.filter((d) => d.story === story && d.label.is_change);

describe('one card per change across outlets and languages (corpus stories)', () => {
  it('posts every story once, from items spread over three feeds, and merges only the same change', async () => {
    const { pipeline, items, sent } = setup();
    const all = stories.flatMap(storyItems);
    FEEDS.forEach((f, i) => items.set(f.id, all.filter((_, j) => j % FEEDS.length === i).map((d) => toItem(d, f.id))));
    await pipeline.runCycle();

    // Each labelled change of a story item is on exactly one card: as many cards per person as changes.
    for (const story of stories) {
      for (const d of storyItems(story)) {
        for (const person of new Set(d.label.events.map((g) => g.person))) {
          const changes = d.label.events.filter((g) => g.person === person).length;
          const cards = sent.filter(
            (e) => e.person === person && e.reports.some((r) => !r.recall && itemOf(r.itemId)?.id === d.id),
          );
          expect(cards.length, `${story} ${d.id} ${person}`).toBe(changes);
        }
      }
    }
    // A card never mixes changes: every item on it reports this person with a compatible kind.
    for (const card of sent) {
      for (const r of card.reports.filter((x) => !x.recall)) {
        const gold = itemOf(r.itemId)?.label.events ?? [];
        expect(
          gold.some((g) => g.person === card.person && compatibleKinds(g.type, card.type)),
          `${card.person} ${card.type} <- ${r.itemId}`,
        ).toBe(true);
      }
    }
    // Stories with several items really were merged: fewer cards than reports.
    const murati = sent.filter((e) => e.person === 'Mira Murati' && e.reports.some((r) => r.itemId.endsWith(':d011')));
    expect(murati).toHaveLength(1);
    const reporting = storyItems('murati-leaves-openai-2024-09').filter((d) =>
      d.label.events.some((g) => g.person === 'Mira Murati'),
    );
    expect(reporting.length).toBeGreaterThan(5);
    expect(murati[0]?.reports.length).toBe(reporting.length);
  });

  it('posts the first report and edits the card once per later cycle that brings more', async () => {
    const { pipeline, items, sent, edits } = setup();
    const story = storyItems('murati-leaves-openai-2024-09');
    // Cycle 1: one item; cycle 2: three more across feeds; cycle 3: nothing new; cycle 4: the rest.
    const batches = [story.slice(0, 1), story.slice(1, 4), [], story.slice(4)];
    const delivered: Labelled[] = [];
    for (const batch of batches) {
      delivered.push(...batch);
      FEEDS.forEach((f, i) => items.set(f.id, delivered.filter((_, j) => j % FEEDS.length === i).map((d) => toItem(d, f.id))));
      await pipeline.runCycle();
    }
    const cards = sent.filter((e) => e.person === 'Mira Murati' && e.type !== 'appointed');
    expect(cards).toHaveLength(1);
    const key = cards[0]?.key;
    const cardEdits = edits.filter((e) => e.event.key === key);
    expect(cardEdits).toHaveLength(2);
    const reporting = story.filter((d) => d.label.events.some((g) => g.person === 'Mira Murati'));
    expect(cardEdits.at(-1)?.event.reports).toHaveLength(reporting.length);
  });

  it('keeps the many changes of one seed as separate events', async () => {
    const { pipeline, items, store } = setup();
    items.set('wire', seeds.map((d) => toItem(d, 'wire')));
    await pipeline.runCycle();
    const history = await store.listEvents();
    for (const seed of seeds) {
      // A later seed retelling an earlier seed's change is attached to it as a recall: still its own event.
      const cards = history.filter((e) => e.reports.some((r) => r.itemId === `wire:${seed.id}`));
      const distinct = new Set(seed.label.events.map((g) => `${g.person}|${g.type}|${g.org}|${g.destination}`));
      expect(cards.length, seed.id).toBe(distinct.size);
    }
  });
});
