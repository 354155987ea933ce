import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { REPLY_TYPE, type Envelope, type FailureReason } from '../contracts/messages.js';
import { ServiceError } from '../platform/errors.js';
import type { PeerClient } from '../platform/http/client.js';
import type { TransactionalHandler } from '../platform/messaging/inbox-handler.js';
import type { Outgoing } from '../platform/messaging/outgoing.js';
import { compensatedAlready, leaveTombstone } from '../platform/messaging/order-tombstone.js';

const reply = (m: Envelope, ok: boolean, reason?: FailureReason): Outgoing[] => [
  { type: REPLY_TYPE, orderId: m.orderId, payload: { command: m.type, ok, ...(reason ? { reason } : {}) } },
];

/**
 * shipping.schedule books the carrier (any non-201, transport failure, or refusal by the carrier
 * link's open breaker, full bulkhead or timeout → shipping_failed, a step failure the saga
 * compensates); shipping.cancel cancels scheduled shipments (a failure throws, so it is retried).
 * A schedule that arrives after the order's cancel books nothing (messaging/order-tombstone.ts).
 */
export function createShippingHandler(carrier: PeerClient): TransactionalHandler {
  return async (tx, m) => {
    // One order's commands never interleave (a late authorize vs its refund, reserve vs release).
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [m.orderId]);
    if (m.type === 'shipping.schedule') return schedule(tx, m, carrier);
    if (m.type === 'shipping.cancel') return cancel(tx, m, carrier);
    throw new ServiceError('ERR_SHIPPING_UNEXPECTED', `shipping cannot handle ${m.type}`);
  };
}

async function schedule(tx: pg.PoolClient, m: Envelope, carrier: PeerClient): Promise<Outgoing[]> {
  if (await compensatedAlready(tx, m.orderId, m.type)) return reply(m, false, 'step_timeout');
  const r = await carrier.json(
    'POST',
    '/v1/shipments',
    { orderId: m.orderId, items: m.payload['items'] },
    `shipment:${m.id}`,
  );
  const ok = r.ok && r.status === 201;
  const ref = ok ? ((r.body as { id?: string }).id ?? null) : null;
  await tx.query('insert into shipments (id, order_id, status, carrier_ref) values ($1, $2, $3, $4)', [
    randomUUID(),
    m.orderId,
    ok ? 'scheduled' : 'failed',
    ref,
  ]);
  return ok ? reply(m, true) : reply(m, false, 'shipping_failed');
}

async function cancel(tx: pg.PoolClient, m: Envelope, carrier: PeerClient): Promise<Outgoing[]> {
  await leaveTombstone(tx, m.orderId, m.type);
  const rows = (
    await tx.query<{ id: string; carrier_ref: string | null }>(
      "select id, carrier_ref from shipments where order_id = $1 and status = 'scheduled' for update",
      [m.orderId],
    )
  ).rows;
  for (const s of rows) {
    const r = await carrier.json('DELETE', `/v1/shipments/${encodeURIComponent(s.carrier_ref ?? s.id)}`);
    // Cancellations must happen: while the carrier breaker is open, wait without using up attempts.
    if (!r.ok && r.rejectedBy === 'breaker')
      throw new ServiceError('ERR_PEER_UNAVAILABLE', `carrier cancel deferred: ${r.error}`);
    if (!r.ok || r.status >= 300)
      throw new ServiceError('ERR_SHIPPING_CANCEL', `carrier cancel failed: ${r.ok ? r.status : r.error}`);
    await tx.query("update shipments set status = 'cancelled', cancelled_at = now() where id = $1", [s.id]);
  }
  return reply(m, true);
}
