import type { Violation } from '../invariant.js';
import type { FleetSnapshot } from '../snapshot.js';

/** `reserved` reservations whose order does not exist or ended `compensated`. */
export function noOrphanReservation(s: FleetSnapshot): Violation[] {
  const status = new Map(s.orders.map((o) => [o.id, o.status]));
  const out: Violation[] = [];
  for (const r of s.reservations) {
    if (r.status !== 'reserved') continue;
    const orderStatus = status.get(r.orderId);
    if (orderStatus !== undefined && orderStatus !== 'compensated') continue;
    out.push({
      invariant: 'no-orphan-reservation',
      orderIds: [r.orderId],
      detail: `${r.quantity} × ${r.sku} reserved for ${orderStatus === undefined ? 'a missing' : 'a compensated'} order`,
    });
  }
  return out;
}
