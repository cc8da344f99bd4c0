/**
 * The WebSub callback (issue 19): `GET /websub/<id>` is the hub verifying intent (or telling of a denial),
 * `POST /websub/<id>` a delivery. Served by the health server (see docs/push.md for why).
 *
 * Answers: a verification of a subscription we asked for gets 200 with the challenge, anything else 404
 * (WebSub §5.3). A delivery to an unknown callback gets 410 Gone (the hub may drop it, §7); one too large
 * 413; a bad or missing signature 202 and is ignored (§8: the subscriber MUST ignore it and MAY still
 * answer 2xx, which tells a forger nothing); a body that is not a feed 202 and ignored (resending it will
 * not help; the safety poll reads the feed anyway); a store failure 500, so the hub retries. A delivery
 * is answered once its changes are in the history and the outbox: nothing is lost after a 2xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCode, errorMessage } from '../core/errors.ts';
import type { PushSubscription } from '../core/types.ts';
import { checkSignature } from './signature.ts';
import type { PushManager } from './subscriptions.ts';
import type { PushDeps } from './types.ts';

const PATH = /\/websub\/([A-Za-z0-9_-]{1,64})\/?$/;

export type CallbackHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Returns false when the request is not for a callback (the caller answers it). */
export function createCallbackHandler(deps: PushDeps, manager: PushManager): CallbackHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://callback');
    const id = PATH.exec(url.pathname)?.[1];
    if (!id) return false;
    if (req.method === 'GET') await verify(deps, manager, id, url.searchParams, res);
    else if (req.method === 'POST') await delivery(deps, id, req, res);
    else answer(res, 405, 'method not allowed\n', { allow: 'GET, POST' });
    return true;
  };
}

function answer(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

async function verify(deps: PushDeps, manager: PushManager, id: string, q: URLSearchParams, res: ServerResponse): Promise<void> {
  const mode = q.get('hub.mode');
  const topic = q.get('hub.topic');
  const challenge = q.get('hub.challenge');
  const sub = await deps.store.getSubscription(id);
  const ours = sub !== undefined && topic === sub.topic;
  const now = deps.clock.now();
  if (mode === 'denied' && ours) {
    const reason = q.get('hub.reason') ?? 'no reason given';
    const denied: PushSubscription = { ...sub, status: 'denied', reason, requestedAt: now.toISOString() };
    await deps.store.setSubscription(denied);
    manager.noteChange(denied);
    deps.log.warn({ feed: sub.feedId, hub: sub.hub, reason }, `hub ${sub.hub} denied the subscription to ${sub.topic}: ${reason} (asked again in a day)`);
    answer(res, 200);
    return;
  }
  const wanted =
    ours && challenge && ((mode === 'subscribe' && sub.status !== 'unsubscribing') || (mode === 'unsubscribe' && sub.status === 'unsubscribing'));
  if (!wanted) {
    deps.log.warn({ callback: id, mode, topic }, `refused a WebSub ${mode ?? 'verification'} for ${topic ?? 'no topic'}: not a subscription we asked for`);
    answer(res, 404, 'not found\n');
    return;
  }
  if (mode === 'unsubscribe') {
    await deps.store.deleteSubscription(id);
    manager.noteChange(sub, true);
    deps.log.info({ feed: sub.feedId, hub: sub.hub }, `unsubscribed from ${sub.topic} at hub ${sub.hub}`);
  } else {
    const granted = Number(q.get('hub.lease_seconds'));
    const leaseSeconds = Number.isInteger(granted) && granted > 0 ? granted : deps.leaseSeconds;
    const active: PushSubscription = {
      ...sub,
      status: 'active',
      verifiedAt: now.toISOString(),
      leaseSeconds,
      expiresAt: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
      attempts: 0,
      reason: undefined,
    };
    await deps.store.setSubscription(active);
    manager.noteChange(active);
    deps.log.info(
      { feed: sub.feedId, hub: sub.hub, leaseSeconds, expiresAt: active.expiresAt },
      `subscribed to ${sub.topic} at hub ${sub.hub} for ${leaseSeconds} s`,
    );
  }
  answer(res, 200, challenge);
}

/** The body, or null once it passed `max` bytes (the rest is drained, not kept). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let total = 0;
  let over = Number.isFinite(declared) && declared > max;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > max) over = true;
    if (!over) chunks.push(chunk);
  }
  return over ? null : Buffer.concat(chunks, total);
}

async function delivery(deps: PushDeps, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refuse = (status: number, reason: string, line: string, fields: Record<string, unknown> = {}) => {
    deps.metrics?.delivery('refused', reason);
    deps.log.warn({ callback: id, reason, ...fields }, line);
    answer(res, status, status === 202 ? '' : `${reason}\n`);
  };
  const body = await readBody(req, deps.maxBytes);
  const sub = await deps.store.getSubscription(id);
  if (!sub || sub.status === 'unsubscribing') {
    refuse(410, 'unknown-callback', `WebSub delivery to callback ${id} refused: no subscription of ours (410 Gone)`);
    return;
  }
  const fields = { feed: sub.feedId, hub: sub.hub };
  if (body === null) {
    refuse(413, 'too-large', `WebSub delivery for ${sub.feedId} refused: larger than ${deps.maxBytes} bytes`, fields);
    return;
  }
  const signature = checkSignature(header(req, 'x-hub-signature'), body, sub.secret);
  if (signature !== 'ok') {
    refuse(202, 'bad-signature', `WebSub delivery for ${sub.feedId} ignored: signature ${signature} (X-Hub-Signature)`, fields);
    return;
  }
  let outcome;
  try {
    outcome = await deps.deliver(sub, { bytes: body, contentType: header(req, 'content-type') });
  } catch (err) {
    // Our side failed (the store): a 5xx makes the hub deliver again.
    refuse(500, 'error', `WebSub delivery for ${sub.feedId} failed here, the hub will retry: ${errorMessage(err)}`, { ...fields, code: errorCode(err) });
    return;
  }
  if (outcome.outcome === 'unknown-feed') {
    refuse(410, 'unknown-feed', `WebSub delivery for ${sub.feedId} refused: the feed is no longer watched`, fields);
  } else if (outcome.outcome === 'broken') {
    refuse(202, 'broken', `WebSub delivery for ${sub.feedId} ignored: ${outcome.message}`, fields);
  } else {
    deps.metrics?.delivery('accepted', 'ok');
    deps.log.info({ ...fields, items: outcome.items, newItems: outcome.newItems }, `WebSub delivery for ${sub.feedId}: ${outcome.items} items, ${outcome.newItems} new`);
    answer(res, 202);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}
