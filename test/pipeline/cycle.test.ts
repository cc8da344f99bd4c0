import { describe, expect, it } from 'vitest';
import { ExitsError } from '../../src/core/errors.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import { nextAttempt } from '../../src/pipeline/poll.ts';
import { item, NOW, setup } from './scene.ts';
describe('poll cycle', () => {
  it('records a first-seen feed without posting, then posts what is new', async () => {
    const { pipeline, items, sent, store } = setup();
    items.set('a', [item('1', 'Mira Murati leaves OpenAI'), item('2', 'OpenAI launches a model')]);
    const first = await pipeline.runCycle();
    expect(first.feeds[0]).toMatchObject({ status: 'ok', items: 2, newItems: 2, events: 1, firstSight: true });
    expect(sent).toEqual([]);
    expect((await store.listEvents()).map((e) => e.person)).toEqual(['Mira Murati']);

    items.set('a', [item('3', 'Barret Zoph leaves OpenAI'), item('1', 'Mira Murati leaves OpenAI')]);
    const second = await pipeline.runCycle();
    expect(second.feeds[0]).toMatchObject({ newItems: 1, events: 1, firstSight: false });
    expect(sent.map((e) => e.person)).toEqual(['Barret Zoph']);

    const third = await pipeline.runCycle();
    expect(third.alerts).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('posts on first sight when configured, but never items older than the maximum age', async () => {
    const { pipeline, items, sent } = setup({ postOnFirstSight: true });
    items.set('a', [
      item('1', 'Mira Murati leaves OpenAI'),
      item('old', 'Ilya Sutskever leaves OpenAI', '2024-05-14T08:00:00.000Z'),
      item('undated', 'Jan Leike leaves OpenAI', ''),
    ]);
    await pipeline.runCycle();
    expect(sent.map((e) => e.person).sort()).toEqual(['Jan Leike', 'Mira Murati']);
  });

  it('keeps going when one feed fails, and says which feed and why', async () => {
    const { pipeline, items, sent, lines, store } = setup({ postOnFirstSight: true });
    items.set('a', new ExitsError('TIMEOUT', 'no answer within 15000 ms'));
    items.set('b', [item('9', 'Jan Leike leaves OpenAI')]);
    const report = await pipeline.runCycle();
    expect(report.feeds.map((f) => [f.id, f.status, f.error?.code])).toEqual([
      ['a', 'error', 'TIMEOUT'],
      ['b', 'ok', undefined],
    ]);
    expect(sent.map((e) => e.person)).toEqual(['Jan Leike']);
    expect(lines.some((l) => l.level === 'warn' && l.msg === 'feed Feed A failed: no answer within 15000 ms')).toBe(true);
    expect(await store.getFeedState('a')).toMatchObject({ failures: 1 });
  });

  it('backs off a failing feed, warns the admin channel once when it fails for long, and recovers by itself', async () => {
    let now = NOW.getTime();
    const notices: string[] = [];
    const { pipeline, items, polls, lines, store } = setup({
      clock: { now: () => new Date(now) },
      random: () => 0.5,
      backoff: { baseMs: 60_000, maxMs: 3_600_000 },
      warnAfterMs: 3 * 3_600_000,
      admin: async (text) => {
        notices.push(text);
      },
    });
    items.set('a', new ExitsError('HTTP_STATUS', 'HTTP 503 from a'));
    const pollsOfA = () => polls.filter((p) => p.id === 'a').length;
    await pipeline.runCycle();
    expect(await store.getFeedState('a')).toMatchObject({
      failures: 1,
      failingSince: NOW.toISOString(),
      nextAttemptAt: new Date(NOW.getTime() + 60_000).toISOString(),
    });
    now += 30_000;
    const waiting = await pipeline.runCycle('tick-2');
    expect(waiting.feeds[0]?.status).toBe('backoff');
    expect(pollsOfA()).toBe(1);
    // Delays double up to the cap: 1, 2, 4, ... 60 minutes.
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      now = Date.parse((await store.getFeedState('a'))?.nextAttemptAt as string);
      await pipeline.runCycle(`tick-${i + 3}`);
      delays.push((Date.parse((await store.getFeedState('a'))?.nextAttemptAt as string) - now) / 60_000);
    }
    expect(delays).toEqual([2, 4, 8, 16, 32, 60, 60, 60, 60]);
    const warnings = lines.filter((l) => l.level === 'error' && l.msg?.startsWith('feed Feed A has been failing since'));
    expect(warnings).toHaveLength(1);
    expect(notices).toEqual([`exits: feed Feed A has been failing since ${NOW.toISOString()}: HTTP 503 from a`]);

    // A cycle asked for by hand does not wait for the backoff.
    const byHand = await pipeline.runCycle();
    expect(byHand.feeds[0]?.status).toBe('error');
    items.set('a', [item('1', 'x')]);
    now = Date.parse((await store.getFeedState('a'))?.nextAttemptAt as string);
    const back = await pipeline.runCycle('tick-last');
    expect(back.feeds[0]?.status).toBe('ok');
    expect(lines.some((l) => l.msg === 'feed Feed A answers again')).toBe(true);
    expect(notices[1]).toBe(`exits: feed Feed A answers again (failing since ${NOW.toISOString()})`);
    const state = await store.getFeedState('a');
    expect(state?.failingSince).toBeUndefined();
    expect(state?.nextAttemptAt).toBeUndefined();
  });

  it('keeps trying to warn the admin channel until it takes the warning', async () => {
    let now = NOW.getTime();
    const notices: string[] = [];
    let down = true;
    const { pipeline, items, lines, store } = setup({
      clock: { now: () => new Date(now) },
      warnAfterMs: 60_000,
      admin: async (text) => {
        if (down) throw new ExitsError('CHAT_UNDELIVERED', 'admin channel answered 503');
        notices.push(text);
      },
    });
    items.set('a', new ExitsError('HTTP_STATUS', 'HTTP 503 from a'));
    await pipeline.runCycle();
    now += 120_000;
    await pipeline.runCycle();
    expect(notices).toEqual([]);
    expect((await store.getFeedState('a'))?.warned).toBe(false);
    expect(lines.some((l) => l.level === 'warn' && l.msg === 'could not post to the admin channel: admin channel answered 503')).toBe(true);
    down = false;
    now += 120_000;
    await pipeline.runCycle();
    now += 120_000;
    await pipeline.runCycle();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^exits: feed Feed A has been failing since /);
    expect((await store.getFeedState('a'))?.warned).toBe(true);
  });

  it('does not rewrite the state of a feed that answers 304 with nothing new, but refreshes it now and then', async () => {
    let now = NOW.getTime();
    const { deps, pipeline } = setup({ clock: { now: () => new Date(now) } });
    deps.fetcher.poll = async (_spec, previous) => ({
      status: 'ok',
      items: [],
      state: { ...previous, etag: '"v1"', lastOkAt: new Date(now).toISOString() },
    });
    await pipeline.runCycle();
    const writes: string[] = [];
    const setFeedState = deps.store.setFeedState;
    deps.store.setFeedState = async (id, state) => {
      writes.push(id);
      await setFeedState(id, state);
    };
    // A cycle's 304s are written in one batch.
    const setFeedStates = deps.store.setFeedStates;
    deps.store.setFeedStates = async (entries) => {
      writes.push(...entries.map((e) => e.id));
      await setFeedStates?.(entries);
    };
    deps.fetcher.poll = async (_spec, previous) => ({
      status: 'not-modified',
      state: { ...previous, lastOkAt: new Date(now).toISOString() },
    });
    now += 60_000;
    await pipeline.runCycle();
    expect(writes).toEqual([]);
    now += 5 * 60_000;
    await pipeline.runCycle();
    expect(writes).toEqual(['a', 'b']);
    // A field that changes, appears or goes is written at once.
    writes.length = 0;
    deps.fetcher.poll = async (spec, previous) => {
      const { etag: _e, ...rest } = previous ?? {};
      const state = spec.id === 'a' ? { ...previous, etag: '"v2"' } : { ...rest, lastModified: 'Tue, 24 Nov 2026 00:00:00 GMT' };
      return { status: 'not-modified', state: { ...state, lastOkAt: new Date(now).toISOString() } };
    };
    now += 1000;
    await pipeline.runCycle();
    expect(writes).toEqual(['a', 'b']);
    expect(await deps.store.getFeedState('b')).not.toHaveProperty('etag');
  });

  it('passes each feed its previous state', async () => {
    const { pipeline, items, polls } = setup();
    items.set('a', [item('1', 'x')]);
    await pipeline.runCycle();
    await pipeline.runCycle();
    const second = polls.filter((p) => p.id === 'a')[1];
    expect(second?.previous).toMatchObject({ lastOkAt: '2026-11-23T00:00:00.000Z', firstSeenAt: NOW.toISOString() });
  });
});

describe('one change, one card', () => {
  it('merges reports from several feeds into one card and edits it as more arrive', async () => {
    const { pipeline, items, sent, edits, store } = setup({ postOnFirstSight: true });
    items.set('a', [item('a1', 'Mira Murati leaves OpenAI'), item('a2', 'Mira Murati leaves OpenAI!')]);
    items.set('b', [item('b1', 'Mira Murati leaves OpenAI', '2024-09-25T20:00:00.000Z')]);
    const first = await pipeline.runCycle();
    expect(first.alerts).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.reports.map((r) => r.itemId)).toEqual(['b1', 'a1', 'a2']);
    // The most confident report gives the headline.
    expect(sent[0]?.title).toBe('Mira Murati leaves OpenAI!');
    expect(edits).toHaveLength(0);

    items.set('b', [item('b2', 'Mira Murati joins Thinking')]);
    const second = await pipeline.runCycle();
    expect(second.alerts).toHaveLength(0);
    expect(second.updates).toHaveLength(1);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.event).toMatchObject({ type: 'joined', destination: 'Thinking', org: 'OpenAI' });
    expect(edits[0]?.event.reports).toHaveLength(4);
    expect(edits[0]?.refs).toEqual([{ notifier: 'recording', channel: 'c1', id: `c1/${sent[0]?.key}` }]);
    expect(await store.listEvents()).toHaveLength(1);
  });

  it('throttles edits: a burst is one edit, the rest follows in a later cycle', async () => {
    let now = NOW.getTime();
    const { pipeline, items, edits } = setup({ postOnFirstSight: true, updateThrottleMs: 60_000, clock: { now: () => new Date(now) } });
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    await pipeline.runCycle();
    items.set('a', [item('2', 'Mira Murati leaves OpenAI')]);
    await pipeline.runCycle();
    expect(edits).toHaveLength(1);
    now += 10_000;
    items.set('a', [item('3', 'Mira Murati leaves OpenAI')]);
    await pipeline.runCycle();
    expect(edits).toHaveLength(1);
    now += 60_000;
    await pipeline.runCycle();
    expect(edits).toHaveLength(2);
    expect(edits[1]?.event.reports).toHaveLength(3);
  });

  it('never posts again a change the history holds when an article recalls it months later', async () => {
    const { pipeline, items, sent, store } = setup({ postOnFirstSight: true, maxAgeMs: 10 * 365 * 86_400_000 });
    items.set('a', [item('1', 'Mira Murati leaves OpenAI', '2024-09-25T08:00:00.000Z')]);
    await pipeline.runCycle();
    items.set('a', [item('2', 'Mira Murati leaves OpenAI', '2025-03-01T08:00:00.000Z')]);
    await pipeline.runCycle();
    expect(sent).toHaveLength(1);
    const [event] = await store.listEvents();
    expect(event?.reports.map((r) => r.itemId)).toEqual(['1', '2']);
  });

  it('sends each channel only what it wants', async () => {
    const { pipeline, items, posts } = setup({ postOnFirstSight: true }, [
      { platform: 'recording', channel: 'anthropic', companies: ['Anthropic'] },
      { platform: 'recording', channel: 'murati', people: ['murati'] },
      { platform: 'recording', channel: 'all' },
      { platform: 'recording', channel: 'confident', minConfidence: 0.93 },
    ]);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI'), item('2', 'John Schulman joins Anthropic!')]);
    await pipeline.runCycle();
    const to = Object.fromEntries(posts.map((p) => [p.event.person, p.channels]));
    expect(to).toEqual({ 'Mira Murati': ['murati', 'all'], 'John Schulman': ['anthropic', 'all', 'confident'] });
  });
});

describe('an item merged twice', () => {
  // Items are marked seen only after their merge, so a feed can be merged twice: a replica that dies in
  // between, or two replicas polling it for different ticks (a cycle longer than the interval).
  it.each([
    ['the item that opened the card', '2024-09-26T06:00:00.000Z', '2024-09-26T08:00:00.000Z'],
    ['a later report', '2024-09-26T08:00:00.000Z', '2024-09-26T06:00:00.000Z'],
  ])('merging %s again changes nothing: no report lost, no second card', async (_, aPublished, bPublished) => {
    const { deps, pipeline, items, sent, store } = setup({ postOnFirstSight: true });
    items.set('a', [item('a1', 'Mira Murati leaves OpenAI', aPublished)]);
    items.set('b', [item('b1', 'Mira Murati leaves OpenAI', bPublished)]);
    // The first run merges both reports, then dies before feed a's items are marked seen.
    const dying = createPipeline({
      ...deps,
      store: { ...store, markSeen: (ids) => store.markSeen(ids.filter((id) => id !== 'a1')) },
    });
    await dying.runCycle();
    expect(await store.seenMany(['a1', 'b1'])).toEqual([false, true]);
    await pipeline.runCycle();
    const events = await store.listEvents();
    expect(events.map((e) => e.reports.map((r) => r.itemId).sort())).toEqual([['a1', 'b1']]);
    expect(sent).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, jittered by a quarter either way', () => {
    const backoff = { baseMs: 60_000, maxMs: 3_600_000 };
    expect(nextAttempt(1, 0, backoff, () => 0)).toBe(45_000);
    expect(nextAttempt(1, 0, backoff, () => 1)).toBe(75_000);
    expect(nextAttempt(3, 0, backoff, () => 0.5)).toBe(240_000);
    expect(nextAttempt(20, 0, backoff, () => 1)).toBe(4_500_000);
    const spread = new Set(Array.from({ length: 50 }, () => nextAttempt(2, 0, backoff)));
    expect(spread.size).toBeGreaterThan(1);
    for (const t of spread) expect(t >= 90_000 && t <= 150_000).toBe(true);
  });
});

describe('feed leases', () => {
  it('splits the feeds of a tick between replicas of a shared store, and takes no lease on a private one', async () => {
    const { deps, items, polls } = setup();
    items.set('a', [item('1', 'x')]);
    items.set('b', [item('2', 'y')]);
    const shared = { ...deps.store, shared: true };
    const one = createPipeline({ ...deps, store: shared, owner: 'replica-1' });
    const two = createPipeline({ ...deps, store: shared, owner: 'replica-2' });
    const [r1, r2] = await Promise.all([one.runCycle('tick-1'), two.runCycle('tick-1')]);
    expect(polls.map((p) => p.id).sort()).toEqual(['a', 'b']);
    const statuses = [...r1.feeds, ...r2.feeds].map((f) => `${f.id}:${f.status}`).sort();
    expect(statuses).toEqual(['a:leased', 'a:ok', 'b:leased', 'b:ok']);

    polls.length = 0;
    const alone = [createPipeline({ ...deps, owner: 'replica-1' }), createPipeline({ ...deps, owner: 'replica-2' })];
    await Promise.all(alone.map((p) => p.runCycle('tick-2')));
    expect(polls.map((p) => p.id).sort()).toEqual(['a', 'a', 'b', 'b']);
  });
});
