/**
 * A store that lost its data under running bots (Redis restarted without persistence): every feed looks
 * new again. What was published since the store was last found whole must still be posted, what was
 * posted before must not be posted twice (it is looked for in the channel first), and older items are
 * recorded as at a first sight.
 */
import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../src/core/ports.ts';
import type { EventRecord, Item } from '../../src/core/types.ts';
import { createPipeline } from '../../src/pipeline/cycle.ts';
import type { Backend } from '../../src/store/index.ts';
import { item, NOW, setup } from './scene.ts';

/** A channel that keeps its cards; asked with `earlierTry`, it looks for the card first, as Discord's and Slack's notifiers do. */
function channelNotifier() {
  const cards: { key: string; person: string }[] = [];
  const offered: string[] = [];
  const looked: string[] = [];
  const keysOf = (e: EventRecord) => new Set([e.key, ...e.reports.map((r) => r.change)]);
  const notifier: Notifier = {
    name: 'recording',
    async send(e, channels, earlierTry) {
      offered.push(e.person);
      if (earlierTry !== undefined) {
        looked.push(e.person);
        const found = cards.find((c) => keysOf(e).has(c.key));
        if (found) return channels.map((channel) => ({ notifier: 'recording', channel, id: found.key }));
      }
      cards.push({ key: e.key, person: e.person });
      return channels.map((channel) => ({ notifier: 'recording', channel, id: e.key }));
    },
  };
  return { notifier, cards, offered, looked };
}

const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const undated = (id: string, title: string): Item => ({ ...item(id, title), published: null });

async function lose(backend: Backend): Promise<void> {
  for (const c of ['seen', 'feeds', 'events', 'people', 'posts', 'watch', 'outbox', 'leases']) await backend.collection(c).kv.clear();
}

describe('a store that lost its data', () => {
  it('posts what was published since it was last whole, once, and records what is older', async () => {
    const channel = channelNotifier();
    const { deps, pipeline, items, backend, later } = setup({ notifiers: [] });
    deps.notifiers.push(channel.notifier);
    // First sight: an old change and an undated one are recorded, not posted.
    items.set('a', [item('old', 'Olga Old leaves Acme', at(-86_400_000)), undated('vera', 'Vera Undated leaves Acme')]);
    await pipeline.runCycle();
    later(60_000);
    items.set('a', [...(items.get('a') as Item[]), item('x', 'Xavier Before leaves Acme', at(50_000))]);
    await pipeline.runCycle();
    expect(channel.cards.map((c) => c.person)).toEqual(['Xavier Before']);
    later(60_000);
    await pipeline.runCycle();

    // Redis restarts empty; meanwhile a dated and an undated change are published.
    await lose(backend);
    items.set('a', [
      ...(items.get('a') as Item[]),
      item('y', 'Yara After leaves Acme', at(150_000)),
      undated('ulla', 'Ulla Undated leaves Acme'),
    ]);
    later(60_000);
    const report = await pipeline.runCycle();
    expect(report.storeLost).toBe(true);
    expect(channel.cards.map((c) => c.person).sort()).toEqual(['Ulla Undated', 'Xavier Before', 'Yara After']);
    // Xavier's card was looked for and found; the old and the known undated ones were not even offered.
    expect(channel.looked).toContain('Xavier Before');
    expect(channel.offered).not.toContain('Olga Old');
    expect(channel.offered).not.toContain('Vera Undated');

    // Later cycles: the feed is known again, nothing more is posted.
    later(60_000);
    await pipeline.runCycle();
    expect(channel.cards).toHaveLength(3);
  });

  it('is noticed by every replica, also after another one wrote the marker anew', async () => {
    const channel = channelNotifier();
    const { deps, items, backend, later } = setup({ notifiers: [] });
    deps.notifiers.push(channel.notifier);
    const a = createPipeline({ ...deps, sources: [], owner: 'a' });
    const b = createPipeline({ ...deps, owner: 'b' });
    items.set('a', [item('x', 'Xavier Before leaves Acme', at(-3_600_000))]);
    await a.runCycle();
    await b.runCycle();
    later(60_000);
    await a.runCycle();
    await b.runCycle();

    await lose(backend);
    items.set('a', [...(items.get('a') as Item[]), item('y', 'Yara After leaves Acme', at(90_000))]);
    later(60_000);
    // Replica a looks first and writes the marker anew; replica b must still know the store was lost.
    expect((await a.runCycle()).storeLost).toBe(true);
    expect((await b.runCycle()).storeLost).toBe(true);
    expect(channel.cards.map((c) => c.person)).toEqual(['Yara After']);
  });

  it('looks for a card this process sent just before the loss, whose outbox entry it never removed', async () => {
    const channel = channelNotifier();
    const { deps, items, backend, later, store } = setup({ notifiers: [] });
    deps.notifiers.push(channel.notifier);
    let dying = false;
    const outboxRemove = async (key: string) => {
      if (dying) throw new Error('connection lost');
      await store.outboxRemove(key);
    };
    const pipeline = createPipeline({ ...deps, store: { ...store, outboxRemove } });
    await pipeline.runCycle();
    later(60_000);
    // The card is sent, then Redis dies before the entry leaves the outbox, and comes back empty.
    dying = true;
    items.set('a', [item('x', 'Xavier Before leaves Acme', at(50_000))]);
    await expect(pipeline.runCycle()).rejects.toThrow('connection lost');
    expect(channel.cards).toHaveLength(1);
    dying = false;
    await lose(backend);
    later(60_000);
    expect((await pipeline.runCycle()).storeLost).toBe(true);
    expect(channel.looked).toEqual(['Xavier Before']);
    expect(channel.cards).toHaveLength(1);
  });
});
