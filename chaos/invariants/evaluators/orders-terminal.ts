import type { Violation } from '../invariant.js';
import type { EvaluateOptions, FleetSnapshot } from '../snapshot.js';

const TERMINAL = ['completed', 'compensated'];

/** Orders that are not `completed`/`compensated` although older than the order timeout. */
export function ordersTerminal(s: FleetSnapshot, o: EvaluateOptions): Violation[] {
  return s.orders
    .filter((order) => !TERMINAL.includes(order.status) && order.ageMs > o.orderTimeoutMs)
    .map((order) => ({
      invariant: 'orders-terminal',
      orderIds: [order.id],
      detail: `order is ${order.status} ${Math.round(order.ageMs / 1000)} s after creation (timeout ${o.orderTimeoutMs / 1000} s)`,
    }));
}
