import { describe, expect, it } from 'vitest';
import { ExitsError } from '../../src/core/errors.ts';
import type { Notifier } from '../../src/core/ports.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import { recordingNotifier } from '../fakes/recording.ts';
import { item, NOW, setup } from './scene.ts';

describe('outbox', () => {
  it('keeps an alert in the outbox until every notifier has it, resending only where it is missing', async () => {
    let down = true;
    let tries = 0;
    const flaky = recordingNotifier('flaky', () => (tries++, down));
    const { deps, pipeline, items, sent, lines, store, later } = setup({ postOnFirstSight: true }, [
      { platform: 'flaky', channel: 'x' },
      { platform: 'recording', channel: 'c1' },
      { platform: 'recording', channel: 'c2' },
    ]);
    deps.notifiers.unshift(flaky.notifier);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    const first = await pipeline.runCycle('tick');
    expect(first.alerts).toEqual([]);
    expect(sent.map((e) => e.person)).toEqual(['Mira Murati']);
    expect(lines.some((l) => l.level === 'error' && l.msg?.startsWith('flaky could not post "Mira Murati leaves OpenAI" (kept in the outbox)'))).toBe(true);
    const [pending] = await store.outboxList();
    expect(pending).toBeDefined();
    expect((await store.getPosts(pending?.key as string)).map((p) => p.channel)).toEqual(['c1', 'c2']);

    // The failed card waits out its backoff: a cycle right after does not try it.
    await pipeline.runCycle('tick');
    expect(tries).toBe(1);
    expect(sent).toHaveLength(1);
    expect((await store.outboxList())[0]).toMatchObject({ failures: 1, retryAt: expect.any(String) });
    later(10 * 60_000);
    down = false;
    const third = await pipeline.runCycle('tick');
    expect(tries).toBe(2);
    expect(third.alerts.map((e) => e.person)).toEqual(['Mira Murati']);
    expect(flaky.sent.map((e) => e.person)).toEqual(['Mira Murati']);
    expect(sent).toHaveLength(1);
    expect(await store.outboxList()).toEqual([]);
    expect((await store.getPosts(pending?.key as string)).map((p) => `${p.notifier}:${p.channel}`)).toEqual([
      'recording:c1',
      'recording:c2',
      'flaky:x',
    ]);
    expect((await store.getEvent(pending?.key as string))?.postedAt).toBe(new Date(NOW.getTime() + 10 * 60_000).toISOString());
  });

  it('sends on the next run what a crash left in the outbox', async () => {
    const { deps, items, sent, store } = setup({ postOnFirstSight: true });
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    // A run that dies after writing the outbox and before sending: its notifier never answers.
    const dying = createPipeline({
      ...deps,
      notifiers: [{ name: 'recording', send: () => new Promise(() => {}) }],
    });
    void dying.runCycle();
    await new Promise((r) => setTimeout(r, 50));
    const [left] = await store.outboxList();
    expect(left).toMatchObject({ since: NOW.toISOString(), tried: true });
    expect(await store.seenMany(['1'])).toEqual([true]);
    // The restarted process is told that an earlier one began sending it (a send may have landed).
    const told: (string | undefined)[] = [];
    const [recording] = deps.notifiers as [Notifier];
    const restarted = createPipeline({
      ...deps,
      notifiers: [{ ...recording, send: (event, channels, earlierTry) => (told.push(earlierTry), recording.send(event, channels)) }],
    });
    const report = await restarted.runCycle();
    expect(report.alerts.map((e) => e.person)).toEqual(['Mira Murati']);
    expect(told).toEqual([NOW.toISOString()]);
    expect(sent).toHaveLength(1);
    expect(await store.outboxList()).toEqual([]);
  });

  it('does not say "tried before" of a send this process began itself', async () => {
    let down = true;
    const told: (string | undefined)[] = [];
    const flaky = recordingNotifier('flaky', () => down);
    const { deps, pipeline, items, later } = setup({ postOnFirstSight: true }, [{ platform: 'flaky', channel: 'x' }]);
    deps.notifiers.splice(0, deps.notifiers.length, {
      ...flaky.notifier,
      send: (event, channels, earlierTry) => (told.push(earlierTry), flaky.notifier.send(event, channels)),
    });
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    await pipeline.runCycle();
    down = false;
    later(10 * 60_000);
    await pipeline.runCycle();
    expect(flaky.sent).toHaveLength(1);
    expect(told).toEqual([undefined, undefined]);
  });
});

describe('outbox entry written before its event', () => {
  it('is left for a later cycle by another replica, not deleted as an orphan, and is sent once', async () => {
    const { deps, items, sent, store } = setup({ postOnFirstSight: true });
    items.set('a', [item('1', 'Ada Lovelace leaves Acme')]);
    // Replica A: its save of the event is slow (a loaded Redis), so the outbox entry is visible first.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slowStore = { ...store, saveEvent: async (e: Parameters<typeof store.saveEvent>[0]) => (await gate, store.saveEvent(e)) };
    const a = createPipeline({ ...deps, store: slowStore, owner: 'replica-a' });
    const running = a.runCycle('tick-1');
    while ((await store.outboxList()).length === 0) await new Promise((r) => setTimeout(r, 5));
    // Replica B flushes the outbox in that gap.
    const b = createPipeline({ ...deps, sources: [], owner: 'replica-b' });
    await b.runCycle('tick-1');
    expect(await store.outboxList()).toHaveLength(1);
    release();
    await running;
    expect(sent.map((e) => e.person)).toEqual(['Ada Lovelace']);
    expect(await store.outboxList()).toEqual([]);
  });

  it('is removed once it is old and its event never came', async () => {
    const { deps, store, lines } = setup();
    await store.outboxAdd('0123456789', new Date(NOW.getTime() - 2 * 3_600_000).toISOString());
    await store.outboxAdd('abcdefabcd', NOW.toISOString());
    await createPipeline({ ...deps, sources: [] }).runCycle();
    expect((await store.outboxList()).map((e) => e.key)).toEqual(['abcdefabcd']);
    expect(lines.some((l) => l.level === 'warn' && l.msg?.includes('0123456789'))).toBe(true);
  });
});

describe('a store that lost its data', () => {
  it('is reported once, in the log, to the admins and in the cycle report', async () => {
    const notices: string[] = [];
    const { pipeline, backend, lines } = setup({ admin: async (text) => void notices.push(text) });
    expect((await pipeline.runCycle()).storeLost).toBe(false);
    expect((await pipeline.runCycle()).storeLost).toBe(false);
    // What a Redis restarted without persistence looks like: every collection empty.
    for (const c of ['seen', 'feeds', 'events', 'people', 'posts', 'watch', 'outbox', 'leases']) await backend.collection(c).kv.clear();
    expect((await pipeline.runCycle()).storeLost).toBe(true);
    expect((await pipeline.runCycle()).storeLost).toBe(false);
    expect(lines.filter((l) => l.level === 'error' && l.msg?.startsWith('exits: the store lost its data'))).toHaveLength(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('appendonly yes');
  });
});

describe('a chat that keeps failing', () => {
  it('is asked a few times per card over a 30 s outage, not at every cycle, and gets the card once it is back', async () => {
    let down = true;
    let tries = 0;
    const flaky = recordingNotifier('flaky', () => (tries++, down));
    const { deps, pipeline, items, later } = setup({ postOnFirstSight: true, random: () => 0.5 }, [{ platform: 'flaky', channel: 'x' }]);
    deps.notifiers.splice(0, deps.notifiers.length, flaky.notifier);
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    // A cycle every 2 s for 30 s: 15 cycles; the backoff (5, 10, 20 s…) leaves 3 tries.
    for (let i = 0; i < 15; i++) {
      await pipeline.runCycle('tick');
      later(2_000);
    }
    expect(tries).toBe(3);
    down = false;
    later(60_000);
    await pipeline.runCycle('tick');
    expect(flaky.sent).toHaveLength(1);
  });

  it('keeps the wait a chat asked for (Retry-After) across a restart', async () => {
    const { deps, items, store, later } = setup({ postOnFirstSight: true }, [{ platform: 'slow', channel: 'x' }]);
    let tries = 0;
    const slow = {
      name: 'slow',
      send: async () => {
        tries++;
        throw new ExitsError('SLACK_POST_FAILED', 'rate_limited', { retryAfterMs: 120_000 });
      },
    };
    items.set('a', [item('1', 'Mira Murati leaves OpenAI')]);
    await createPipeline({ ...deps, notifiers: [slow] }).runCycle('tick');
    const [entry] = await store.outboxList();
    expect(Date.parse(entry?.retryAt ?? '') - NOW.getTime()).toBeGreaterThanOrEqual(120_000);
    // A restarted process reads the wait from the outbox.
    later(60_000);
    await createPipeline({ ...deps, notifiers: [slow] }).runCycle('tick');
    expect(tries).toBe(1);
    later(61_000);
    await createPipeline({ ...deps, notifiers: [slow] }).runCycle('tick');
    expect(tries).toBe(2);
  });
});
