/** The commands themselves, loaded by main.ts only once a command needs them: `exits --help` stays fast. */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { answerRequest, type ExitsRequest, type WatchTarget } from '../commands/query.ts';
import { ExitsError, errorMessage } from '../core/errors.ts';
import { buildCard } from '../notify/card.ts';
import { alertJson, renderConsoleCard } from '../notify/console/console.ts';
import type { Command, QueryCommand } from './cli.ts';
import { backupSqlite } from '../store/backup.ts';
import { loadGivenNames } from './givennames.ts';
import { createBot, createDetector, openConfiguredStore, queryContext, storeUrl } from './compose.ts';
import { type Config, DEFAULT_CONFIG, type Env, loadConfig, loadWatchlist } from './config.ts';
import type { Logger } from './logger.ts';
import { startHealth } from './health.ts';
import { readFeeds } from './read.ts';
import { outboxCommand } from './outbox.ts';
import { startPoller } from './schedule.ts';
import { out, stdoutClosed } from './output.ts';
import { type StopSignal, stopSignal } from './signals.ts';

function configFile(cmd: { config?: string }, env: Env): string {
  return cmd.config ?? env.EXITS_CONFIG ?? DEFAULT_CONFIG;
}

/** Answers a history question from the CLI with the same queries /exits uses, every page at once. */
async function queryCommand(cmd: QueryCommand, config: Config, env: Env, log: Logger): Promise<number> {
  const store = openConfiguredStore(config, env, log, cmd.store);
  try {
    const ctx = queryContext(config, store);
    const req = cmd.request;
    const request: ExitsRequest =
      req.sub === 'watch'
        ? { ...req, channel: watchTarget(config, req.platform, req.channel) }
        : req.sub === 'feeds'
          ? { ...req, asker: { id: 'cli', mayEdit: true } }
          : req;
    let answer = await answerRequest(request, ctx);
    if (!answer.ok) {
      // Nothing found is an answer (exit 0); anything else refused is the asker's mistake (exit 2).
      if (answer.nothing) {
        if (!cmd.json) out(`${answer.error}\n`);
        return 0;
      }
      process.stderr.write(`exits: ${answer.error}\n`);
      return 2;
    }
    if (answer.events === undefined) {
      const where = req.sub === 'watch' ? `${req.platform}:${req.channel}: ` : '';
      out(`${where}${answer.title}\n${answer.lines.map((l) => `  ${l}\n`).join('')}`);
      return 0;
    }
    // Every page is printed, so the chat's "1–10 of 34" would be wrong here: the header gives the total.
    if (answer.total === 0) {
      if (!cmd.json) out(`${answer.summary}\n`);
      return 0;
    }
    if (!cmd.json) out(`${answer.title}: ${answer.total} ${answer.total === 1 ? 'change' : 'changes'}\n\n`);
    for (let page = 1; ; page++) {
      if (!answer.ok || answer.events === undefined || stdoutClosed()) return 0;
      for (const e of answer.events) out(cmd.json ? `${alertJson(e)}\n` : `${renderConsoleCard(buildCard(e))}\n`);
      if (page >= answer.pages) return 0;
      answer = await answerRequest({ ...(request as Extract<ExitsRequest, { page?: number }>), page: page + 1 }, ctx);
    }
  } finally {
    await store.close();
  }
}

/** The CLI edits a channel's watchlist as its owner would: permission is having the config and the store. */
function watchTarget(config: Config, platform: string, channel: string): WatchTarget {
  const channels = platform === 'discord' ? config.discord.channels : config.slack.channels;
  const entry = channels.find((c) => c.id === channel);
  if (!entry) {
    process.stderr.write(
      `exits: note: ${platform}:${channel} is not in ${config.file} (${platform}.channels): it receives no cards until it is added there\n`,
    );
  }
  return { platform, channel, configured: { people: entry?.people, companies: entry?.companies }, mayEdit: true };
}

async function detectCommand(config: Config, input: string | undefined, log: Logger): Promise<number> {
  await loadGivenNames();
  const detector = createDetector(loadWatchlist(config));
  if (input && !existsSync(input)) throw new ExitsError('BAD_INPUT', `input file ${input} does not exist`);
  const lines = createInterface({
    input: input ? createReadStream(input) : process.stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  let bad = 0;
  for await (const line of lines) {
    if (stdoutClosed()) break;
    n++;
    if (!line.trim()) continue;
    let item: Record<string, unknown>;
    try {
      item = JSON.parse(line);
      if (typeof item !== 'object' || item === null || typeof item.title !== 'string') throw new Error('no "title"');
    } catch (err) {
      bad++;
      log.error({ line: n }, `${input ?? 'stdin'} line ${n} is not an item: ${errorMessage(err)}`);
      continue;
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const events = detector({
      title: item.title as string,
      summary: str(item.summary) ?? '',
      body: str(item.body),
      lang: str(item.lang) ?? null,
      kind: item.kind === 'x_post' ? 'x_post' : 'news',
      author: str(item.author) ?? null,
      published: str(item.published) ?? null,
    });
    // `person` is the name as the scorer reads it (own script, matching a label's aliases); `latin` rides beside it.
    const slim = events.map(({ person, latin, org, type, role, destination }) => ({
      person,
      ...(latin ? { latin } : {}),
      org,
      type,
      role,
      destination,
    }));
    out(`${JSON.stringify({ id: item.id ?? null, is_change: slim.length > 0, events: slim })}\n`);
  }
  return bad > 0 ? 1 : 0;
}

async function backupCommand(store: string, file: string): Promise<number> {
  const path = /^sqlite:\/\/([^?]+)/.exec(store)?.[1];
  if (!path) {
    throw new ExitsError('BAD_ARGUMENT', `backup copies an SQLite store, and the store is ${store}: back Redis up with its own snapshots (BGSAVE)`);
  }
  const copy = await backupSqlite(path, file);
  out(`backed up ${path} to ${copy.file} (${copy.bytes} bytes, checked)\n`);
  return 0;
}

async function runCommand(config: Config, env: Env, storeOverride: string | undefined, log: Logger, signals: StopSignal): Promise<number> {
  const { stop, asked } = signals;
  const bot = await createBot({ config, env, log, storeOverride, push: true });
  try {
    await bot.start({ interactive: true });
  } catch (err) {
    await bot.close();
    throw err;
  }
  if (asked()) {
    log.info({ signal: await stop }, 'stopping during start-up');
    await within(STOP_CLOSE_MS, bot.close());
    return 0;
  }
  const healthPort = env.HEALTH_PORT ?? config.health?.port;
  const healthHost = env.HEALTH_HOST ?? config.health?.host;
  if (bot.push && healthPort === undefined) {
    await bot.close();
    throw new ExitsError(
      'BAD_CONFIG',
      `config ${config.file}: push.publicUrl is set but the health server is off: set health.port (or HEALTH_PORT), since hubs call back on it under /websub/`,
    );
  }
  const health = healthPort === undefined ? null : await startHealth(healthPort, log, healthHost);
  if (health && bot.push) {
    health.mount(bot.push.handle);
    bot.pushMetrics = health.push;
  }
  const cycle = async (slot?: string) => {
    try {
      const report = await bot.cycle(slot);
      // Subscribes to hubs the cycle discovered, renews, unsubscribes; a hub's trouble never fails a cycle.
      await bot.push?.manager.reconcile().catch((err: unknown) => log.warn({ module: 'push' }, `WebSub upkeep failed: ${errorMessage(err)}`));
      const [pending, aside] = await Promise.all([bot.store.outboxList(), bot.store.setAsideList()]);
      health?.cycle(report, pending.length, aside.length);
    } catch (err) {
      health?.cycle(err instanceof Error ? err : new Error(String(err)), null);
      throw err;
    }
  };
  const poller = startPoller({ schedule: config.schedule, timezone: config.timezone, cycle, log });
  const signal = await stop;
  log.info({ signal }, poller.busy() ? 'stopping: finishing the cycle under way' : 'stopping');
  // Whatever is not sent by then stays in the outbox, written before any send, for the next start.
  const finished = await within(STOP_CYCLE_MS, poller.stop());
  if (!finished) log.warn(`the cycle under way did not finish within ${STOP_CYCLE_MS / 1000} s; unsent alerts stay in the outbox`);
  if (!(await within(STOP_CLOSE_MS, Promise.all([bot.close(), health?.close()])))) log.warn('closing connections timed out');
  log.info('stopped');
  // A request still hanging on a chat API must not hold the process past the deadline.
  setTimeout(() => process.exit(0), 500).unref();
  return 0;
}

/** Shutdown budget: SIGTERM to exit within 10 s, as orchestrators expect before they SIGKILL. */
const STOP_CYCLE_MS = 7_000;
const STOP_CLOSE_MS = 2_000;

/** Whether `work` settles within `ms` (its failure counts as settled: shutdown goes on regardless). */
function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => resolve(true),
      () => resolve(true),
    ).finally(() => clearTimeout(timer));
  });
}

export async function execute(cmd: Exclude<Command, { name: 'help' }>, env: Env, log: Logger, signals?: StopSignal): Promise<number> {
  if (cmd.name === 'commands-register') {
    const { registerDiscordCommands } = await import('./discord.ts');
    const done = await registerDiscordCommands({ env, log });
    const where =
      done.scope === 'guild' ? `server ${done.guildId}` : 'all servers (global; may take up to an hour to appear)';
    out(`registered /exits with Discord for ${where}\n`);
    return 0;
  }
  if (cmd.name === 'read') return readFeeds(cmd.urls, { json: cmd.json, write: out });
  const config = loadConfig(configFile(cmd, env));
  switch (cmd.name) {
    case 'backup':
      return backupCommand(storeUrl(config, env, cmd.store), cmd.file);
    case 'detect':
      return detectCommand(config, cmd.input, log);
    case 'run':
      return runCommand(config, env, cmd.store, log, signals ?? stopSignal());
    case 'once': {
      const bot = await createBot({
        config,
        env,
        log,
        storeOverride: cmd.store,
        feedOverride: cmd.feeds,
        json: cmd.json,
        oneShot: true,
      });
      try {
        await bot.start({ interactive: false });
        await bot.cycle();
      } finally {
        await bot.close();
      }
      return 0;
    }
    case 'query':
      return queryCommand(cmd, config, env, log);
    case 'outbox': {
      const store = openConfiguredStore(config, env, log, cmd.store);
      try {
        return await outboxCommand(cmd, store, new Date());
      } finally {
        await store.close();
      }
    }
  }
}

