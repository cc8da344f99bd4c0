/**
 * A redis-server of the chaos test's own, on a free loopback port with its own folder, so that it can be
 * stopped and restarted (with or without its data) without touching the Redis other tests share.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface PrivateRedis {
  url: string;
  /** Stops it: with its data (SIGTERM: the append-only file is flushed) or without (SIGKILL, folder wiped). */
  stop(keepData: boolean): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
}

export async function startPrivateRedis(dir: string): Promise<PrivateRedis> {
  if (!REDIS_SERVER) throw new Error('no redis-server binary');
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    mkdirSync(dir, { recursive: true });
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (Date.now() > deadline) throw new Error(`private redis-server did not answer on ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop(keepData) {
      const c = child as ChildProcess | null;
      if (!c) return;
      const gone = new Promise((r) => c.once('close', r));
      c.kill(keepData ? 'SIGTERM' : 'SIGKILL');
      await gone;
      child = null;
      if (!keepData) rmSync(dir, { recursive: true, force: true });
    },
    start,
  };
}
