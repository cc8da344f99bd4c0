/**
 * The safety poll of a pushed feed (issue 19): while its subscription is verified and unexpired, a feed is
 * polled only this often, so a delivery the hub missed is still found, late. A pure function, for the
 * adaptive scheduler to take as one more bound on a feed's next poll.
 */
import type { PushSubscription } from '../core/types.ts';

/** Default safety poll of a pushed feed: hourly. */
export const DEFAULT_SAFETY_MS = 3_600_000;

/**
 * The interval to poll a feed at instead of its usual one, or undefined when push does not cover it (no
 * subscription, not yet verified, denied, being removed, or its lease has run out).
 */
export function pushSafetyInterval(
  sub: PushSubscription | undefined,
  nowMs: number,
  safetyMs: number = DEFAULT_SAFETY_MS,
): number | undefined {
  if (!sub || sub.status !== 'active' || !sub.expiresAt) return undefined;
  return Date.parse(sub.expiresAt) > nowMs ? safetyMs : undefined;
}
