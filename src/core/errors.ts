/** Errors carry a stable code so logs, metrics and tests can tell them apart without parsing messages. */
export class ExitsError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExitsError';
    this.code = code;
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
