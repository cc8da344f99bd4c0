import { errorMessage } from '../core/errors.ts';
import type { Notifier, Store } from '../core/ports.ts';
import type { DetectInput, Watchlist } from '../core/types.ts';
import { compileWatchlist, detect } from '../detect/index.ts';
import { consoleNotifier } from '../notify/console/console.ts';
import { type CycleDeps, runCycle } from '../pipeline/cycle.ts';
import { createFeedFetcher } from '../sources/index.ts';
import { createStore, openBackend } from '../store/index.ts';
import { type Config, type Env, loadWatchlist, sourcesOf } from './config.ts';
import type { Logger } from './logger.ts';

/** The store URL in force: --store, else REDIS_URL, else the config's. */
export function storeUrl(config: Config, env: Env, override?: string): string {
  return override ?? env.REDIS_URL ?? config.store;
}

export function openConfiguredStore(config: Config, env: Env, log: Logger, override?: string): Store {
  const backend = openBackend(storeUrl(config, env, override));
  log.debug({ store: backend.kind, location: backend.location }, 'store opened');
  return createStore(backend, { seenTtlMs: config.seenTtlDays * 86_400_000 });
}

export function createDetector(watchlist: Watchlist): (input: DetectInput) => ReturnType<typeof detect> {
  const compiled = compileWatchlist(watchlist);
  return (input) => detect(input, compiled);
}

export interface Bot {
  watchlist: Watchlist;
  store: Store;
  cycle(): ReturnType<typeof runCycle>;
  close(): Promise<void>;
}

/** Composition root for polling: everything a cycle needs, built once from config and environment. */
export function createBot(opts: {
  config: Config;
  env: Env;
  log: Logger;
  storeOverride?: string;
  feedOverride?: string[];
  json?: boolean;
}): Bot {
  const { config, env, log } = opts;
  const watchlist = loadWatchlist(config);
  const store = openConfiguredStore(config, env, log, opts.storeOverride);
  const notifiers: Notifier[] = [consoleNotifier({ json: opts.json })];
  const deps: CycleDeps = {
    sources: sourcesOf(config, opts.feedOverride),
    fetcher: createFeedFetcher(config.http),
    store,
    detect: createDetector(watchlist),
    notifiers,
    clock: { now: () => new Date() },
    log: log.child({ module: 'pipeline' }),
    maxAgeMs: config.maxAgeHours * 3_600_000,
    postOnFirstSight: config.postOnFirstSight,
    concurrency: config.concurrency,
  };
  return {
    watchlist,
    store,
    cycle: () => runCycle(deps),
    async close() {
      for (const n of notifiers) {
        try {
          await n.close?.();
        } catch (err) {
          log.warn({ notifier: n.name }, `closing ${n.name}: ${errorMessage(err)}`);
        }
      }
      await store.close();
    },
  };
}
