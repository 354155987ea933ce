import { PROMOTED_ATTRIBUTES } from '../promoted-attributes.js';
import type { SpanStore } from '../span-store.js';
import { SPANS_TABLE } from '../spans-schema.js';

/**
 * Fills the store with `rows` synthetic saga spans directly in SQL (16 per trace, a chain of
 * publish/process pairs under two HTTP server spans; every 4th trace's shipping step fails).
 * Ids are hashes, so they are as random as real ones (DuckDB cannot shrink random keys in joins).
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
  const http = `{"http.request.method":"POST","http.route":"/orders"}`;
  const shapes = [
    `(0, 'POST /orders', 'gateway', 'SERVER', '{"http.request.method":"POST","http.route":"/orders","http.response.status_code":202}')`,
    `(1, 'POST /orders', 'order', 'SERVER', '${http}')`,
    ...hops.flatMap(([hop, from, to], i) => {
      const step = hop.split('.')[0];
      const extra = hop === 'payment.refund' ? ',"saga.compensation":true' : '';
      const attrs =
        `{"messaging.system":"rabbitmq","messaging.destination.name":"${hop}",` +
        `"messaging.rabbitmq.destination.routing_key":"${hop}","saga.step":"${step}"${extra}}`;
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
  const promoted = PROMOTED_ATTRIBUTES.map((a) => `json_extract_string(s.attrs, '$."${a.key}"')`);
  const base = 1_700_000_000_000_000_000n;
  const spanId = (n: string) => `hash(${n}, 7)`;
  await store.execute(
    `INSERT INTO ${SPANS_TABLE} SELECT (hash(t.t)::UHUGEINT << 64) + hash(t.t, 1)::UHUGEINT, ${spanId('t.t * 16 + s.p')}, ` +
      `CASE WHEN s.p = 0 THEN NULL ELSE ${spanId('t.t * 16 + s.p - 1')} END, s.name, s.kind, s.service, 'bench', ` +
      `${base} + t.t * 100000 + s.p * 100000 AS start_ns, ` +
      `${base} + t.t * 100000 + s.p * 100000 + 200000 + ((t.t * 104729 + s.p * 7919) % 5000000), ` +
      `(200000 + ((t.t * 104729 + s.p * 7919) % 5000000)) / 1e6, ` +
      `CASE WHEN t.t % 4 = 0 AND s.name = 'shipping.schedule process' THEN 'ERROR' ELSE 'UNSET' END, '', ` +
      `${promoted.join(', ')}, s.attrs, '{"service.name":"' || s.service || '"}', '[]' ` +
      `FROM range(${traces}) t(t) CROSS JOIN shapes s ORDER BY t.t, s.p`,
  );
  await store.execute('DROP TABLE shapes');
}
