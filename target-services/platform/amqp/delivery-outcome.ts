/** How every delivery ends: exactly one of these. */
export const DELIVERY_OUTCOMES = ['ack', 'retry', 'dead_letter', 'duplicate'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** What went wrong with a delivery, if anything. */
export type DeliveryFailure =
  | { kind: 'none' }
  | { kind: 'duplicate' }
  | { kind: 'poison'; reason: string }
  | { kind: 'error'; reason: string }
  /** The service's own database or broker is unreachable: not the message's fault. */
  | { kind: 'unavailable'; reason: string };

/** Decision for one delivery: the outcome, plus the retry delay or the dead-letter reason. */
export interface DeliveryDecision {
  outcome: DeliveryOutcome;
  delayMs?: number;
  reason?: string;
  /** Retry without using up an attempt (the attempt header stays as it is). */
  keepAttempt?: boolean;
}

/** Retry delay while a dependency is unavailable: `baseMs * 8`, capped at 30 s. */
export const unavailableDelayMs = (baseMs: number): number => Math.min(30000, baseMs * 8);

/**
 * Pure: poison goes straight to the DLQ; a failed attempt is retried with exponential backoff
 * (`baseMs * 2^(attempt-1)`, capped at 30 s) until `maxAttempts` attempts, then dead-lettered.
 * While the service's own database or broker is unavailable the delivery is retried every
 * `unavailableDelayMs` without using up an attempt, so an outage never dead-letters a good
 * message. `attempt` counts from 1.
 */
export function decideDelivery(
  failure: DeliveryFailure,
  attempt: number,
  maxAttempts: number,
  baseMs: number,
): DeliveryDecision {
  switch (failure.kind) {
    case 'none':
      return { outcome: 'ack' };
    case 'duplicate':
      return { outcome: 'duplicate' };
    case 'poison':
      return { outcome: 'dead_letter', reason: `poison: ${failure.reason}` };
    case 'error':
      if (attempt >= maxAttempts)
        return { outcome: 'dead_letter', reason: `exhausted ${attempt} attempts: ${failure.reason}` };
      return { outcome: 'retry', delayMs: Math.min(30000, baseMs * 2 ** (attempt - 1)) };
    case 'unavailable':
      return {
        outcome: 'retry',
        delayMs: unavailableDelayMs(baseMs),
        keepAttempt: true,
        reason: failure.reason,
      };
  }
}
