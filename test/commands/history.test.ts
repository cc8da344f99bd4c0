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
