import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';

/** HTTP methods that are safe to repeat by definition. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * True when a call may be retried: an idempotent method, or any method carrying an idempotency
 * key (the peer dedupes by it).
 */
export function isIdempotent(method: string, idempotencyKey: string | undefined): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || (idempotencyKey ?? '') !== '';
}

/** A peer's 5xx answer, thrown inside the policy so the breaker and retries count it as a failure. */
export class UpstreamStatusError extends Error {
  override readonly name = 'UpstreamStatusError';

  constructor(readonly response: { status: number }) {
    super(`peer answered ${response.status}`);
  }
}

/** True for a status the policy treats as a failure of the peer (every 5xx). */
export const isFailureStatus = (status: number): boolean => status >= 500;

/** The pattern that refused a call, when `err` is one of cockatiel's own rejections. */
export type Rejection = 'breaker' | 'bulkhead' | 'timeout';

/** Which pattern `err` comes from, or undefined for any other error. */
export function rejectionOf(err: unknown): Rejection | undefined {
  if (err instanceof BrokenCircuitError) return 'breaker';
  if (err instanceof BulkheadRejectedError) return 'bulkhead';
  if (err instanceof TaskCancelledError) return 'timeout';
  return undefined;
}

/** True when a failed attempt may be retried: not a breaker/bulkhead rejection. */
export function isRetryableFailure(err: unknown): boolean {
  return !(err instanceof BrokenCircuitError) && !(err instanceof BulkheadRejectedError);
}
