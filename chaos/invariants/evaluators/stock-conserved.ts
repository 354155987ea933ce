import type { Violation } from '../invariant.js';
import type { FleetSnapshot } from '../snapshot.js';

/**
 * Products where `initial_stock != stock + sum(reserved quantities)`. The order ids are those
 * holding reservations on the product, to start the search from.
 */
export function stockConserved(s: FleetSnapshot): Violation[] {
  const out: Violation[] = [];
  for (const p of s.products) {
    const held = s.reservations.filter((r) => r.sku === p.sku && r.status === 'reserved');
    const reserved = held.reduce((sum, r) => sum + r.quantity, 0);
    const drift = p.stock + reserved - p.initialStock;
    if (drift === 0) continue;
    out.push({
      invariant: 'stock-conserved',
      orderIds: [...new Set(held.map((r) => r.orderId))],
      detail: `${p.sku}: initial ${p.initialStock} ≠ stock ${p.stock} + reserved ${reserved} (${drift > 0 ? '+' : ''}${drift})`,
    });
  }
  return out;
}
