import assert from 'node:assert/strict';
import { waterfallsOf, type WaterfallRow } from './trace-waterfalls.js';

const row = (over: Partial<WaterfallRow>): WaterfallRow => ({
  reason: 'slowest',
  trace_id: 'a'.repeat(32),
  trace_ms: 120.5,
  span_id: '1'.repeat(16),
  parent_span_id: null,
  service_name: 'gateway',
  name: 'POST /v1/orders',
  offset_ms: 0,
  duration_ms: 120.5,
  status_code: 'UNSET',
  ...over,
});

describe('waterfallsOf', () => {
  it('groups rows by trace, keeping the order, the reason and each span parent and status', () => {
    const b = 'b'.repeat(32);
    const traces = waterfallsOf([
      row({}),
      row({
        span_id: '2'.repeat(16),
        parent_span_id: '1'.repeat(16),
        service_name: 'order',
        offset_ms: 3.25,
        duration_ms: 80,
        status_code: 'OK',
      }),
      row({ reason: 'failed', trace_id: b, trace_ms: 40, status_code: 'ERROR', duration_ms: 40 }),
    ]);
    assert.deepEqual(
      traces.map((t) => [t.traceId, t.reason, t.durationMs, t.spans.length]),
      [
        ['a'.repeat(32), 'slowest', 120.5, 2],
        [b, 'failed', 40, 1],
      ],
    );
    assert.deepEqual(traces[0]?.spans[1], {
      spanId: '2'.repeat(16),
      parentSpanId: '1'.repeat(16),
      service: 'order',
      name: 'POST /v1/orders',
      startMs: 3.25,
      durationMs: 80,
      status: 'ok',
    });
    assert.equal(traces[0]?.spans[0]?.parentSpanId, undefined);
    assert.equal(traces[1]?.spans[0]?.status, 'error');
  });

  it('keeps the violation reason and the sorted order ids of a trace, and none when it carries none', () => {
    const [violation, plain] = waterfallsOf([
      row({ reason: 'violation', order_ids: 'o-2,o-1' }),
      row({ trace_id: 'c'.repeat(32), order_ids: null }),
    ]);
    assert.equal(violation?.reason, 'violation');
    assert.deepEqual(violation?.orderIds, ['o-1', 'o-2']);
    assert.equal(plain !== undefined && 'orderIds' in plain, false);
  });

  it('gives no waterfall for no rows', () => {
    assert.deepEqual(waterfallsOf([]), []);
  });
});
