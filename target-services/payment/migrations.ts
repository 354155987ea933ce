import type { Migration } from '../platform/db/migrate.js';

/** payment_db schema. `payments` has one row per PSP interaction that changed money. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-payments',
    sql: `
      create table payments (
        id uuid primary key,
        order_id uuid not null,
        kind text not null check (kind in ('charge', 'refund')),
        status text not null check (status in ('authorized', 'declined', 'failed', 'refunded')),
        amount_cents bigint not null,
        psp_ref text,
        message_id uuid not null,
        created_at timestamptz not null default now()
      );
      create index payments_order on payments (order_id);`,
  },
];
