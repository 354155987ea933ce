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
 * payment.authorize charges the PSP (approved → authorized, declined → payment_declined; PSP down,
 * slow, or refused by the psp link's open breaker, full bulkhead or timeout → payment_unavailable,
 * a step failure the saga compensates); payment.refund refunds an authorized, not yet refunded
 * charge (any failure throws, so the delivery is retried: refunds must happen). Both calls carry
 * an idempotency key, so the policy may retry them. An authorize that arrives after the order's
 * refund charges nothing (messaging/order-tombstone.ts).
 */
export function createPaymentHandler(psp: PeerClient): TransactionalHandler {
  return async (tx, m) => {
    // One order's commands never interleave (a late authorize vs its refund, reserve vs release).
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [m.orderId]);
    if (m.type === 'payment.authorize') return authorize(tx, m, psp);
    if (m.type === 'payment.refund') return refund(tx, m, psp);
    throw new ServiceError('ERR_PAYMENT_UNEXPECTED', `payment cannot handle ${m.type}`);
  };
}

async function authorize(tx: pg.PoolClient, m: Envelope, psp: PeerClient): Promise<Outgoing[]> {
  if (await compensatedAlready(tx, m.orderId, m.type)) return reply(m, false, 'step_timeout');
  const amountCents = Number(m.payload['amountCents']);
  const r = await psp.json('POST', '/v1/charges', { orderId: m.orderId, amountCents }, `charge:${m.id}`);
  const body = r.ok ? (r.body as { id?: string; status?: string }) : undefined;
  const status =
    r.ok && r.status === 201 ? (body?.status === 'approved' ? 'authorized' : 'declined') : 'failed';
  await tx.query(
    'insert into payments (id, order_id, kind, status, amount_cents, psp_ref, message_id) values ($1, $2, $3, $4, $5, $6, $7)',
    [randomUUID(), m.orderId, 'charge', status, amountCents, body?.id ?? null, m.id],
  );
  if (status === 'authorized') return reply(m, true);
  return reply(m, false, status === 'declined' ? 'payment_declined' : 'payment_unavailable');
}

async function refund(tx: pg.PoolClient, m: Envelope, psp: PeerClient): Promise<Outgoing[]> {
  await leaveTombstone(tx, m.orderId, m.type);
  // Lock the order's rows so two concurrent refunds cannot both see "not refunded yet".
  const rows = (
    await tx.query<{ kind: string; status: string; amount_cents: string; psp_ref: string | null }>(
      'select kind, status, amount_cents, psp_ref from payments where order_id = $1 for update',
      [m.orderId],
    )
  ).rows;
  const charged = rows.filter((r) => r.kind === 'charge' && r.status === 'authorized');
  const refunded = rows.filter((r) => r.kind === 'refund').length;
  for (const charge of charged.slice(refunded)) {
    const r = await psp.json(
      'POST',
      '/v1/refunds',
      { orderId: m.orderId, chargeId: charge.psp_ref ?? undefined },
      `refund:${charge.psp_ref ?? m.id}`,
    );
    // Refunds must happen: while the psp breaker is open, wait it out without using up attempts.
    if (!r.ok && r.rejectedBy === 'breaker')
      throw new ServiceError('ERR_PEER_UNAVAILABLE', `psp refund deferred: ${r.error}`);
    if (!r.ok || r.status !== 201)
      throw new ServiceError('ERR_PAYMENT_REFUND', `psp refund failed: ${r.ok ? r.status : r.error}`);
    await tx.query(
      'insert into payments (id, order_id, kind, status, amount_cents, psp_ref, message_id) values ($1, $2, $3, $4, $5, $6, $7)',
      [randomUUID(), m.orderId, 'refund', 'refunded', charge.amount_cents, charge.psp_ref, m.id],
    );
  }
  return reply(m, true);
}
