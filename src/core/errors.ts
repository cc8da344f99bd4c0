import type { PostRef } from './types.ts';

/** Errors carry a stable code so logs, metrics and tests can tell them apart without parsing messages. */
export class ExitsError extends Error {
  readonly code: string;
  /** How long the service asked to wait before the next try (a chat's Retry-After), when it did. */
  retryAfterMs?: number;

  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.name = 'ExitsError';
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Some channels got the card and others failed for a reason that may pass: the caller keeps where it
 * landed and tries the rest again later (the alert stays in the outbox).
 */
export class PartialDelivery extends ExitsError {
  readonly posted: PostRef[];

  constructor(posted: PostRef[], failed: { channel: string; reason: string }[]) {
    super('CHAT_PARTIAL', `not delivered to ${failed.map((f) => `${f.channel} (${f.reason})`).join(', ')}`);
    this.posted = posted;
  }
}

export function errorCode(err: unknown): string {
  if (err instanceof ExitsError) return err.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'TIMEOUT';
  return 'UNKNOWN';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The platform refused the card itself for a reason sending it again cannot change (Discord 400 Invalid
 * Form Body, Slack invalid_blocks): the outbox tries it a bounded number of times, then sets it aside.
 */
export class CardRefused extends ExitsError {
  /** The platform's own reason: "50035 Invalid Form Body (embeds[0].url)", "invalid_blocks". */
  readonly reason: string;

  constructor(message: string, reason: string) {
    super('CHAT_CARD_REFUSED', message);
    this.reason = reason;
  }
}
