import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { BIN } from './run-cli.ts';

export type LogLine = Record<string, unknown>;

export interface BotProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Its stderr, parsed as pino JSON lines, as they arrive. */
  logs: LogLine[];
  /** Everything it wrote to stdout so far (the cards, when no chat token is set). */
  stdout(): string;
  /** The exit code once it has exited. */
  exited: Promise<number | null>;
  /** Resolves once a log line (seen before or later) passes `test`. */
  waitFor(test: (l: LogLine) => boolean): Promise<void>;
  /** Resolves once stdout passes `test` (checked on every chunk). */
  waitForStdout(test: (out: string) => boolean): Promise<void>;
}

/**
 * Starts `exits run --config FILE [args]` as a user would (no REDIS_URL leaking in from the test
 * environment) and collects its log lines and its stdout.
 */
export function startBot(config: string, extraEnv: Record<string, string> = {}, args: string[] = []): BotProcess {
  const { REDIS_URL: _r, ...env } = process.env;
  const child = spawn(process.execPath, [BIN, 'run', '--config', config, ...args], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let out = '';
  const waiters: { test: (l: LogLine) => boolean; resolve: () => void }[] = [];
  const outWaiters: { test: (out: string) => boolean; resolve: () => void }[] = [];
  let buffer = '';
  child.stderr.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.startsWith('{'))) {
      const entry = JSON.parse(line) as LogLine;
      logs.push(entry);
      for (const w of waiters.filter((x) => x.test(entry))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stdout.on('data', (chunk) => {
    out += chunk;
    for (const w of outWaiters.filter((x) => x.test(out))) {
      outWaiters.splice(outWaiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const waitFor = (test: (l: LogLine) => boolean) =>
    new Promise<void>((r) => {
      if (logs.some(test)) r();
      else waiters.push({ test, resolve: r });
    });
  const waitForStdout = (test: (out: string) => boolean) =>
    new Promise<void>((r) => {
      if (test(out)) r();
      else outWaiters.push({ test, resolve: r });
    });
  return { child, logs, stdout: () => out, exited, waitFor, waitForStdout };
}
