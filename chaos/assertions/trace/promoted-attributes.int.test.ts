import assert from 'node:assert/strict';
import { PROMOTED_ATTRIBUTES } from '../../telemetry/promoted-attributes.js';
import type { AttributeValue, SpanRow } from '../../telemetry/span-row.js';
import { SpanStore } from '../../telemetry/span-store.js';
import { runTraceAssertion } from './run-trace-assertions.js';
import { parseSelector } from './selector-parser.js';
import { selectorToSql } from './selector-sql.js';

/** Values a sender might put in a promoted attribute, including the wrong types. */
const VALUES: (AttributeValue | undefined)[] = [
  500,
  '500',
  404,
  'abc',
  true,
  false,
  1.5,
  ['a', 1],
  undefined,
];

function row(i: number, attributes: Record<string, AttributeValue>): SpanRow {
  return {
    traceId: BigInt(i + 1),
    spanId: BigInt(i + 1),
    parentSpanId: null,
    name: `s${i}`,
    kind: 'SERVER',
    serviceName: 'svc',
    scopeName: '',
    startUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    endUnixNano: 1_700_000_000_001_000_000n + BigInt(i),
    durationMs: 1,
    statusCode: 'UNSET',
    statusMessage: '',
    attributes,
    resourceAttributes: { 'service.name': 'svc' },
    events: [],
  };
}

const CONDITIONS = [
  '=500',
  '="500"',
  '!=500',
  '>=404',
  '<450',
  '=true',
  '="abc"',
  ' contains "5"',
  ' glob "4*"',
  '=~"[0-9]+"',
  ' exists',
  '=1.5',
];

describe('promoted attribute columns', function () {
  let store: SpanStore;
  before(async () => {
    store = await SpanStore.open();
    const rows: SpanRow[] = [];
    VALUES.forEach((value, i) => {
      const attributes: Record<string, AttributeValue> = { 'order.id': `o${i}` };
      if (value !== undefined) {
        for (const p of PROMOTED_ATTRIBUTES) attributes[p.key] = value;
        attributes['custom.code'] = value;
      }
      rows.push(row(i, attributes));
    });
    store.enqueue(rows);
    await store.flush();
  });
  after(async () => store.close());

  /** Spans matched by the compiled selector, and by the same SQL reading the JSON column instead. */
  async function bothWays(key: string, column: string, condition: string): Promise<[string[], string[]]> {
    const compiled = selectorToSql(parseSelector(`span[${key}${condition}]`));
    assert.ok(compiled.sql.includes(`c.${column}`), compiled.sql);
    const generic = compiled.sql.replaceAll(`c.${column}`, `json_extract_string(c.attributes, '$."${key}"')`);
    const names = async (sql: string) =>
      (await store.query(`SELECT name FROM (${sql}) ORDER BY name`, compiled.params)).map((r) =>
        String(r['name']),
      );
    return [await names(compiled.sql), await names(generic)];
  }

  for (const { key, column } of PROMOTED_ATTRIBUTES) {
    it(`gives the same spans for ${key} from its column and from the JSON attributes`, async () => {
      for (const condition of CONDITIONS) {
        const [promoted, generic] = await bothWays(key, column, condition);
        assert.deepEqual(promoted, generic, `${key}${condition}`);
      }
    });
  }

  it('matches what a selector on a non-promoted attribute matches for the same values', async () => {
    const matched = async (select: string) => {
      const r = await runTraceAssertion(store, { id: 'x', kind: 'count', select, objective: '>= 0' });
      return [r.evidence.observed, r.evidence.traceIds];
    };
    for (const condition of CONDITIONS) {
      assert.deepEqual(
        await matched(`span[http.response.status_code${condition}]`),
        await matched(`span[custom.code${condition}]`),
        condition,
      );
    }
    const [abc] = await matched('span[http.response.status_code="abc"]');
    assert.equal(abc, 1, 'a non-numeric value is kept as text, not dropped');
  });

  it('keeps every attribute, promoted ones included, in the JSON column', async () => {
    const [r] = await store.query(`SELECT attributes, http_route FROM spans WHERE name = 's0'`);
    assert.equal(JSON.parse(String(r?.['attributes']))['http.route'], 500);
    assert.equal(r?.['http_route'], '500');
  });
});
