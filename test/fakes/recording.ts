import { ExitsError } from '../../src/core/errors.ts';
import type { FeedFetcher, Notifier, PollResult, SourceSpec } from '../../src/core/ports.ts';
import type { EventRecord, FeedState, Item, PostRef } from '../../src/core/types.ts';

/** A notifier that keeps what it was asked to send and edit, and can be told to fail. */
export function recordingNotifier(name = 'recording', fail?: (e: EventRecord) => boolean) {
  const sent: EventRecord[] = [];
  const posts: { event: EventRecord; channels: string[] }[] = [];
  const edits: { event: EventRecord; refs: PostRef[] }[] = [];
  const notifier: Notifier = {
    name,
    async send(e, channels) {
      if (fail?.(e)) throw new ExitsError('CHAT_REFUSED', `${name} refused`);
      sent.push(e);
      posts.push({ event: e, channels });
      return channels.map((channel) => ({ notifier: name, channel, id: `${channel}/${e.key}` }));
    },
    async update(e, refs) {
      edits.push({ event: e, refs });
    },
  };
  return { notifier, sent, posts, edits };
}

/** A fetcher whose answers the test sets per source id; records each poll and the state it was given. */
export function scriptedFetcher() {
  const items = new Map<string, Item[] | ExitsError>();
  const polls: { id: string; previous: FeedState | undefined }[] = [];
  const fetcher: FeedFetcher = {
    async poll(spec: SourceSpec, previous): Promise<PollResult> {
      polls.push({ id: spec.id, previous });
      const answer = items.get(spec.id) ?? [];
      const state: FeedState = { ...previous };
      if (answer instanceof ExitsError) {
        return { status: 'error', error: answer, state: { ...state, failures: (state.failures ?? 0) + 1 } };
      }
      return { status: 'ok', items: answer, state: { ...state, lastOkAt: '2026-11-23T00:00:00.000Z' } };
    },
  };
  return { fetcher, items, polls };
}

/** A minimal log that keeps its lines for assertions. */
export function memoryLog() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  return { log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }, lines };
}
