/**
 * The business invariants `reconcile` checks after a run, read from the fleet's own stores.
 * The experiment schema's `invariants.checks` names a subset of these.
 */
export const INVARIANT_IDS = [
  'orders-terminal',
  'no-double-capture',
  'no-orphan-reservation',
  'compensated-refunded-released',
  'stock-conserved',
  'dlq-empty-or-explained',
] as const;
export type InvariantId = (typeof INVARIANT_IDS)[number];

/** One-line titles, shown in the CLI and in reports. */
export const INVARIANT_TITLES: Readonly<Record<InvariantId, string>> = {
  'orders-terminal': 'every accepted order is terminal after its timeout',
  'no-double-capture': 'no order has more than one authorized charge',
  'no-orphan-reservation': 'no reservation is held for a missing or compensated order',
  'compensated-refunded-released': 'compensated orders are refunded and released',
  'stock-conserved': 'initial stock = stock + reserved quantity, per product',
  'dlq-empty-or-explained': 'the dead-letter queues are empty or hold only explained messages',
};

/** One broken invariant. `orderIds` may be empty when the breach is not tied to orders (stock). */
export interface Violation {
  invariant: InvariantId;
  orderIds: string[];
  detail: string;
}
