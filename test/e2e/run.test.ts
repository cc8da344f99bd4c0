import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { BIN } from './run-cli.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-run-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `exits run` and collects its log lines; resolves `waitFor` when a line matches. */
function startBot(config: string) {
  const { REDIS_URL: _r, ...env } = process.env;
  const child = spawn(process.execPath, [BIN, 'run', '--config', config], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const logs: Record<string, unknown>[] = [];
  const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  let buffer = '';
  child.stderr.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.startsWith('{'))) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      for (const w of waiters.filter((x) => x.test(entry))) w.resolve();
    }
  });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const waitFor = (test: (l: Record<string, unknown>) => boolean) =>
    new Promise<void>((r) => {
      if (logs.some(test)) r();
      else waiters.push({ test, resolve: r });
    });
  return { child, logs, exited, waitFor };
}

describe('exits run', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`polls on its schedule and stops cleanly on ${signal}`, async () => {
      const config = join(dir, `${signal}.yaml`);
      writeFileSync(
        config,
        [
          'schedule: "* * * * * *"',
          `store: sqlite://${join(dir, `${signal}.sqlite`)}`,
          `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
          'feeds:',
          `  - { name: rss, url: "${server.url}/feeds/news-rss2.xml" }`,
          `  - { name: broken, url: "${server.url}/status/500" }`,
        ].join('\n'),
      );
      const bot = startBot(config);
      // The first cycle runs at start; a second comes from the cron schedule.
      await bot.waitFor((l) => l.msg === 'poller started');
      const cycles = () => bot.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('cycle done'));
      await bot.waitFor(() => cycles().length >= 2);
      bot.child.kill(signal);
      expect(await bot.exited).toBe(0);
      expect(bot.logs.some((l) => l.msg === 'stopped')).toBe(true);
      expect(cycles()[0]).toMatchObject({ feeds: 2, failed: 1 });
      // The broken feed failed once, then waits out its backoff instead of being hammered every second.
      expect(bot.logs.filter((l) => l.feed === 'broken' && l.code === 'HTTP_STATUS')).toHaveLength(1);
    });
  }
});
