/** How every delivery ends: exactly one of these. */
export const DELIVERY_OUTCOMES = ['ack', 'retry', 'dead_letter', 'duplicate'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** What went wrong with a delivery, if anything. */
export type DeliveryFailure =
  | { kind: 'none' }
  | { kind: 'duplicate' }
  | { kind: 'poison'; reason: string }
  | { kind: 'error'; reason: string };

/** Decision for one delivery: the outcome, plus the retry delay or the dead-letter reason. */
export interface DeliveryDecision {
  outcome: DeliveryOutcome;
  delayMs?: number;
  reason?: string;
}

/**
 * Pure: poison goes straight to the DLQ; a failed attempt is retried with exponential backoff
 * (`baseMs * 2^(attempt-1)`, capped at 30 s) until `maxAttempts` attempts, then dead-lettered.
 * `attempt` counts from 1.
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
  }
}
