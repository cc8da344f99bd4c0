import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/exits.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr parsed as pino JSON lines (other lines dropped). */
  logs: Record<string, unknown>[];
}

/** Runs the real `exits` binary as a user would, with a clean environment (no REDIS_URL leaking in). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  opts: { closeStdout?: boolean; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const { REDIS_URL: _r, EXITS_CONFIG: _c, ...base } = process.env;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env }, stdio: 'pipe', cwd: opts.cwd });
    // A reader that has gone before the first line, as `exits recent | head -0` leaves it.
    if (opts.closeStdout) child.stdout.destroy();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const logs = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, stdout, stderr, logs });
    });
    child.stdin.end(input ?? '');
  });
}
