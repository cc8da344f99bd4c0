import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './run-cli.ts';

// A feed nobody answers: one warning and the cycle's tally, enough to see the log's form.
const ARGS = ['once', '--feed', 'http://127.0.0.1:9/feed.xml', '--store', 'memory://'];
const PRETTY = /^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] (INFO|WARN|ERROR): \S/;

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('logs', () => {
  it('are JSON lines when stderr is not a terminal', async () => {
    const r = await runCli(ARGS);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
  });

  it('are readable lines with LOG_FORMAT=pretty: local time, level names, the sentence', async () => {
    const r = await runCli(ARGS, { LOG_FORMAT: 'pretty', TZ: 'Asia/Kolkata' });
    const lines = r.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(PRETTY);
    expect(r.stderr).toContain('WARN: feed 127.0.0.1:9 failed: network error');
    expect(r.stderr).not.toContain('"level":');
    // Kolkata is UTC+5:30: the time shown is the wall clock there, not UTC.
    const shown = Date.parse(`${PRETTY.exec(lines[0] as string)?.[1]?.replace(' ', 'T')}Z`);
    const offsetMinutes = Math.round((shown - Date.now()) / 60_000);
    expect(offsetMinutes).toBeGreaterThanOrEqual(328);
    expect(offsetMinutes).toBeLessThanOrEqual(331);
  });

  it.skipIf(!hasScript())('are readable lines at a terminal, and JSON there with LOG_FORMAT=json', () => {
    // script(1) gives the command a pseudo-terminal, as a person running it would have.
    const atTerminal = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', [process.execPath, BIN, ...ARGS].join(' '), '/dev/null'], {
        env: { ...process.env, ...env, REDIS_URL: '', EXITS_CONFIG: '' },
        encoding: 'utf8',
      }).stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const pretty = atTerminal({}).trim().split(/\r?\n/);
    expect(pretty.length).toBeGreaterThanOrEqual(2);
    for (const line of pretty) expect(line).toMatch(PRETTY);
    const json = atTerminal({ LOG_FORMAT: 'json' }).trim().split(/\r?\n/);
    for (const line of json) expect(JSON.parse(line)).toMatchObject({ level: expect.any(Number) });
  });
});
