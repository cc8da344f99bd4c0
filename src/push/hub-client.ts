/** The subscriber's requests to a hub (WebSub §5.1): a form-encoded POST, accepted with 202 (any 2xx). */
import { type Dispatcher, request } from 'undici';
import { ExitsError } from '../core/errors.ts';

export interface HubRequest {
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: string;
  leaseSeconds?: number;
  /** Signs deliveries; sent to the hub only, never logged. */
  secret?: string;
}

export interface HubClientOptions {
  timeoutMs?: number;
  userAgent?: string;
  dispatcher?: Dispatcher;
}

/** A host on this machine: a request to it never crosses a network. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The URL to ask a hub at, given the one a feed advertises. hub.secret, which authenticates every delivery,
 * goes only over https (WebSub §5.1: the subscriber SHOULD send it only over HTTPS): an https hub as
 * advertised, a plain http hub on this machine (loopback) as advertised, any other http hub over https at
 * the same host and path. A hub that does not answer https is then never subscribed, and its feeds stay
 * polled: see docs/push.md for why exits does not subscribe without a secret instead.
 */
export function secureHubUrl(hub: string): string {
  if (!URL.canParse(hub)) return hub;
  const url = new URL(hub);
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return hub;
  return `https://${url.host}${url.pathname}${url.search}`;
}

/** Sends the request; throws an ExitsError (HUB_REFUSED with the status, or NETWORK/TIMEOUT) unless 2xx. */
export async function askHub(hub: string, req: HubRequest, opts: HubClientOptions = {}): Promise<number> {
  if (req.secret !== undefined && secureHubUrl(hub) !== hub) {
    throw new ExitsError('INSECURE_HUB', `hub.secret is sent only over https: not to ${hub}`);
  }
  const form = new URLSearchParams({ 'hub.mode': req.mode, 'hub.topic': req.topic, 'hub.callback': req.callback });
  if (req.leaseSeconds !== undefined) form.set('hub.lease_seconds', String(req.leaseSeconds));
  if (req.secret !== undefined) form.set('hub.secret', req.secret);
  const host = URL.canParse(hub) ? new URL(hub).host : hub;
  let status: number;
  let text: string;
  try {
    const res = await request(hub, {
      method: 'POST',
      body: form.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(opts.userAgent && { 'user-agent': opts.userAgent }),
      },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      dispatcher: opts.dispatcher,
    });
    status = res.statusCode;
    text = (await res.body.text()).slice(0, 200);
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const message = err instanceof Error ? err.message : String(err);
    throw new ExitsError(timedOut ? 'TIMEOUT' : 'NETWORK', `hub ${host} did not answer the ${req.mode} request: ${message}`, {
      cause: err,
    });
  }
  if (status < 200 || status > 299) {
    const said = text.replace(/\s+/g, ' ').trim();
    throw new HubRefused(status, `hub ${host} refused the ${req.mode} request: HTTP ${status}${said ? ` (${said})` : ''}`);
  }
  return status;
}

/** A hub's non-2xx answer; 4xx means asking again the same way will not help. */
export class HubRefused extends ExitsError {
  readonly status: number;
  constructor(status: number, message: string) {
    super('HUB_REFUSED', message);
    this.status = status;
  }
}
