import { describe, expect, it } from 'vitest';
import { startHealth } from '../../src/app/health.ts';
import type { CycleReport } from '../../src/pipeline/cycle.ts';
import { captureLog } from '../discord/helpers.ts';

describe('/metrics', () => {
  it('counts the alerts set aside as undeliverable, and how many are aside now', async () => {
    const health = await startHealth(0, captureLog().log);
    try {
      const report: CycleReport = {
        feeds: [],
        alerts: [],
        updates: [],
        chatErrors: 3,
        setAside: [{ key: 'k1', reason: 'discord: 50035 Invalid Form Body' }],
        durationMs: 5,
      };
      health.cycle(report, 0, 1);
      health.cycle({ ...report, setAside: [] }, 0, 1);
      const metrics = await (await fetch(`http://127.0.0.1:${health.port}/metrics`)).text();
      expect(metrics).toMatch(/^exits_alerts_undeliverable_total 1$/m);
      expect(metrics).toMatch(/^exits_alerts_set_aside 1$/m);
    } finally {
      await health.close();
    }
  });
});
