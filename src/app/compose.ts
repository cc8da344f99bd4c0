import type { QueryContext } from '../commands/query.ts';
import { errorMessage } from '../core/errors.ts';
import type { Notifier, SourceSpec, Store } from '../core/ports.ts';
import type { AddedFeed, ChannelRoute, DetectInput, Watchlist } from '../core/types.ts';
import { compileWatchlist, detect } from '../detect/index.ts';
import { CONSOLE_CHANNEL, consoleNotifier } from '../notify/console/console.ts';
import { type CycleDeps, type CycleReport, createPipeline } from '../pipeline/cycle.ts';
import type { PollingPolicy } from '../pipeline/due.ts';
import { DEFAULT_HOST_LIMITS, type HostLimits } from '../pipeline/hosts.ts';
import { checkFeedUrl } from '../sources/guard.ts';
import { createFeedFetcher } from '../sources/index.ts';
import { createStore, openBackend } from '../store/index.ts';
import { hostname } from 'node:os';
import { type ChatAdapter, createChatAdapters } from './chat.ts';
import { scheduleInterval } from './schedule.ts';
import { type Config, type Env, loadWatchlist, sourcesOf } from './config.ts';
import type { Logger } from './logger.ts';
import { loadGivenNames } from './givennames.ts';
import { composePush, pollOnlyForSafety } from './push.ts';
import type { Push, PushMetrics } from '../push/index.ts';

/** The store URL in force: --store, else REDIS_URL, else the config's. */
export function storeUrl(config: Config, env: Env, override?: string): string {
  return override ?? env.REDIS_URL ?? config.store;
}

export function openConfiguredStore(config: Config, env: Env, log: Logger, override?: string): Store {
  const backend = openBackend(storeUrl(config, env, override));
  log.info({ store: backend.kind, location: backend.location }, `store: ${backend.kind} ${backend.location}`);
  return createStore(backend, { seenTtlMs: config.seenTtlDays * 86_400_000 });
}

export function createDetector(watchlist: Watchlist): (input: DetectInput) => ReturnType<typeof detect> {
  const compiled = compileWatchlist(watchlist);
  return (input) => detect(input, compiled);
}

export interface Bot {
  watchlist: Watchlist;
  store: Store;
  /** Connects the chat platforms; `interactive` also listens for /exits commands. */
  start(opts: { interactive: boolean }): Promise<void>;
  cycle(slot?: string): Promise<CycleReport>;
  /** WebSub push, when the config has push.publicUrl and the bot runs (not exits once). */
  push?: Push;
  /** Where push reports its counters (the health server, once started). */
  pushMetrics?: PushMetrics;
  close(): Promise<void>;
}

/**
 * This process's name in shared leases: EXITS_REPLICA_ID when set (a process started again under it
 * resumes its leases at once). Otherwise a bot on a store only it uses (SQLite, memory) is named by its
 * host, so its restart after a crash resumes them too; bots sharing Redis need a name each (host:pid),
 * and so does a one-shot `exits once`, which may run beside the bot.
 */
export function replicaName(env: Env, store: string, oneShot: boolean): string {
  if (env.EXITS_REPLICA_ID) return env.EXITS_REPLICA_ID;
  if (oneShot) return `${hostname()}:once:${process.pid}`;
  return /^rediss?:/.test(store) ? `${hostname()}:${process.pid}` : hostname();
}

/** Composition root for polling: everything a cycle needs, built once from config and environment. */
export async function createBot(opts: {
  config: Config;
  env: Env;
  log: Logger;
  storeOverride?: string;
  feedOverride?: string[];
  json?: boolean;
  /** `exits once`: a one-shot run beside a running bot takes leases under a name of its own. */
  oneShot?: boolean;
  /** `exits run`: subscribe through WebSub when the config has push.publicUrl. */
  push?: boolean;
}): Promise<Bot> {
  const { config, env, log } = opts;
  const watchlist = loadWatchlist(config);
  await loadGivenNames();
  const store = openConfiguredStore(config, env, log, opts.storeOverride);
  const query = queryContext(config, store, watchlist);
  let chats: ChatAdapter[] = [];
  try {
    chats = await createChatAdapters({ config, env, query, log });
  } catch (err) {
    await store.close();
    throw err;
  }
  const notifiers: Notifier[] = chats.map((c) => c.notifier);
  // Cards go to the console when no chat platform is configured, and JSON lines whenever asked for.
  if (opts.json || notifiers.length === 0) notifiers.push(consoleNotifier({ json: opts.json }));
  const sources = sourcesOf(config, opts.feedOverride);
  const configured = new Set(sources.flatMap((s) => (s.kind === 'feed' ? [new URL(s.url).href] : [])));
  log.info(
    { config: config.file, sources: sources.length, notifiers: notifiers.map((n) => n.name) },
    `watching ${sources.length} sources; alerts go to ${notifiers.map((n) => n.name).join(', ')}`,
  );
  const tickMs = scheduleInterval(config.schedule, config.timezone);
  if (config.polling.adaptive && tickMs > config.polling.maxSeconds * 1000) {
    log.warn(
      { schedule: config.schedule, maxSeconds: config.polling.maxSeconds },
      `the schedule ticks every ${Math.round(tickMs / 1000)} s, less often than polling.maxSeconds: feeds are polled at most once a tick`,
    );
  }
  const deps: CycleDeps = {
    sources,
    addedSources: opts.feedOverride?.length
      ? undefined
      : async () => (await store.getAddedFeeds()).filter((f) => !configured.has(f.url)).map(addedSpec),
    fetcher: createFeedFetcher({ ...config.http, threadPoolSize: env.UV_THREADPOOL_SIZE }),
    store,
    detect: createDetector(watchlist),
    notifiers,
    clock: { now: () => new Date() },
    log: log.child({ module: 'pipeline' }),
    maxAgeMs: config.maxAgeHours * 3_600_000,
    postOnFirstSight: config.postOnFirstSight,
    concurrency: config.concurrency,
    mergeWindowMs: config.mergeWindowDays * 86_400_000,
    updateThrottleMs: config.updateThrottleSeconds * 1000,
    backoff: { baseMs: config.backoff.baseSeconds * 1000, maxMs: config.backoff.maxSeconds * 1000 },
    warnAfterMs: config.warnAfterHours * 3_600_000,
    routes: () => channelRoutes(config, store, notifiers),
    admin: adminChannel(config, notifiers, log),
    owner: replicaName(env, storeUrl(config, env, opts.storeOverride), opts.oneShot === true),
    leaseMs: tickMs,
    polling: pollingPolicy(config, tickMs),
    hosts: hostLimits(config),
  };
  const pipeline = createPipeline(deps);
  const bot: Bot = {
    watchlist,
    store,
    async start(startOpts) {
      for (const chat of chats) await chat.start(startOpts);
    },
    cycle: (slot) => pipeline.runCycle(slot),
    async close() {
      for (const chat of chats) {
        try {
          await chat.close();
        } catch (err) {
          log.warn({ notifier: chat.notifier.name }, `closing ${chat.notifier.name}: ${errorMessage(err)}`);
        }
      }
      await store.close();
    },
  };
  if (opts.push) {
    bot.push = composePush({
      config,
      store,
      fetcher: deps.fetcher,
      pipeline,
      sources: async () => [...sources, ...((await deps.addedSources?.()) ?? [])],
      log,
      owner: deps.owner ?? 'exits',
      metrics: () => bot.pushMetrics,
    });
    if (bot.push) pollOnlyForSafety(deps, bot.push.manager);
  }
  return bot;
}

/** What /exits needs to answer: the history, the watchlist, and the check a feed added from chat passes. */
export function queryContext(config: Config, store: Store, watchlist: Watchlist = loadWatchlist(config)): QueryContext {
  return {
    store,
    people: watchlist.people,
    now: () => new Date(),
    feeds: {
      configured: config.feeds.map((f) => new URL(f.url).href),
      configuredIds: config.feeds.map((f) => f.url),
      accounts: sourcesOf(config).flatMap((s) => (s.kind === 'x' ? [{ id: s.id, handle: s.handle }] : [])),
      check: (url) => checkFeedUrl(url, { allowPrivate: config.http.allowPrivateAddresses }),
    },
  };
}

/** Adaptive polling as configured; undefined (every feed at every tick) when turned off. */
export function pollingPolicy(config: Config, tickMs: number): PollingPolicy | undefined {
  const p = config.polling;
  if (!p.adaptive) return undefined;
  return { minMs: p.minSeconds * 1000, maxMs: p.maxSeconds * 1000, feedHints: p.feedHints, graceMs: tickMs / 2 };
}

/** The configured per-host limits over the defaults (Google News and the public X mirrors: 2 at once, 1 s apart). */
export function hostLimits(config: Config): HostLimits {
  const named = Object.fromEntries(Object.entries(config.polling.hosts).map(([host, limit]) => [host.toLowerCase(), limit]));
  return { perHost: config.polling.perHost, hosts: { ...DEFAULT_HOST_LIMITS.hosts, ...named } };
}

function addedSpec(f: AddedFeed): SourceSpec {
  return { kind: 'feed', id: f.url, name: f.name, url: f.url, lang: null, untrusted: true };
}

/** The admin channel's poster, when the config names one on an active platform. */
export function adminChannel(config: Config, notifiers: Notifier[], log: Logger): CycleDeps['admin'] {
  const admin = config.admin;
  if (!admin) return undefined;
  const notifier =
    notifiers.find((n) => n.name === admin.platform) ?? (admin.platform === 'console' ? consoleNotifier() : undefined);
  if (!notifier?.notice) {
    log.warn({ admin: admin.platform }, `admin channel is on ${admin.platform}, which is not connected: warnings go to the log only`);
    return undefined;
  }
  const channel = admin.channel ?? CONSOLE_CHANNEL;
  return (text) => notifier.notice?.(channel, text) ?? Promise.resolve();
}

/** Every channel of every active notifier, with its config filters and its run-time watchlist. */
export async function channelRoutes(config: Config, store: Store, notifiers: Notifier[]): Promise<ChannelRoute[]> {
  const routes: ChannelRoute[] = [];
  for (const n of notifiers) {
    if (n.name === 'console') {
      routes.push({ platform: 'console', channel: CONSOLE_CHANNEL });
      continue;
    }
    const channels = n.name === 'discord' ? config.discord.channels : n.name === 'slack' ? config.slack.channels : [];
    for (const c of channels) {
      const watch = await store.getWatch(n.name, c.id);
      routes.push({
        platform: n.name,
        channel: c.id,
        people: watch?.people ?? c.people,
        companies: watch?.companies ?? c.companies,
        kinds: c.kinds,
        languages: c.languages,
        minConfidence: c.minConfidence,
      });
    }
  }
  return routes;
}
