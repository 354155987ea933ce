/** Rows read from the fleet's stores; the pure evaluators work on these only. */

/** An order (order_db.orders). `ageMs` is measured by PostgreSQL: `now() - created_at`. */
export interface OrderRow {
  id: string;
  status: string;
  ageMs: number;
}

/** A payment interaction (payment_db.payments). */
export interface PaymentRow {
  orderId: string;
  kind: string;
  status: string;
}

/** An inventory reservation (inventory_db.reservations). */
export interface ReservationRow {
  orderId: string;
  sku: string;
  quantity: number;
  status: string;
}

/** A product's stock (inventory_db.products). */
export interface ProductRow {
  sku: string;
  stock: number;
  initialStock: number;
}

/** A dead-lettered message, peeked without consuming it. */
export interface DlqMessage {
  /** `x-faultline-reason`, when the header is present. */
  reason?: string;
  /** `orderId` from the JSON body, when it has one. */
  orderId?: string;
}

/** One dead-letter queue: its exact depth and, when readable, the messages' reasons. */
export interface DlqState {
  queue: string;
  depth: number;
  /** Peeked messages (at most the peek limit); empty when the management API was unreachable. */
  messages: DlqMessage[];
}

/** Everything the evaluators need, read once. */
export interface FleetSnapshot {
  orders: OrderRow[];
  payments: PaymentRow[];
  reservations: ReservationRow[];
  products: ProductRow[];
  dlqs: DlqState[];
}

/** Knobs of the evaluation. */
export interface EvaluateOptions {
  /** An order still `pending`/`compensating` this long after creation is a violation (ms). */
  orderTimeoutMs: number;
  /** Dead-letter reasons that are expected (prefix match on `x-faultline-reason`). */
  explainedReasons: readonly string[];
}
