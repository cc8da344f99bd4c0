/** Shutdown budget: SIGTERM to exit within 10 s, as orchestrators expect before they SIGKILL. */
const HARD_STOP_MS = 9_500;

export interface StopSignal {
  stop: Promise<NodeJS.Signals>;
  asked: () => boolean;
}

/**
 * SIGTERM or SIGINT, listened for before anything starts: one that arrives during start-up (a replica
 * stopped right after a restart) still ends in a clean stop with exit 0, and whatever happens the process
 * is gone within the 10 s orchestrators give before they SIGKILL.
 */
export function stopSignal(): StopSignal {
  let asked = false;
  const stop = new Promise<NodeJS.Signals>((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      asked = true;
      setTimeout(() => process.exit(0), HARD_STOP_MS).unref();
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
  return { stop, asked: () => asked };
}

