/**
 * A test file's fake Slack Web API and the bots that talk to it: the fake starts once for the file,
 * and after each test the bots are closed and the fake forgets what it was sent.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSlackBot, type SlackBot, type SlackBotOptions } from '../../src/notify/slack/bot.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { captureLog } from './helpers.ts';

export interface SlackScene {
  /** Set once the file's tests start. */
  fake: FakeSlack;
  /** A bot against the fake, with this scene's defaults and `over`; closed after the test. */
  bot(over?: Partial<SlackBotOptions>): { bot: SlackBot; notifier: SlackBot['notifier']; lines: Record<string, unknown>[] };
}

export function slackScene(defaults: Partial<SlackBotOptions> = {}): SlackScene {
  const bots: SlackBot[] = [];
  const scene: SlackScene = {
    fake: undefined as unknown as FakeSlack,
    bot(over = {}) {
      const capture = captureLog();
      const b = createSlackBot({
        botToken: 'xoxb-fake',
        apiUrl: scene.fake.apiUrl,
        channels: ['C1'],
        ask: async () => ({ ok: false, error: 'unused' }),
        log: capture.log,
        mode: null,
        retry: { baseDelayMs: 5 },
        connectRetries: 0,
        ...defaults,
        ...over,
      });
      bots.push(b);
      return { bot: b, notifier: b.notifier, lines: capture.lines };
    },
  };
  beforeAll(async () => {
    scene.fake = await startFakeSlack();
  });
  afterAll(async () => {
    await scene.fake?.close();
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.close();
    scene.fake.calls.length = 0;
    scene.fake.messages.length = 0;
    scene.fake.historyError(null);
  });
  return scene;
}
