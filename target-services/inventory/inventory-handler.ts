import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { REPLY_TYPE, type Envelope, type FailureReason, type Item } from '../contracts/messages.js';
import { ServiceError } from '../platform/errors.js';
import type { TransactionalHandler } from '../platform/messaging/inbox-handler.js';
import type { Outgoing } from '../platform/messaging/outgoing.js';
import { compensatedAlready, leaveTombstone } from '../platform/messaging/order-tombstone.js';

const reply = (m: Envelope, ok: boolean, reason?: FailureReason): Outgoing[] => [
  { type: REPLY_TYPE, orderId: m.orderId, payload: { command: m.type, ok, ...(reason ? { reason } : {}) } },
];

/**
 * inventory.reserve takes stock for every item or none (out_of_stock); inventory.release gives it
 * back. A reserve that arrives after the order's release takes nothing (messaging/order-tombstone.ts).
 */
export const handleInventory: TransactionalHandler = async (tx, m) => {
  // One order's commands never interleave (a late authorize vs its refund, reserve vs release).
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [m.orderId]);
  if (m.type === 'inventory.reserve') return reserve(tx, m, m.payload['items'] as Item[]);
  if (m.type === 'inventory.release') return release(tx, m);
  throw new ServiceError('ERR_INVENTORY_UNEXPECTED', `inventory cannot handle ${m.type}`);
};

async function reserve(tx: pg.PoolClient, m: Envelope, items: Item[]): Promise<Outgoing[]> {
  if (await compensatedAlready(tx, m.orderId, m.type)) return reply(m, false, 'step_timeout');
  await tx.query('savepoint reserve');
  for (const item of items) {
    // Take the stock and record the reservation in one statement (one round trip): the product
    // row stays locked from here to the commit, and every order of a popular SKU queues on it.
    const taken = await tx.query(
      `with taken as (update products set stock = stock - $3::bigint where sku = $2 and stock >= $3::bigint returning sku)
       insert into reservations (id, order_id, sku, quantity, status)
       select $4::uuid, $1::uuid, sku, $3::int, 'reserved' from taken`,
      [m.orderId, item.sku, item.quantity, randomUUID()],
    );
    if (taken.rowCount === 0) {
      await tx.query('rollback to savepoint reserve');
      return reply(m, false, 'out_of_stock');
    }
  }
  return reply(m, true);
}

async function release(tx: pg.PoolClient, m: Envelope): Promise<Outgoing[]> {
  await leaveTombstone(tx, m.orderId, m.type);
  const released = await tx.query<{ sku: string; quantity: number }>(
    "update reservations set status = 'released', released_at = now() where order_id = $1 and status = 'reserved' returning sku, quantity",
    [m.orderId],
  );
  for (const r of released.rows)
    await tx.query('update products set stock = stock + $2 where sku = $1', [r.sku, r.quantity]);
  return reply(m, true);
}
