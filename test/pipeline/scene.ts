/** A pipeline over scripted feeds, a stand-in detector and a recording notifier, for the pipeline tests. */
import type { SourceSpec } from '../../src/core/ports.ts';
import type { ChannelRoute, DetectInput, Item } from '../../src/core/types.ts';
import { type CycleDeps, createPipeline } from '../../src/pipeline/cycle.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { memoryLog, recordingNotifier, scriptedFetcher } from '../fakes/recording.ts';

export const NOW = new Date('2024-09-26T12:00:00Z');

export function item(id: string, title: string, published = '2024-09-26T08:00:00.000Z'): Item {
  return {
    id,
    feedId: 'f',
    source: 'Feed',
    kind: 'news',
    title,
    summary: '',
    url: `https://example.com/${id}`,
    published,
    lang: 'en',
    author: null,
  };
}

/** Stands in for the detector: "<Name> leaves <Org>" titles are changes. */
function detectLeaves(input: DetectInput) {
  const m = /^(.+) (leaves|joins) (\w+)/.exec(input.title);
  if (!m) return [];
  const joins = m[2] === 'joins';
  return [
    {
      person: m[1] as string,
      org: joins ? null : (m[3] as string),
      type: joins ? ('joined' as const) : ('departure' as const),
      role: null,
      destination: joins ? (m[3] as string) : null,
      evidence: input.title,
      confidence: input.title.includes('!') ? 0.95 : 0.9,
      lang: null,
    },
  ];
}

const feeds: SourceSpec[] = [
  { kind: 'feed', id: 'a', name: 'Feed A', url: 'http://a', lang: null },
  { kind: 'feed', id: 'b', name: 'Feed B', url: 'http://b', lang: null },
];

export function setup(overrides: Partial<CycleDeps> = {}, routes: ChannelRoute[] = [{ platform: 'recording', channel: 'c1' }]) {
  const { fetcher, items, polls } = scriptedFetcher();
  const recording = recordingNotifier();
  const { log, lines } = memoryLog();
  const backend = memoryBackend();
  const store = createStore(backend);
  const deps: CycleDeps = {
    sources: feeds,
    fetcher,
    store,
    detect: detectLeaves,
    notifiers: [recording.notifier],
    routes: async () => routes,
    clock: { now: () => NOW },
    log,
    maxAgeMs: 48 * 3_600_000,
    postOnFirstSight: false,
    concurrency: 2,
    mergeWindowMs: 14 * 86_400_000,
    updateThrottleMs: 0,
    ...overrides,
  };
  /** Moves the pipeline's clock on (a failed card waits out its backoff before the next try). */
  const later = (ms: number) => {
    const t = deps.clock.now().getTime() + ms;
    deps.clock = { now: () => new Date(t) };
  };
  return { deps, pipeline: createPipeline(deps), items, polls, lines, store, backend, later, ...recording };
}

