import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { CycleReport } from '../pipeline/cycle.ts';
import type { PushMetrics } from '../push/index.ts';
import type { Logger } from './logger.ts';

export interface Health {
  /** Records a finished cycle (or the error that stopped it). */
  /** `setAside`: how many alerts are set aside as undeliverable, when known. */
  cycle(report: CycleReport | Error, pending: number | null, setAside?: number | null): void;
  close(): Promise<void>;
  readonly port: number;
  /** Serves more paths (the WebSub callback): the handler answers and returns true, or returns false. */
  mount(handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>): void;
  /** WebSub deliveries and subscriptions, shown on /metrics. */
  readonly push: PushMetrics;
}

/**
 * /healthz and /metrics (Prometheus text format). /healthz answers 503 while the last cycle failed as a
 * whole (store unreachable), so an orchestrator restarts or alerts on a bot that only logs errors.
 */
/** A cycle that ran but could read no feed at all (no network, a DNS outage) is not healthy either. */
function allFeedsFailing(report: CycleReport, at: string): { ok: false; lastCycleAt: string; error: string } | null {
  const own = report.feeds.filter((f) => f.status !== 'leased');
  if (own.length === 0 || own.some((f) => f.status !== 'error' && f.status !== 'backoff')) return null;
  return { ok: false, lastCycleAt: at, error: `all ${own.length} feeds polled here are failing or waiting after failures` };
}

export async function startHealth(port: number, log: Logger, host = '127.0.0.1'): Promise<Health> {
  const registry = new Registry();
  const feeds = new Gauge({ name: 'exits_feeds', help: 'Feeds by state in the last cycle', labelNames: ['state'], registers: [registry] });
  const duration = new Gauge({ name: 'exits_last_cycle_duration_seconds', help: 'Duration of the last poll cycle', registers: [registry] });
  const pendingGauge = new Gauge({ name: 'exits_alerts_pending', help: 'Alerts in the outbox, not yet sent everywhere', registers: [registry] });
  const sent = new Counter({ name: 'exits_alerts_sent_total', help: 'Alerts delivered', registers: [registry] });
  const updates = new Counter({ name: 'exits_cards_updated_total', help: 'Cards edited with new reports', registers: [registry] });
  const chatErrors = new Counter({ name: 'exits_chat_errors_total', help: 'Failed chat API calls', registers: [registry] });
  const undeliverable = new Counter({
    name: 'exits_alerts_undeliverable_total',
    help: 'Alerts set aside because the platforms refused them for good',
    registers: [registry],
  });
  const asideGauge = new Gauge({ name: 'exits_alerts_set_aside', help: 'Alerts set aside as undeliverable (exits outbox list)', registers: [registry] });
  const cycles = new Counter({ name: 'exits_cycles_total', help: 'Poll cycles by outcome', labelNames: ['outcome'], registers: [registry] });
  let status: { ok: boolean; lastCycleAt: string | null; error?: string } = { ok: true, lastCycleAt: null };
  /** Set when a cycle found the store's data gone: the bot works, but lost history; shown until restart. */
  let degraded: string | null = null;
  const lostStores = new Counter({ name: 'exits_store_lost_total', help: 'Times the store was found to have lost its data', registers: [registry] });
  const deliveries = new Counter({
    name: 'exits_websub_deliveries_total',
    help: 'WebSub deliveries received, by outcome (accepted, refused) and reason',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'exits_websub_subscriptions_active',
    help: 'WebSub subscriptions verified and unexpired',
    registers: [registry],
  });
  const mounted: ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/healthz') {
        res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' });
        const word = !status.ok ? 'failing' : degraded ? 'degraded' : 'ok';
        res.end(JSON.stringify({ status: word, ...status, ...(degraded && { degraded }) }));
      } else if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
      } else {
        for (const handle of mounted) if (await handle(req, res)) return;
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      }
    })().catch((err: unknown) => {
      log.error({ err }, 'health endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  log.info({ port: bound, host }, `health: http://${shown}:${bound}/healthz and /metrics`);

  return {
    port: bound,
    mount: (handler) => mounted.push(handler),
    push: {
      delivery: (outcome, reason) => deliveries.inc({ outcome, reason }),
      subscriptions: (active) => subscriptions.set(active),
    },
    cycle(report, pending, setAside = null) {
      const at = new Date().toISOString();
      if (report instanceof Error) {
        cycles.inc({ outcome: 'failed' });
        status = { ok: false, lastCycleAt: at, error: report.message };
        return;
      }
      cycles.inc({ outcome: 'ok' });
      status = allFeedsFailing(report, at) ?? { ok: true, lastCycleAt: at };
      if (report.storeLost) {
        lostStores.inc();
        degraded = `the store lost its data at ${at}: its history is gone; what feeds published since it was last whole is posted, older items only recorded`;
      }
      feeds.reset();
      for (const f of report.feeds) feeds.inc({ state: f.status === 'error' ? 'failing' : f.status === 'backoff' ? 'backoff' : 'ok' });
      duration.set(report.durationMs / 1000);
      sent.inc(report.alerts.length);
      updates.inc(report.updates.length);
      chatErrors.inc(report.chatErrors);
      if (pending !== null) pendingGauge.set(pending);
      undeliverable.inc(report.setAside.length);
      if (setAside !== null) asideGauge.set(setAside);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
