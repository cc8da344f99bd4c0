import cron from 'node-cron';
import type { Logger } from './logger.ts';

/** The time between two runs of a cron expression, in ms (used as the feed lease period). */
export function scheduleInterval(schedule: string, timezone?: string): number {
  const task = cron.createTask(schedule, () => {}, { timezone });
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : 60_000;
}

export interface Poller {
  /** Whether a cycle is under way now. */
  busy(): boolean;
  /** Resolves when the cycle under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `cycle` now and then on the cron schedule. A tick that fires while a cycle is still running is
 * skipped, so a slow cycle never piles up behind itself. The skips of one long cycle make two log lines,
 * not one per tick: a warning at the first, and a count when the cycle ends.
 */
export function startPoller(opts: {
  schedule: string;
  timezone?: string;
  /** Runs one cycle; `slot` names the scheduled tick. */
  cycle: (slot?: string) => Promise<unknown>;
  log: Logger;
}): Poller {
  const log = opts.log;
  let running: Promise<void> | null = null;
  let stopped = false;
  let skipped = 0;
  /** Cycles failed in a row (a whole cycle fails when the store cannot be reached). */
  let failedInARow = 0;

  const tick = (slot?: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      if (++skipped === 1) log.warn('previous cycle still running: tick skipped');
      return Promise.resolve();
    }
    const started = Date.now();
    running = opts
      .cycle(slot)
      .then(
        () => {
          if (failedInARow > 0) log.info({ failed: failedInARow }, `cycles work again after ${failedInARow} failed: the store answers`);
          failedInARow = 0;
        },
        (err: unknown) => {
          failedInARow++;
          log.error({ err }, 'cycle failed');
        },
      )
      .finally(() => {
        if (skipped > 0) {
          const ms = Date.now() - started;
          log.warn({ skipped, ms }, `cycle took ${ms} ms: ${skipped} tick${skipped === 1 ? '' : 's'} skipped`);
        }
        skipped = 0;
        running = null;
      });
    return running;
  };

  // Replicas firing for the same scheduled minute share one slot name, and so one lease per feed.
  const task = cron.schedule(opts.schedule, (ctx) => tick(ctx.date.toISOString()), {
    name: 'exits-poll',
    // Overlaps are handled by tick(): node-cron's own noOverlap warns on every blocked tick.
    timezone: opts.timezone,
    logger: {
      info: (m) => log.debug({ cron: true }, m),
      warn: (m) => log.warn({ cron: true }, m),
      error: (m, err) => log.error({ cron: true, err }, String(m)),
      debug: (m) => log.debug({ cron: true }, String(m)),
    },
  });
  // The cycle at start gets a slot too, shared by replicas started within the same interval.
  const interval = scheduleInterval(opts.schedule, opts.timezone);
  void tick(`start:${Math.floor(Date.now() / interval)}`);
  log.info({ schedule: opts.schedule, next: task.getNextRun()?.toISOString() }, 'poller started');

  return {
    busy: () => running !== null,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
  };
}
