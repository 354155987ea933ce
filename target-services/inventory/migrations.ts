import { CATALOG } from '../contracts/catalog.js';
import type { Migration } from '../platform/db/migrate.js';

const seed = CATALOG.map((p) => `('${p.sku}', '${p.name}', ${p.priceCents}, ${p.stock}, ${p.stock})`);

/**
 * inventory_db schema. Stock is conserved: `initial_stock = stock + sum(quantity of reservations
 * with status 'reserved')` for every product.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-products-reservations',
    sql: `
      create table products (
        sku text primary key,
        name text not null,
        price_cents bigint not null check (price_cents >= 0),
        stock bigint not null check (stock >= 0),
        initial_stock bigint not null
      );
      create table reservations (
        id uuid primary key,
        order_id uuid not null,
        sku text not null references products (sku),
        quantity int not null check (quantity > 0),
        status text not null check (status in ('reserved', 'released')),
        created_at timestamptz not null default now(),
        released_at timestamptz
      );
      create index reservations_order on reservations (order_id);
      insert into products (sku, name, price_cents, stock, initial_stock) values
        ${seed.join(',\n        ')};`,
  },
];
