import type { InvariantId, Violation } from '../invariant.js';
import type { EvaluateOptions, FleetSnapshot } from '../snapshot.js';
import { compensatedRefundedReleased } from './compensated-refunded-released.js';
import { dlqEmptyOrExplained } from './dlq-empty-or-explained.js';
import { noDoubleCapture } from './no-double-capture.js';
import { noOrphanReservation } from './no-orphan-reservation.js';
import { ordersTerminal } from './orders-terminal.js';
import { stockConserved } from './stock-conserved.js';

/** A pure check over a snapshot. */
export type Evaluator = (s: FleetSnapshot, o: EvaluateOptions) => Violation[];

/** One evaluator per invariant: adding an invariant is one file plus one line here. */
export const EVALUATORS: Readonly<Record<InvariantId, Evaluator>> = {
  'orders-terminal': ordersTerminal,
  'no-double-capture': noDoubleCapture,
  'no-orphan-reservation': noOrphanReservation,
  'compensated-refunded-released': compensatedRefundedReleased,
  'stock-conserved': stockConserved,
  'dlq-empty-or-explained': dlqEmptyOrExplained,
};

/** How many rows each invariant examined (the `samples` of its CheckResult). */
export function samplesOf(id: InvariantId, s: FleetSnapshot): number {
  if (id === 'no-double-capture') return s.payments.length;
  if (id === 'no-orphan-reservation') return s.reservations.length;
  if (id === 'stock-conserved') return s.products.length;
  if (id === 'dlq-empty-or-explained') return s.dlqs.reduce((n, q) => n + q.depth, 0);
  return s.orders.length;
}
