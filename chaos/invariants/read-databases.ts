import pg from 'pg';
import { FaultlineError } from '../errors.js';
import type { OrderRow, PaymentRow, ProductRow, ReservationRow } from './snapshot.js';

/** The fleet databases reconcile reads (names before the prefix). */
export const RECONCILE_DATABASES = ['order_db', 'payment_db', 'inventory_db'] as const;
export type ReconcileDatabase = (typeof RECONCILE_DATABASES)[number];

/** Where the databases are: a server URL (its path is ignored) and the fleet's name prefix. */
export interface DatabaseTarget {
  /** Default `postgres://postgres@127.0.0.1:5432/postgres`. */
  postgresUrl: string;
  /** Prefix of every database name, as given to `faultline fleet up --db-prefix` (default ''). */
  dbPrefix: string;
  /**
   * Explicit connection URLs by database, each naming its own server, user and database (kubernetes mode: one
   * CloudNativePG cluster per service). A database listed here ignores `postgresUrl` and `dbPrefix`.
   */
  databaseUrls?: Partial<Record<ReconcileDatabase, string>>;
}

/** The rows of the three stores the invariants read. */
export interface DatabaseRows {
  orders: OrderRow[];
  payments: PaymentRow[];
  reservations: ReservationRow[];
  products: ProductRow[];
}

const ORDERS_SQL = `select id::text, status, (extract(epoch from now() - created_at) * 1000)::float8 as age_ms
  from orders order by created_at, id`;
const PAYMENTS_SQL = `select order_id::text, kind, status from payments order by created_at, id`;
const RESERVATIONS_SQL = `select order_id::text, sku, quantity::int, status from reservations order by created_at, id`;
const PRODUCTS_SQL = `select sku, stock::int, initial_stock::int from products order by sku`;

/** The explicit URL of `name` if there is one, else `postgresUrl` with its database replaced by `<prefix><name>`. */
export function databaseUrl(target: DatabaseTarget, name: ReconcileDatabase): string {
  const explicit = target.databaseUrls?.[name];
  if (explicit !== undefined) return explicit;
  const url = new URL(target.postgresUrl);
  url.pathname = `/${encodeURIComponent(target.dbPrefix + name)}`;
  return url.toString();
}

async function query<R extends pg.QueryResultRow>(
  target: DatabaseTarget,
  name: ReconcileDatabase,
  sqls: readonly string[],
): Promise<R[][]> {
  const url = databaseUrl(target, name);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const results: R[][] = [];
    // One repeatable-read transaction: the rows of one database are one consistent snapshot.
    await client.query('begin isolation level repeatable read read only');
    for (const sql of sqls) results.push((await client.query<R>(sql)).rows);
    await client.query('commit');
    return results;
  } catch (err) {
    throw new FaultlineError(
      'ERR_RECONCILE_DB_READ',
      `cannot read ${decodeURIComponent(new URL(url).pathname.slice(1))} at ${new URL(url).host}`,
      { cause: err },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads orders, payments, reservations and products. Any unreadable database throws. */
export async function readDatabases(target: DatabaseTarget): Promise<DatabaseRows> {
  type Row = Record<string, unknown>;
  const [[orders = []], [payments = []], [reservations = [], products = []]] = await Promise.all([
    query<Row>(target, 'order_db', [ORDERS_SQL]),
    query<Row>(target, 'payment_db', [PAYMENTS_SQL]),
    query<Row>(target, 'inventory_db', [RESERVATIONS_SQL, PRODUCTS_SQL]),
  ]);
  return {
    orders: orders.map((r) => ({
      id: String(r['id']),
      status: String(r['status']),
      ageMs: Number(r['age_ms']),
    })),
    payments: payments.map((r) => ({
      orderId: String(r['order_id']),
      kind: String(r['kind']),
      status: String(r['status']),
    })),
    reservations: reservations.map((r) => ({
      orderId: String(r['order_id']),
      sku: String(r['sku']),
      quantity: Number(r['quantity']),
      status: String(r['status']),
    })),
    products: products.map((r) => ({
      sku: String(r['sku']),
      stock: Number(r['stock']),
      initialStock: Number(r['initial_stock']),
    })),
  };
}
