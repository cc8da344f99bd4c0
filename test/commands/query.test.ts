import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerRequest, type QueryContext, suggestNames } from '../../src/commands/query.ts';
import type { EventRecord, PersonEntry } from '../../src/core/types.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';

const people: PersonEntry[] = JSON.parse(readFileSync('config/people.json', 'utf8'));

function rec(i: number, person: string, org: string, destination: string | null = null): EventRecord {
  const published = new Date(Date.UTC(2024, 8, 25) - i * 3_600_000).toISOString();
  return {
    key: `k${i}`,
    person,
    org,
    type: destination ? 'joined' : 'departure',
    role: null,
    destination,
    evidence: '',
    confidence: 0.9,
    itemId: `i${i}`,
    title: `${person} leaves ${org}`,
    url: null,
    source: 's',
    published,
    lang: 'en',
    detectedAt: published,
    reports: [],
  };
}

let ctx: QueryContext;
beforeAll(async () => {
  const store = createStore(memoryBackend());
  const records = Array.from({ length: 34 }, (_, i) => rec(i, `Person ${i}`, 'OpenAI'));
  records.push(rec(40, 'Mira Murati', 'OpenAI'), rec(41, 'John Schulman', 'OpenAI', 'Anthropic'));
  for (const e of records) await store.saveEvent(e);
  ctx = { store, people, now: () => new Date('2024-09-26T00:00:00Z') };
});

describe('/exits queries', () => {
  it('pages recent changes ten at a time', async () => {
    const first = await answerRequest({ sub: 'recent' }, ctx);
    expect(first).toMatchObject({ ok: true, page: 1, pages: 4, total: 36, summary: '1–10 of 36 (page 1/4)' });
    const last = await answerRequest({ sub: 'recent', page: 4 }, ctx);
    expect(last).toMatchObject({ ok: true, page: 4, summary: '31–36 of 36 (page 4/4)' });
    if (last.ok) expect(last.events).toHaveLength(6);
    const beyond = await answerRequest({ sub: 'recent', page: 99 }, ctx);
    expect(beyond).toMatchObject({ page: 4 });
  });

  it('says "the last day" for one day, in the title and when nothing is found', async () => {
    // The records are an hour apart before 2024-09-25T00:00Z, a day before ctx's now.
    const one = await answerRequest({ sub: 'recent', days: 1 }, ctx);
    expect(one).toMatchObject({ ok: true, title: 'Changes in the last day', total: 1 });
    const none = await answerRequest({ sub: 'recent', days: 1, company: 'Anthropic' }, ctx);
    expect(none).toMatchObject({ ok: true, total: 0, summary: 'no changes at Anthropic in the last day' });
  });

  it('finds a person by a misspelling and a company as origin or destination', async () => {
    const person = await answerRequest({ sub: 'person', name: 'mulati' }, ctx);
    expect(person).toMatchObject({ ok: true, title: 'Mira Murati', total: 1 });
    const company = await answerRequest({ sub: 'company', name: 'anthropic' }, ctx);
    expect(company).toMatchObject({ title: 'Arrivals and departures at Anthropic' });
    expect(company.ok && company.events?.map((e) => e.person)).toEqual(['John Schulman']);
  });

  it('answers bad input with a sentence for the user', async () => {
    expect(await answerRequest({ sub: 'recent', days: 0 }, ctx)).toEqual({
      ok: false,
      error: 'days must be a whole number from 1 to 3650',
    });
    expect(await answerRequest({ sub: 'person', name: 'x'.repeat(101) }, ctx)).toEqual({
      ok: false,
      error: 'name is longer than 100 characters',
    });
    expect(await answerRequest({ sub: 'company', name: 'Nonexistent Corp' }, ctx)).toEqual({
      ok: false,
      error: "no changes at 'Nonexistent Corp' in the history",
      nothing: true,
    });
    expect(await answerRequest({ sub: 'company', name: 'Antropic' }, ctx)).toEqual({
      ok: false,
      error: "no changes at 'Antropic' in the history; did you mean Anthropic?",
      nothing: true,
    });
    expect(await answerRequest({ sub: 'person', name: 'xyzzy' }, ctx)).toEqual({
      ok: false,
      error: "no one called 'xyzzy' in the history",
      nothing: true,
    });
    const nobody = await answerRequest({ sub: 'person', name: 'Sam Altman' }, ctx);
    expect(nobody).toEqual({ ok: false, error: 'no changes for Sam Altman in the history', nothing: true });
  });

  it('suggests names from the watchlist and the history', async () => {
    expect(await suggestNames(ctx, 'mura')).toEqual(['Mira Murati']);
    expect(await suggestNames(ctx, 'person 3')).toEqual([
      'Person 3',
      'Person 30',
      'Person 31',
      'Person 32',
      'Person 33',
    ]);
  });
});
