import type { Violation } from '../invariant.js';
import type { FleetSnapshot } from '../snapshot.js';
import { countMoney, groupByOrder } from './group-by-order.js';

/** Compensated orders with an authorized charge not refunded, or a reservation still `reserved`. */
export function compensatedRefundedReleased(s: FleetSnapshot): Violation[] {
  const payments = groupByOrder(s.payments);
  const reservations = groupByOrder(s.reservations);
  const out: Violation[] = [];
  for (const order of s.orders) {
    if (order.status !== 'compensated') continue;
    const problems: string[] = [];
    const { charged, refunded } = countMoney(payments.get(order.id) ?? []);
    if (charged > refunded) problems.push(`${charged - refunded} authorized charge(s) not refunded`);
    const held = (reservations.get(order.id) ?? []).filter((r) => r.status === 'reserved');
    if (held.length > 0)
      problems.push(`${held.length} reservation(s) not released (${held.map((r) => r.sku).join(', ')})`);
    if (problems.length > 0)
      out.push({
        invariant: 'compensated-refunded-released',
        orderIds: [order.id],
        detail: problems.join('; '),
      });
  }
  return out;
}
