import type { Migration } from '../platform/db/migrate.js';

/** shipping_db schema: one row per order that reached the carrier step. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-shipments',
    sql: `
      create table shipments (
        id uuid primary key,
        order_id uuid not null,
        status text not null check (status in ('scheduled', 'failed', 'cancelled')),
        carrier_ref text,
        created_at timestamptz not null default now(),
        cancelled_at timestamptz
      );
      create index shipments_order on shipments (order_id);`,
  },
];
