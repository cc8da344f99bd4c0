import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceSpec } from '../../src/core/ports.ts';
import type { Item } from '../../src/core/types.ts';
import { compileWatchlist, detect } from '../../src/detect/index.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { memoryLog, recordingNotifier, scriptedFetcher } from '../fakes/recording.ts';

const wl = compileWatchlist({
  people: JSON.parse(readFileSync('config/people.json', 'utf8')),
  orgs: JSON.parse(readFileSync('config/orgs.json', 'utf8')),
});
const FEEDS: SourceSpec[] = ['taipei', 'beijing'].map((id) => ({ kind: 'feed', id, name: id, url: `http://${id}`, lang: null }));

function item(feed: string, id: string, title: string, summary: string, hour: number): Item {
  const published = `2026-11-30T${String(hour).padStart(2, '0')}:00:00.000Z`;
  return { id, feedId: feed, source: feed, kind: 'news', title, summary, url: null, published, lang: null, author: null };
}

describe('one person in both Chinese scripts', () => {
  it('is one card: the Traditional report and the Simplified one of the same change merge', async () => {
    const { fetcher, items } = scriptedFetcher();
    const { notifier, sent } = recordingNotifier();
    const store = createStore(memoryBackend());
    const pipeline = createPipeline({
      sources: FEEDS,
      fetcher,
      store,
      detect: (input) => detect(input, wl),
      notifiers: [notifier],
      routes: async () => [{ platform: 'recording', channel: 'c' }],
      clock: { now: () => new Date('2026-12-01T00:00:00Z') },
      log: memoryLog().log,
      maxAgeMs: 30 * 86_400_000,
      postOnFirstSight: true,
      concurrency: 2,
      mergeWindowMs: 14 * 86_400_000,
      updateThrottleMs: 0,
    });
    items.set('taipei', [item('taipei', 'tw-1', '星河科技創始人張一鳴宣布卸任執行長', '張一鳴將於年底辭去執行長一職。', 8)]);
    items.set('beijing', [item('beijing', 'cn-1', '星河科技创始人张一鸣宣布卸任首席执行官', '张一鸣将于年底卸任。', 9)]);
    await pipeline.runCycle();
    const cards = sent.filter((e) => e.type === 'departure');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ person: '張一鳴', latin: 'Zhang Yiming' });
    const [event] = await store.listEvents(undefined, (e) => e.type === 'departure');
    expect(event?.reports.map((r) => r.itemId).sort()).toEqual(['cn-1', 'tw-1']);
    await store.close();
  });
});
