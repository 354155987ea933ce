import type { Violation } from '../invariant.js';
import type { FleetSnapshot } from '../snapshot.js';
import { countMoney, groupByOrder } from './group-by-order.js';

/** Orders with more than one authorized charge (refunded or not: the customer was charged twice). */
export function noDoubleCapture(s: FleetSnapshot): Violation[] {
  const out: Violation[] = [];
  for (const [orderId, rows] of groupByOrder(s.payments)) {
    const { charged, refunded } = countMoney(rows);
    if (charged > 1)
      out.push({
        invariant: 'no-double-capture',
        orderIds: [orderId],
        detail: `${charged} authorized charges (${refunded} refunds)`,
      });
  }
  return out;
}
