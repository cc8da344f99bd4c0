/**
 * A loopback WebSub hub over real HTTP, as the W3C recommendation describes one:
 *
 *   POST /hub  hub.mode=subscribe|unsubscribe, hub.topic, hub.callback, hub.lease_seconds, hub.secret
 *              → 202, then (asynchronously) a GET to the callback with hub.mode, hub.topic, hub.challenge
 *              and hub.lease_seconds; the subscription holds only if the answer is 200 with the challenge.
 *   publish(topic)  fetches the topic, POSTs the body to each verified subscriber with
 *              X-Hub-Signature: sha256=HMAC(secret, body) and the Link headers of §7.
 *
 * Tests can also make it deny, verify a topic nobody asked for, or deliver with a wrong signature.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubSubscription {
  callback: string;
  topic: string;
  secret?: string;
  leaseSeconds: number;
}

export interface HubRequestSeen {
  mode: string;
  topic: string;
  callback: string;
  leaseSeconds?: number;
  /** Whether a secret came with it (its value is kept in the subscription only). */
  hadSecret: boolean;
}

export interface VerificationSeen {
  mode: string;
  callback: string;
  topic: string;
  status: number;
  /** The callback answered with the challenge. */
  echoed: boolean;
}

export interface DeliverySeen {
  callback: string;
  status: number;
}

export interface FakeHubOptions {
  /** The lease the hub grants, whatever is asked (default: what is asked, or 86400). */
  grantSeconds?: number;
  /** Answer subscription requests with this status instead of 202 (no verification follows). */
  refuseWith?: number;
  /** The address to listen on (default 127.0.0.1; another of this machine's stands for a hub elsewhere). */
  host?: string;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export async function startFakeHub(opts: FakeHubOptions = {}) {
  const subscriptions = new Map<string, HubSubscription>();
  const requests: HubRequestSeen[] = [];
  const verifications: VerificationSeen[] = [];
  const deliveries: DeliverySeen[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };

  /** GET the callback with a challenge; true when it echoed it with 200. */
  async function verify(mode: string, callback: string, topic: string, leaseSeconds?: number): Promise<VerificationSeen> {
    const challenge = randomBytes(12).toString('hex');
    const url = new URL(callback);
    url.searchParams.set('hub.mode', mode);
    url.searchParams.set('hub.topic', topic);
    url.searchParams.set('hub.challenge', challenge);
    if (leaseSeconds !== undefined) url.searchParams.set('hub.lease_seconds', String(leaseSeconds));
    const res = await fetch(url);
    const body = await res.text();
    const seen = { mode, callback, topic, status: res.status, echoed: res.status === 200 && body === challenge };
    verifications.push(seen);
    return seen;
  }

  async function intent(req: HubRequestSeen, secret: string | undefined): Promise<void> {
    const lease = opts.grantSeconds ?? req.leaseSeconds ?? 86_400;
    const seen = await verify(req.mode, req.callback, req.topic, req.mode === 'subscribe' ? lease : undefined);
    if (!seen.echoed) return;
    if (req.mode === 'subscribe') subscriptions.set(req.callback, { callback: req.callback, topic: req.topic, secret, leaseSeconds: lease });
    else subscriptions.delete(req.callback);
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/hub')) {
        res.writeHead(404).end();
        return;
      }
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const mode = form.get('hub.mode') ?? '';
      const topic = form.get('hub.topic') ?? '';
      const callback = form.get('hub.callback') ?? '';
      const lease = form.get('hub.lease_seconds');
      const seen: HubRequestSeen = {
        mode,
        topic,
        callback,
        leaseSeconds: lease === null ? undefined : Number(lease),
        hadSecret: form.has('hub.secret'),
      };
      requests.push(seen);
      if (opts.refuseWith) {
        res.writeHead(opts.refuseWith, { 'content-type': 'text/plain' }).end('refused by the fake hub');
        return;
      }
      if (!['subscribe', 'unsubscribe'].includes(mode) || !URL.canParse(callback) || !topic) {
        res.writeHead(400).end('bad request');
        return;
      }
      res.writeHead(202).end();
      // Verification of intent happens after the 202, as hubs do.
      track(intent(seen, form.get('hub.secret') ?? undefined));
    })();
  });
  const host = opts.host ?? '127.0.0.1';
  /** Every connection, HTTP or not (a TLS handshake sent to this plain-HTTP hub is one too). */
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}/hub`;

  async function post(sub: HubSubscription, body: Buffer, contentType: string, signature?: string): Promise<number> {
    const headers: Record<string, string> = {
      'content-type': contentType,
      link: `<${url}>; rel="hub", <${sub.topic}>; rel="self"`,
    };
    const sig = signature ?? (sub.secret ? `sha256=${createHmac('sha256', sub.secret).update(body).digest('hex')}` : undefined);
    if (sig) headers['x-hub-signature'] = sig;
    const res = await fetch(sub.callback, { method: 'POST', body, headers });
    await res.arrayBuffer();
    deliveries.push({ callback: sub.callback, status: res.status });
    return res.status;
  }

  return {
    url,
    subscriptions,
    requests,
    verifications,
    deliveries,
    /** Connections accepted so far, HTTP or not. */
    connections: () => connections,
    /** Waits for the verifications under way. */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    /** The publisher pinged: fetch the topic and deliver it to every verified subscriber; their statuses. */
    async publish(topic: string): Promise<number[]> {
      const res = await fetch(topic);
      const body = Buffer.from(await res.arrayBuffer());
      const type = res.headers.get('content-type') ?? 'application/atom+xml';
      const subs = [...subscriptions.values()].filter((s) => s.topic === topic);
      return Promise.all(subs.map((s) => post(s, body, type)));
    },
    /** Delivers `body` to one callback, signed with the subscription's secret unless `signature` is given. */
    async deliver(callback: string, body: string | Buffer, o: { signature?: string; contentType?: string; secret?: string } = {}) {
      const sub = subscriptions.get(callback) ?? { callback, topic: '', leaseSeconds: 0, secret: o.secret };
      return post({ ...sub, secret: o.secret ?? sub.secret }, Buffer.from(body), o.contentType ?? 'application/atom+xml', o.signature);
    },
    /** Asks the callback to confirm a subscription it never requested (or anything else). */
    verify,
    /** Tells the callback its subscription is denied (§5.2). */
    async deny(callback: string, topic: string, reason = 'not allowed'): Promise<number> {
      const u = new URL(callback);
      u.searchParams.set('hub.mode', 'denied');
      u.searchParams.set('hub.topic', topic);
      u.searchParams.set('hub.reason', reason);
      const res = await fetch(u);
      await res.arrayBuffer();
      subscriptions.delete(callback);
      return res.status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeHub = Awaited<ReturnType<typeof startFakeHub>>;
