import type { Migration } from '../platform/db/migrate.js';

/** order_db schema: orders with their persisted saga state, and the saga history. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-orders',
    sql: `
      create table orders (
        id uuid primary key,
        idempotency_key text unique,
        customer_id text not null,
        items jsonb not null,
        amount_cents bigint not null,
        status text not null check (status in ('pending', 'compensating', 'completed', 'compensated')),
        reason text,
        saga jsonb not null,
        step_deadline timestamptz,
        trace_headers jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        terminal_at timestamptz
      );
      create index orders_due on orders (step_deadline) where status in ('pending', 'compensating');
      create table saga_history (
        id bigserial primary key,
        order_id uuid not null references orders (id),
        at timestamptz not null default now(),
        step text not null,
        event text not null,
        reason text
      );
      create index saga_history_order on saga_history (order_id, id);`,
  },
  {
    // The saga-load report counts recent completions by terminal_at (saga-load.ts).
    id: '0002-orders-terminal-at',
    sql: 'create index orders_terminal_at on orders (terminal_at) where terminal_at is not null;',
  },
];
