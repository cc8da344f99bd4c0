import { describe, expect, it } from 'vitest';
import { event } from './helpers.ts';
import { slackScene } from './scene.ts';

/** Bots whose Web API calls give up after 300 ms. */
const scene = slackScene({ channels: ['C1', 'C2'], timeoutMs: 300 });
const bot = scene.bot;

const posts = () => scene.fake.callsTo('chat.postMessage').map((c) => [c.params.channel, c.status]);

describe('a Slack post whose answer was lost', () => {
  it('is found in the channel by its metadata and not posted again', async () => {
    const { notifier, lines } = bot();
    const e = event({ key: 'lost1' });
    scene.fake.postThenHang(1); // C1 gets the card, but the answer never comes
    await expect(notifier.send(e, ['C1', 'C2'])).rejects.toMatchObject({ code: 'CHAT_PARTIAL' });
    expect(scene.fake.messages.map((m) => m.channel)).toEqual(['C1', 'C2']);
    expect(JSON.parse(scene.fake.messages[0]?.params.metadata ?? '{}')).toEqual({ event_type: 'exits_alert', event_payload: { key: 'lost1' } });

    // The outbox tries C1 again at the next cycle: the card is there already.
    const refs = await notifier.send(e, ['C1']);
    expect(refs).toEqual([{ notifier: 'slack', channel: 'C1', id: scene.fake.messages[0]?.ts }]);
    expect(posts()).toEqual([
      ['C1', 0],
      ['C2', 200],
    ]);
    const [history] = scene.fake.callsTo('conversations.history');
    expect(history?.params).toMatchObject({ channel: 'C1', include_all_metadata: 'true' });
    expect(lines.some((l) => String(l.msg).includes('not posted again'))).toBe(true);
  });

  it('is posted again when the first one never reached the channel', async () => {
    const { notifier } = bot();
    const e = event({ key: 'lost2' });
    scene.fake.hangNext('chat.postMessage'); // kept waiting and never posted
    await expect(notifier.send(e, ['C1'])).rejects.toMatchObject({ code: 'SLACK_POST_FAILED' });
    await notifier.send(e, ['C1']);
    expect(scene.fake.messages.map((m) => m.channel)).toEqual(['C1']);
    expect(scene.fake.callsTo('conversations.history')).toHaveLength(1);
    // Only a post whose outcome was unknown is looked for: the next event posts straight away.
    await notifier.send(event({ key: 'other' }), ['C1']);
    expect(scene.fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('waits for the next try when the history lookup itself fails for a reason that may pass', async () => {
    const { notifier } = bot();
    const e = event({ key: 'lost5' });
    scene.fake.postThenHang(1);
    await expect(notifier.send(e, ['C1'])).rejects.toMatchObject({ code: 'SLACK_POST_FAILED' });
    scene.fake.failNext('conversations.history', { status: 503 });
    await expect(notifier.send(e, ['C1'])).rejects.toMatchObject({ message: expect.stringContaining('C1: http_503') });
    expect(scene.fake.messages).toHaveLength(1); // not posted blindly meanwhile
    await notifier.send(e, ['C1']);
    expect(scene.fake.messages).toHaveLength(1);
    expect(scene.fake.callsTo('conversations.history').map((c) => c.status)).toEqual([503, 200]);
  });

  it('is looked for first when an earlier process began sending it, and posted where it is missing', async () => {
    const e = event({ key: 'crash1' });
    // The process that died had posted to C1 and recorded nothing.
    await bot().notifier.send(e, ['C1']);
    const since = new Date(Date.now() - 5000).toISOString();
    const refs = await bot().notifier.send(e, ['C1', 'C2'], since);
    expect(scene.fake.messages.map((m) => m.channel)).toEqual(['C1', 'C2']);
    expect(refs).toEqual([
      { notifier: 'slack', channel: 'C1', id: scene.fake.messages[0]?.ts },
      { notifier: 'slack', channel: 'C2', id: scene.fake.messages[1]?.ts },
    ]);
    expect(scene.fake.callsTo('conversations.history').map((c) => c.params.channel)).toEqual(['C1', 'C2']);
  });

  it('is posted again when the history cannot be read, and the log says why it may appear twice', async () => {
    const { notifier, lines } = bot();
    scene.fake.historyError('missing_scope');
    for (const key of ['lost3', 'lost4']) {
      scene.fake.postThenHang(1);
      await expect(notifier.send(event({ key }), ['C1'])).rejects.toMatchObject({ code: 'SLACK_POST_FAILED' });
      await notifier.send(event({ key }), ['C1']);
    }
    expect(scene.fake.messages).toHaveLength(4);
    const warned = lines.filter((l) => l.level === 'warn' && String(l.msg).includes('history'));
    expect(warned).toHaveLength(1); // once per reason, not per card
    expect(warned[0]).toMatchObject({ level: 'warn', reason: 'missing_scope' });
    expect(String(warned[0]?.msg)).toContain('channels:history');
  });
});
