import type pg from 'pg';
import type { Item } from '../contracts/messages.js';
import type { HistoryEntry, SagaState } from './saga.js';

/** An order row as the service uses it. */
export interface OrderRecord {
  id: string;
  customerId: string;
  items: Item[];
  amountCents: number;
  status: string;
  reason: string | null;
  saga: SagaState;
  traceHeaders: Record<string, string>;
  createdAt: Date;
}

type Row = {
  id: string;
  customer_id: string;
  items: Item[];
  amount_cents: string;
  status: string;
  reason: string | null;
  saga: SagaState;
  trace_headers: Record<string, string>;
  created_at: Date;
};
type HistoryRow = { at: string; step: string; event: string; reason: string | null };
const COLUMNS = 'id, customer_id, items, amount_cents, status, reason, saga, trace_headers, created_at';
const toRecord = (r: Row): OrderRecord => ({
  id: r.id,
  customerId: r.customer_id,
  items: r.items,
  amountCents: Number(r.amount_cents),
  status: r.status,
  reason: r.reason,
  saga: r.saga,
  traceHeaders: r.trace_headers,
  createdAt: r.created_at,
});

/** Inserts a new order; returns false when the idempotency key is already taken. */
export async function insertOrder(
  tx: pg.PoolClient,
  o: OrderRecord,
  idempotencyKey: string | null,
): Promise<boolean> {
  const r = await tx.query(
    'insert into orders (id, idempotency_key, customer_id, items, amount_cents, status, saga, trace_headers) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (idempotency_key) do nothing',
    [
      o.id,
      idempotencyKey,
      o.customerId,
      JSON.stringify(o.items),
      o.amountCents,
      o.status,
      o.saga,
      o.traceHeaders,
    ],
  );
  return r.rowCount === 1;
}

/** The order id already stored under an idempotency key. */
export async function findIdByKey(db: pg.Pool | pg.PoolClient, key: string): Promise<string | undefined> {
  return (await db.query<{ id: string }>('select id from orders where idempotency_key = $1', [key])).rows[0]
    ?.id;
}

/** Loads and row-locks an order (null when unknown). `skipLocked` for the sweeper. */
export async function lockOrder(
  tx: pg.PoolClient,
  id: string,
  skipLocked = false,
): Promise<OrderRecord | null> {
  const row = (
    await tx.query<Row>(
      `select ${COLUMNS} from orders where id = $1 for update${skipLocked ? ' skip locked' : ''}`,
      [id],
    )
  ).rows[0];
  return row ? toRecord(row) : null;
}

/**
 * Persists a saga transition: state, status, reason, next deadline and history lines, in one
 * statement (one round trip inside the reply's transaction; the history keeps its order).
 */
export async function saveSaga(
  tx: pg.PoolClient,
  id: string,
  saga: SagaState,
  deadline: Date | null,
  history: readonly HistoryEntry[],
): Promise<void> {
  const terminal = saga.status === 'completed' || saga.status === 'compensated';
  await tx.query(
    `with u as (
       update orders set saga = $2, status = $3, reason = $4, step_deadline = $5, updated_at = now(),
         terminal_at = case when $6 then now() else terminal_at end
       where id = $1 returning id)
     insert into saga_history (order_id, step, event, reason)
     select u.id, h.step, h.event, h.reason
     from u, unnest($7::text[], $8::text[], $9::text[]) with ordinality as h(step, event, reason, n)
     order by h.n`,
    [
      id,
      saga,
      saga.status,
      saga.reason,
      deadline,
      terminal,
      history.map((h) => h.step),
      history.map((h) => h.event),
      history.map((h) => h.reason ?? null),
    ],
  );
}

/** Ids of non-terminal sagas whose step deadline has passed (oldest first). */
export async function dueOrderIds(pool: pg.Pool, limit: number): Promise<string[]> {
  const r = await pool.query<{ id: string }>(
    "select id from orders where status in ('pending', 'compensating') and step_deadline < now() order by step_deadline limit $1",
    [limit],
  );
  return r.rows.map((x) => x.id);
}

/** Number of non-terminal sagas. */
export async function countInFlight(pool: pg.Pool): Promise<number> {
  return Number(
    (
      await pool.query<{ n: string }>(
        "select count(*) as n from orders where status in ('pending', 'compensating')",
      )
    ).rows[0]?.n ?? 0,
  );
}

/** The public view of an order with its history, or null. */
export async function readOrder(pool: pg.Pool, id: string): Promise<Record<string, unknown> | null> {
  // One statement (one pooled connection, one round trip) for the order and its history: a status
  // request reads it once or twice, and every order is read by its POST and its checkout's polls.
  const row = (
    await pool.query<Row & { updated_at: Date; history: HistoryRow[] }>(
      `select ${COLUMNS}, updated_at,
              coalesce((select json_agg(json_build_object('at', h.at, 'step', h.step, 'event', h.event, 'reason', h.reason) order by h.id)
                        from saga_history h where h.order_id = o.id), '[]'::json) as history
       from orders o where id = $1`,
      [id],
    )
  ).rows[0];
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    customerId: row.customer_id,
    items: row.items,
    amountCents: Number(row.amount_cents),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history: row.history.map((h) => ({
      // JSON carries the timestamp as text (microseconds, UTC offset); a Date prints it as before.
      at: new Date(h.at),
      step: h.step,
      event: h.event,
      ...(h.reason ? { reason: h.reason } : {}),
    })),
  };
}
