import { trace } from '@opentelemetry/api';
import type pg from 'pg';
import { ATTRIBUTES, EVENTS } from '../../contracts/telemetry-names.js';

/**
 * Compensation before its forward step. The saga undoes a step that timed out, because the step
 * may have happened; but the forward command may not have run yet (it waits in the retry queue,
 * or its consumer fell behind) and would then run after the compensation: a card charged after its
 * refund, stock reserved after its release, a shipment booked after its cancellation, never undone.
 *
 * So a compensation leaves a tombstone for its order, and a forward command that finds one does
 * nothing and answers `step_timeout` (the saga ignores that reply: the step is no longer current).
 * Both run under the order's advisory lock, so the check and the tombstone never interleave.
 *
 * The check is its own statement, after the one that takes the lock, on purpose: under READ
 * COMMITTED a statement reads the snapshot taken when it began, so a `select` that both took the
 * lock and looked for the tombstone would miss one committed while it waited for that lock. The
 * round trip it costs buys that correctness.
 */
export async function leaveTombstone(tx: pg.PoolClient, orderId: string, command: string): Promise<void> {
  await tx.query(
    'insert into order_tombstones (order_id, command) values ($1, $2) on conflict (order_id) do nothing',
    [orderId, command],
  );
}

/**
 * Whether the order was compensated here already; if so, marks the consumer span with the
 * `saga.late_command` event (`saga.step` = the command) so that a trace shows why the command did nothing.
 */
export async function compensatedAlready(
  tx: pg.PoolClient,
  orderId: string,
  command: string,
): Promise<boolean> {
  const found = await tx.query('select 1 from order_tombstones where order_id = $1', [orderId]);
  if (found.rowCount === 0) return false;
  trace.getActiveSpan()?.addEvent(EVENTS.lateCommand, { [ATTRIBUTES.sagaStep]: command });
  return true;
}
