import type { SagaState } from './saga.js';

/** Longest wait for a re-sent compensation, as a multiple of the step timeout. */
export const MAX_BACKOFF_FACTOR = 4;
/** Spread of a compensation's wait: ±20%, so compensations that timed out together do not re-send together. */
export const BACKOFF_JITTER = 0.2;

/**
 * Pure: how long the saga waits for the reply to `state.current` before it times out (ms).
 *
 * ```
 * forward step:                  base
 * compensation, n-th re-send:    base × min(2ⁿ, 4) × (1 ± 0.2)      (n = state.resends ?? 0)
 * ```
 *
 * A compensation that timed out is re-sent (it must run to the end), but a timeout under load
 * mostly means the first send is still queued behind other work: re-sending every `base` added
 * one more refund per order per 5 s to the very queue that was behind (issue 18: refunds re-sent
 * up to 7×, orders `compensating` 90 s). Doubling the wait bounds that to a few re-sends, while a
 * message truly lost is still re-sent within 4 × base. `random01` is in [0, 1).
 */
export function stepTimeoutMs(state: SagaState, baseMs: number, random01: number): number {
  if (state.status !== 'compensating') return baseMs;
  const factor = Math.min(2 ** (state.resends ?? 0), MAX_BACKOFF_FACTOR);
  return Math.round(baseMs * factor * (1 + BACKOFF_JITTER * (2 * random01 - 1)));
}
