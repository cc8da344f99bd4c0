/** The one info line a cycle ends with: how many feeds were read, failed, waited, were not due or pushed. */
import type { CycleDeps, FeedReport } from './cycle.ts';

export function logCycle(deps: CycleDeps, feeds: FeedReport[], alerts: number, updates: number, durationMs: number): void {
  const count = (status: FeedReport['status']) => feeds.filter((f) => f.status === status).length;
  const failed = count('error');
  const waiting = count('backoff');
  const read = count('ok') + count('not-modified');
  const elsewhere = count('leased');
  const pushed = count('pushed');
  const later = count('waiting');
  const deferred = count('deferred');
  const tally = [
    `${read} read`,
    `${failed} failed`,
    ...(waiting ? [`${waiting} waiting after failures`] : []),
    ...(elsewhere ? [`${elsewhere} polled by another replica`] : []),
    ...(later ? [`${later} not due`] : []),
    ...(deferred ? [`${deferred} deferred by their hosts' limits`] : []),
    ...(pushed ? [`${pushed} pushed by their hub`] : []),
  ];
  deps.log.info(
    { feeds: feeds.length, read, failed, waiting, notDue: later, deferred, pushed, alerts, updates, durationMs },
    `cycle done: ${feeds.length} feeds (${tally.join(', ')}), ${alerts} alerts, ${updates} updates`,
  );
}
