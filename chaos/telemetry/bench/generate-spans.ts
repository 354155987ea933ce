import type { SpanStore } from '../span-store.js';
import { SPANS_TABLE } from '../spans-schema.js';

/**
 * Fills the store with `rows` synthetic saga spans directly in SQL (16 per trace, a chain of
 * publish/process pairs under two HTTP server spans; every 4th trace's shipping step fails).
 * Only constants are spliced into the SQL.
 */
export async function generateSpans(store: SpanStore, rows: number): Promise<void> {
  const traces = Math.ceil(rows / 16);
  const hops: [string, string, string][] = [
    ['payment.authorize', 'order', 'payment'],
    ['payment.authorized', 'payment', 'order'],
    ['inventory.reserve', 'order', 'inventory'],
    ['inventory.reserved', 'inventory', 'order'],
    ['shipping.schedule', 'order', 'shipping'],
    ['shipping.scheduled', 'shipping', 'order'],
    ['payment.refund', 'order', 'payment'],
  ];
  const shapes = [
    `(0, 'POST /orders', 'gateway', 'SERVER', '{"http.route":"/orders","http.response.status_code":202}')`,
    `(1, 'POST /orders', 'order', 'SERVER', '{"http.route":"/orders"}')`,
    ...hops.flatMap(([hop, from, to], i) => {
      const attrs = `{"messaging.destination.name":"${hop}","saga.step":"${hop.split('.')[0]}"}`;
      return [
        `(${2 + 2 * i}, '${hop} publish', '${from}', 'PRODUCER', '${attrs}')`,
        `(${3 + 2 * i}, '${hop} process', '${to}', 'CONSUMER', '${attrs}')`,
      ];
    }),
  ];
  await store.execute(
    `CREATE TEMP TABLE shapes(p INTEGER, name VARCHAR, service VARCHAR, kind VARCHAR, attrs VARCHAR)`,
  );
  await store.execute(`INSERT INTO shapes VALUES ${shapes.join(', ')}`);
  const base = 1_700_000_000_000_000_000n;
  await store.execute(
    `INSERT INTO ${SPANS_TABLE} SELECT (t.t + 1)::UHUGEINT, (t.t * 16 + s.p + 1)::UBIGINT, ` +
      `CASE WHEN s.p = 0 THEN NULL ELSE (t.t * 16 + s.p)::UBIGINT END, s.name, s.kind, s.service, 'bench', ` +
      `${base} + t.t * 100000 + s.p * 100000 AS start_ns, ` +
      `${base} + t.t * 100000 + s.p * 100000 + 200000 + ((t.t * 104729 + s.p * 7919) % 5000000), ` +
      `(200000 + ((t.t * 104729 + s.p * 7919) % 5000000)) / 1e6, ` +
      `CASE WHEN t.t % 4 = 0 AND s.name = 'shipping.schedule process' THEN 'ERROR' ELSE 'UNSET' END, '', s.attrs, ` +
      `'{"service.name":"' || s.service || '"}', '[]' ` +
      `FROM range(${traces}) t(t) CROSS JOIN shapes s ORDER BY t.t, s.p`,
  );
  await store.execute('DROP TABLE shapes');
}
