import type { Migration } from './migrate.js';

/**
 * Tables every messaging service has: the transactional outbox, the inbox (dedupe by message id)
 * and the order tombstones (a forward command after its compensation does nothing).
 */
export const PLATFORM_MIGRATIONS: readonly Migration[] = [
  {
    id: '0000-outbox-inbox',
    sql: `
      create table outbox (
        id uuid primary key,
        seq bigserial not null,
        routing_key text not null,
        type text not null,
        body jsonb not null,
        headers jsonb not null default '{}',
        created_at timestamptz not null default now(),
        published_at timestamptz
      );
      create index outbox_unpublished on outbox (seq) where published_at is null;
      create table inbox (
        message_id uuid not null,
        consumer text not null,
        received_at timestamptz not null default now(),
        primary key (message_id, consumer)
      );`,
  },
  {
    // Orders already compensated in this service (messaging/order-tombstone.ts): a forward command
    // that arrives after its compensation must do nothing.
    id: '0000-order-tombstones',
    sql: `
      create table order_tombstones (
        order_id uuid primary key,
        command text not null,
        created_at timestamptz not null default now()
      );`,
  },
];
