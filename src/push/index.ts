/**
 * WebSub push (issue 19): with `push.publicUrl` set, feeds that advertise a hub are subscribed, verified,
 * renewed and unsubscribed (subscriptions.ts), deliveries are checked and run through the pipeline
 * (callback.ts), and a pushed feed keeps only a slow safety poll (safety.ts). See docs/push.md.
 */
import { type CallbackHandler, createCallbackHandler } from './callback.ts';
import { createPushManager, type PushManager } from './subscriptions.ts';
import type { PushDeps } from './types.ts';

export { askHub, type HubRequest } from './hub-client.ts';
export { DEFAULT_SAFETY_MS, pushSafetyInterval } from './safety.ts';
export { callbackUrl, subscriptionId } from './subscriptions.ts';
export type { CallbackHandler } from './callback.ts';
export type { DeliveryOutcome, PushDeps, PushMetrics } from './types.ts';

export interface Push {
  manager: PushManager;
  /** Answers /websub/<id> requests; false for any other path. */
  handle: CallbackHandler;
}

export function createPush(deps: PushDeps): Push {
  const manager = createPushManager(deps);
  return { manager, handle: createCallbackHandler(deps, manager) };
}
