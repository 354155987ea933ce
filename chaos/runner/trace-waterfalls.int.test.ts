import assert from 'node:assert/strict';
import type { AttributeValue, SpanRow, StatusCodeName } from '../telemetry/span-row.js';
import { SpanStore } from '../telemetry/span-store.js';
import { pickTraceWaterfalls } from './trace-waterfalls.js';

const T0_MS = 1_796_000_000_000;
const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;

/** One span of trace `trace` (1-based), `startMs` after T0, lasting `durationMs`. */
function span(
  trace: number,
  id: number,
  startMs: number,
  durationMs: number,
  attributes: Record<string, AttributeValue> = {},
  statusCode: StatusCodeName = 'UNSET',
): SpanRow {
  return {
    traceId: BigInt(trace),
    spanId: BigInt(trace * 100 + id),
    parentSpanId: id === 1 ? null : BigInt(trace * 100 + 1),
    name: id === 1 ? 'POST /v1/orders' : 'saga.step payment.authorize',
    kind: id === 1 ? 'SERVER' : 'INTERNAL',
    serviceName: id === 1 ? 'gateway' : 'order',
    scopeName: '',
    startUnixNano: ns(T0_MS + startMs),
    endUnixNano: ns(T0_MS + startMs + durationMs),
    durationMs,
    statusCode,
    statusMessage: '',
    attributes,
    resourceAttributes: {},
    events: [],
  };
}

const orderId = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/** Trace `n` of order `orderId(n)`: a gateway root lasting `ms`, and a saga span naming the order. */
const orderTrace = (n: number, ms: number, status: StatusCodeName = 'UNSET'): SpanRow[] => [
  span(n, 1, n * 10, ms, {}, status),
  span(n, 2, n * 10 + 1, 1, { 'order.id': orderId(n), 'saga.step': 'authorize' }),
];

describe('trace waterfalls from a real DuckDB span store', function () {
  let store: SpanStore;

  before(async function () {
    store = await SpanStore.open();
    // Traces 1..6: 1 and 2 are the slowest, 3 failed, 4..6 are quick and healthy.
    store.enqueue([
      ...orderTrace(1, 900),
      ...orderTrace(2, 800),
      ...orderTrace(3, 50, 'ERROR'),
      ...orderTrace(4, 30),
      ...orderTrace(5, 20),
      ...orderTrace(6, 10),
    ]);
    await store.flush();
  });
  after(async () => store.close());

  const window = { fromMs: T0_MS, toMs: T0_MS + 10_000, perList: 2 };

  it('tags every picked trace with the order ids its spans carry', async function () {
    const traces = await pickTraceWaterfalls(store, window);
    assert.deepEqual(
      traces.map((t) => [t.reason, t.orderIds]),
      [
        ['slowest', [orderId(1)]],
        ['slowest', [orderId(2)]],
        ['failed', [orderId(3)]],
      ],
    );
  });

  it("adds the traces of invariant-breaking orders that no other list picked, and not the others'", async function () {
    const traces = await pickTraceWaterfalls(store, {
      ...window,
      orderIds: [orderId(1), orderId(5), orderId(6), 'not-a-uuid; drop table spans', orderId(99)],
    });
    assert.deepEqual(
      traces.map((t) => [t.reason, t.orderIds?.[0]]),
      [
        ['slowest', orderId(1)],
        ['slowest', orderId(2)],
        ['failed', orderId(3)],
        ['violation', orderId(5)],
        ['violation', orderId(6)],
      ],
    );
    assert.equal(traces[3]?.spans.length, 2, 'with every span of the trace');
    assert.equal(await store.count(), 12, 'an unsafe id is left out of the query, never run');
  });

  it('keeps at most perList traces of breaking orders, the slowest first', async function () {
    const traces = await pickTraceWaterfalls(store, {
      ...window,
      perList: 1,
      orderIds: [orderId(4), orderId(5), orderId(6)],
    });
    assert.deepEqual(
      traces.filter((t) => t.reason === 'violation').map((t) => t.orderIds),
      [[orderId(4)]],
    );
  });
});
