import { Worker } from 'node:worker_threads';

type Pending = { resolve: (output: unknown) => void; reject: (err: Error) => void };

/**
 * One parser worker for the process, started on first use and unref'd so it never keeps the process
 * alive. Requests are answered in order; if the worker dies, what it held fails and the next call
 * starts a new one.
 */
export function createOffThreadParser(options: unknown): (xml: string) => Promise<unknown> {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, Pending>();

  function start(): Worker {
    const w = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: options });
    w.unref();
    w.on('message', (msg: { id: number; json?: string; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(JSON.parse(msg.json ?? 'null'));
      if (pending.size === 0) w.unref();
    });
    const fail = (err: Error) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`feed parser worker exited with code ${code}`)));
    return w;
  }

  return (xml) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = next++;
      pending.set(id, { resolve, reject });
      // Keep the process alive while a parse is under way.
      worker.ref();
      worker.postMessage({ id, xml });
    });
}
