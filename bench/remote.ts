/** Child processes of the bench: the feed server, and the clean process of the memory measure. */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServeMode } from './feeds.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts a bench script in a fresh Node process (TypeScript through tsx), with an IPC channel. */
export function forkScript(script: string, args: string[], nodeFlags: string[] = []): ChildProcess {
  return fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The first IPC message of a child, or its failure. */
export function firstMessage<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child sent nothing within ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve(msg as T);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with code ${code} before answering`));
    });
  });
}

export interface RemoteFeeds {
  /** "http://127.0.0.1:PORT" */
  base: string;
  url(n: number): string;
  setMode(mode: ServeMode): Promise<void>;
  /** Adds an item to feed n; resolves to the epoch ms at which the server started serving it. */
  addItem(n: number, item: { title: string; url: string; text: string }): Promise<number>;
  bodyBytes(): Promise<number>;
  close(): Promise<void>;
}

export async function startRemoteFeeds(count: number, itemsPerFeed?: number): Promise<RemoteFeeds> {
  const child = forkScript('./feeds.ts', itemsPerFeed === undefined ? [String(count)] : [String(count), String(itemsPerFeed)]);
  const { port } = await firstMessage<{ port: number }>(child, 60_000);
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`, { method: 'POST' });
    if (!res.ok) throw new Error(`feed server ${path}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    base,
    url: (n) => `${base}/f/${n}.xml`,
    async setMode(mode) {
      await post('/_ctl/mode', { m: mode });
    },
    async addItem(n, item) {
      const answer = await post('/_ctl/add', { feed: String(n), ...item });
      return Number(answer.at);
    },
    async bodyBytes() {
      return Number((await post('/_ctl/bytes', {})).bytes);
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
