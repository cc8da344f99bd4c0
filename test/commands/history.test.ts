import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { personHistory, recentChanges } from '../../src/commands/history.ts';
import type { Store } from '../../src/core/ports.ts';
import type { EventRecord, PersonEntry } from '../../src/core/types.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';

const people: PersonEntry[] = JSON.parse(readFileSync('config/people.json', 'utf8'));

function rec(
  key: string,
  person: string,
  org: string,
  published: string,
  destination: string | null = null,
): EventRecord {
  return {
    key,
    person,
    org,
    type: destination ? 'joined' : 'departure',
    role: null,
    destination,
    evidence: '',
    confidence: 0.9,
    itemId: key,
    title: `${person} leaves ${org}`,
    url: null,
    source: 's',
    published,
    lang: 'en',
    detectedAt: published,
    reports: [],
  };
}

let store: Store;
beforeAll(async () => {
  store = createStore(memoryBackend());
  for (const e of [
    rec('1', 'Mira Murati', 'OpenAI', '2024-09-25T00:00:00Z'),
    rec('2', 'John Schulman', 'OpenAI', '2024-08-06T00:00:00Z', 'Anthropic'),
    rec('3', 'Mira Murati', 'OpenAI', '2023-11-17T00:00:00Z'),
    rec('4', 'Jane Roe', 'Acme Robotics', '2024-09-20T00:00:00Z'),
  ])
    await store.saveEvent(e);
});

describe('recent', () => {
  it('lists the last days, newest first, filtered by company as origin or destination', async () => {
    const now = new Date('2024-09-26T00:00:00Z');
    expect((await recentChanges(store, { days: 7, now })).map((e) => e.key)).toEqual(['1', '4']);
    expect((await recentChanges(store, { days: 60, now, company: 'anthropic' })).map((e) => e.key)).toEqual(['2']);
    await expect(recentChanges(store, { days: 0, now })).rejects.toThrow(/days must be a whole number from 1/);
  });
});

describe('person', () => {
  it.each(['murati', 'MURATI', 'mira mulati', 'Mira Murati', 'meera murati', 'mulati'])(
    'finds Mira Murati from "%s"',
    async (query) => {
      const answer = await personHistory(store, query, people);
      expect(answer.person).toBe('Mira Murati');
      expect(answer.events.map((e) => e.key)).toEqual(['1', '3']);
    },
  );

  it('finds people who are not on the watchlist', async () => {
    expect((await personHistory(store, 'jane roe', people)).events.map((e) => e.key)).toEqual(['4']);
  });

  it('answers an unknown name with no events', async () => {
    const answer = await personHistory(store, 'xyzzy', people);
    expect(answer).toMatchObject({ person: null, events: [] });
    await expect(personHistory(store, ' ', people)).rejects.toThrow(/at least two letters/);
  });
});

describe('person: names in their own script, found by either form', () => {
  let cjk: Store;
  beforeAll(async () => {
    cjk = createStore(memoryBackend());
    // Written from a Traditional Chinese item, with the Latin form the detector gives beside it.
    await cjk.saveEvent({ ...rec('zh-1', '張一鳴', 'ByteDance', '2026-05-20T00:00:00Z'), latin: 'Zhang Yiming' });
    // The same person in Simplified characters in another outlet's item.
    await cjk.saveEvent({ ...rec('zh-2', '张一鸣', 'ByteDance', '2026-05-21T00:00:00Z'), latin: 'Zhang Yiming' });
    await cjk.saveEvent({ ...rec('ko-1', '이재용', 'Hanbit', '2026-04-01T00:00:00Z'), latin: 'Lee Jae-yong' });
    // Saved before records had a Latin form: still found by the name as written.
    await cjk.saveEvent(rec('old-1', '张勇', 'Alibaba', '2023-06-20T00:00:00Z'));
    await cjk.saveEvent({ ...rec('ko-2', '전영현', 'Hanbit', '2026-03-01T00:00:00Z'), latin: 'Jeon Yeong-hyeon' });
    await cjk.saveEvent({ ...rec('ko-3', '경계현', 'Hanbit', '2026-03-02T00:00:00Z'), latin: 'Kyung Gye-hyeon' });
    await cjk.saveEvent({ ...rec('ko-4', '한종희', 'Hanbit', '2026-03-03T00:00:00Z'), latin: 'Han Jong-hui' });
    // The Latin form is someone on the watchlist: the record is that person's.
    await cjk.saveEvent({ ...rec('w-1', 'ミラ・ムラティ', 'OpenAI', '2024-09-26T00:00:00Z'), latin: 'Mira Murati' });
  });

  it.each(['zhang yiming', 'Zhang Yiming', 'ZHANG  YIMING', 'yiming zhang', 'zhangyiming', '张一鸣', '張一鳴'])(
    'finds the cards about 張一鳴 from "%s"',
    async (query) => {
      const answer = await personHistory(cjk, query, []);
      expect(answer.events.map((e) => e.key).sort()).toEqual(['zh-1', 'zh-2']);
    },
  );

  it.each(['lee jae-yong', 'lee jaeyong', 'Lee Jae Yong', 'jae-yong lee', 'jaeyong lee', '이재용'])(
    'finds 이재용 from "%s"',
    async (query) => {
      const answer = await personHistory(cjk, query, []);
      expect(answer.events.map((e) => e.key)).toEqual(['ko-1']);
      expect(answer.shown).toBe('이재용 (Lee Jae-yong)');
    },
  );

  it.each([
    ['jun young-hyun', 'ko-2'],
    ['Young-hyun Jun', 'ko-2'],
    ['kyung kye-hyun', 'ko-3'],
    ['han jong-hee', 'ko-4'],
  ])('finds a Korean name from the spelling the press uses, "%s"', async (query, key) => {
    expect((await personHistory(cjk, query, [])).events.map((e) => e.key)).toEqual([key]);
  });

  it('does not take one Korean name for another, nor loosen Latin names', async () => {
    expect((await personHistory(cjk, 'jun young-ho', [])).events).toEqual([]);
    expect((await personHistory(cjk, 'jane rue', people)).events.map((e) => e.key)).not.toContain('ko-2');
  });

  it('finds a record saved without a Latin form by its name, in either Chinese script', async () => {
    expect((await personHistory(cjk, '張勇', [])).events.map((e) => e.key)).toEqual(['old-1']);
  });

  it('files a record whose Latin form is a watchlist name under that person', async () => {
    const answer = await personHistory(cjk, 'murati', people);
    expect(answer.person).toBe('Mira Murati');
    expect(answer.events.map((e) => e.key)).toEqual(['w-1']);
  });
});
