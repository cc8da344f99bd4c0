import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.ts';
import { startPoller } from '../../src/app/schedule.ts';

interface Line {
  level: number;
  msg: string;
  skipped?: number;
}

const WARN = 40;

describe('poller', () => {
  it('skips the ticks that fire during a long cycle, with one warning and one count, not one line per tick', async () => {
    const lines: Line[] = [];
    const log = createLogger('debug', { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
    const slots: (string | undefined)[] = [];
    let release: () => void = () => {};
    let cycles = 0;
    const poller = startPoller({
      schedule: '* * * * * *', // every second
      log,
      cycle: (slot) => {
        slots.push(slot);
        // The first cycle lasts past at least three ticks; the next ones end at once.
        if (++cycles > 1) return Promise.resolve();
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });
    while (lines.filter((l) => l.msg === 'previous cycle still running: tick skipped').length === 0) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 2500)); // two or three more ticks, all skipped
    expect(cycles).toBe(1);
    release();
    while (cycles < 2) await new Promise((r) => setTimeout(r, 50));
    await poller.stop();

    const warnings = lines.filter((l) => l.level >= WARN);
    expect(warnings.map((l) => l.msg.replace(/\d+/g, 'N'))).toEqual([
      'previous cycle still running: tick skipped',
      'cycle took N ms: N ticks skipped',
    ]);
    expect(warnings[1]?.skipped).toBeGreaterThanOrEqual(3);
    // The start-up cycle has its own slot; the next scheduled one is named by its tick.
    expect(slots[0]).toMatch(/^start:\d+$/);
    expect(slots[1]).toMatch(/^\d{4}-\d\d-\d\dT/);
  }, 15_000);

  it('says when cycles work again after failing, once', async () => {
    const lines: Line[] = [];
    const log = createLogger('debug', { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
    let cycles = 0;
    const poller = startPoller({
      schedule: '* * * * * *',
      log,
      // The store is down for the first two cycles, then answers.
      cycle: () => (++cycles <= 2 ? Promise.reject(new Error('redis store: not connected')) : Promise.resolve()),
    });
    while (cycles < 4) await new Promise((r) => setTimeout(r, 50));
    await poller.stop();
    expect(lines.filter((l) => l.msg === 'cycle failed')).toHaveLength(2);
    expect(lines.filter((l) => l.msg.startsWith('cycles work again')).map((l) => l.msg)).toEqual([
      'cycles work again after 2 failed: the store answers',
    ]);
  }, 15_000);
});
