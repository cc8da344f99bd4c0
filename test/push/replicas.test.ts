/**
 * Replicas on one Redis: the hub's verification and deliveries may reach any of them. A delivery of the
 * same body to two replicas at once posts one card (seen items and the person lock in the shared store).
 * Runs whenever REDIS_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { callbackUrl } from '../../src/push/index.ts';
import { createStore } from '../../src/store/index.ts';
import { redisBackend } from '../../src/store/redis.ts';
import { startFakeHub } from '../fakes/fake-hub.ts';
import { startFeedServer } from '../fakes/feed-server.ts';
import { eventually, pushScene } from './scene.ts';

const REDIS = process.env.REDIS_URL;
const prefix = `exits-push-test-${process.pid}-${Date.now()}`;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe.runIf(REDIS)('WebSub with replicas on Redis', () => {
  it('answers a verification on any replica, and posts a delivery that reaches two replicas once', async () => {
    const feeds = await startFeedServer();
    const hub = await startFakeHub();
    cleanup.push(() => feeds.close(), () => hub.close());
    const store = () => createStore(redisBackend(REDIS ?? '', { prefix }));
    const a = await pushScene({ store: store(), feeds, hub, owner: 'replica-a' });
    const b = await pushScene({ store: store(), feeds, hub, owner: 'replica-b', feed: a.feed });
    cleanup.push(() => a.close(true), () => b.close(true));
    // Both publish the same feed (one path on the shared feed server): a polls first, then both upkeep.
    a.feed.add('old-1', 'Quarterly results are in', new Date(a.now() - 3_600_000));
    await a.tick();
    await b.push.manager.reconcile();
    await hub.settled();
    expect(hub.requests.filter((r) => r.mode === 'subscribe')).toHaveLength(1);
    const sub = await b.subscription();
    expect(sub?.status).toBe('active');
    // A verification for the same callback arriving at replica b finds the subscription too.
    const onB = callbackUrl(b.publicUrl, sub?.id ?? '');
    expect(await hub.verify('subscribe', onB, a.feed.url, 1000)).toMatchObject({ status: 200, echoed: true });

    a.feed.add('news-1', 'Apple AI chief John Giannandrea to step down', new Date(a.now()));
    const body = await (await fetch(a.feed.url)).text();
    const onA = callbackUrl(a.publicUrl, sub?.id ?? '');
    const statuses = await Promise.all([hub.deliver(onA, body), hub.deliver(onB, body, { secret: sub?.secret })]);
    expect(statuses).toEqual([202, 202]);
    await eventually(() => a.sent.length + b.sent.length >= 1, 'a card is posted');
    // Both replicas flush their outbox once more: still one card in all.
    await a.pipeline.runCycle();
    await b.pipeline.runCycle();
    expect(a.sent.length + b.sent.length).toBe(1);
  });
});
