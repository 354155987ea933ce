import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SpanStatusCode } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startCollector, type Collector } from './collector.js';
import { decodeTraceResponse } from './otlp-codec.js';
import { createSagaTracers, emitSagaTrace } from './testing/sdk-saga-traces.js';

const PROTO = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

async function post(
  c: Collector,
  body: Uint8Array | string,
  type: string,
  headers: Record<string, string> = {},
  path = '/v1/traces',
) {
  const res = await fetch(`${c.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...headers },
  });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/** Spans of one completed and one compensated saga, captured in memory from the real SDK. */
async function sagaSpans() {
  const memories: InMemorySpanExporter[] = [];
  const tracers = createSagaTracers(() => {
    const memory = new InMemorySpanExporter();
    memories.push(memory);
    return memory;
  });
  emitSagaTrace(tracers, 'completed', 1_700_000_000_000);
  emitSagaTrace(tracers, 'compensated', 1_700_000_001_000);
  await tracers.flush();
  const spans = memories.flatMap((m) => m.getFinishedSpans());
  await tracers.shutdown();
  return spans;
}

async function allRows(c: Collector) {
  await c.store.flush();
  return c.store.query('SELECT * FROM spans ORDER BY trace_id, span_id');
}

describe('OTLP/HTTP receiver', function () {
  const collectors: Collector[] = [];
  async function collector(options: Parameters<typeof startCollector>[0] = {}): Promise<Collector> {
    const c = await startCollector({ port: 0, ...options });
    collectors.push(c);
    return c;
  }
  afterEach(async () => {
    for (const c of collectors.splice(0)) await c.close();
  });

  it('stores the same rows for the JSON and the protobuf encoding of the same spans', async () => {
    const spans = await sagaSpans();
    const [a, b] = [await collector(), await collector()];
    const json = await post(a, JsonTraceSerializer.serializeRequest(spans)!, JSON_TYPE);
    const proto = await post(b, ProtobufTraceSerializer.serializeRequest(spans)!, PROTO);
    assert.equal(json.status, 200);
    assert.equal(proto.status, 200);
    assert.deepEqual(JSON.parse(Buffer.from(json.body).toString()), {});
    assert.deepEqual(decodeTraceResponse(proto.body), {});
    const [rowsA, rowsB] = [await allRows(a), await allRows(b)];
    assert.equal(rowsA.length, spans.length);
    assert.deepEqual(rowsA, rowsB);
    const refund = rowsA.find((r) => r['name'] === 'payment.refund process')!;
    assert.equal(refund['service_name'], 'payment');
    assert.equal(refund['kind'], 'CONSUMER');
    assert.equal(JSON.parse(String(refund['attributes']))['saga.compensation'], true);
    const failed = rowsA.find((r) => r['status_code'] === 'ERROR')!;
    assert.equal(failed['status_message'], 'carrier unavailable');
    assert.equal(typeof failed['trace_id'], 'bigint');
    const [hex] = await a.store.query('SELECT trace_id FROM spans_hex WHERE status_code = ?', ['ERROR']);
    assert.equal(
      hex?.['trace_id'],
      spans.find((s) => s.status.code === SpanStatusCode.ERROR)!.spanContext().traceId,
    );
  });

  it('exports stored spans to Parquet with hex ids', async () => {
    const spans = await sagaSpans();
    const c = await collector();
    await post(c, ProtobufTraceSerializer.serializeRequest(spans)!, PROTO);
    const dir = mkdtempSync(join(tmpdir(), 'faultline-parquet-'));
    try {
      const file = join(dir, 'spans.parquet');
      await c.store.exportParquet(file);
      const rows = await c.store.query(`SELECT trace_id, span_id FROM read_parquet(?) ORDER BY span_id`, [
        file,
      ]);
      const expected = spans.map((s) => s.spanContext().spanId).sort();
      assert.deepEqual(
        rows.map((r) => r['span_id']),
        expected,
      );
      assert.equal(
        rows[0]?.['trace_id'],
        spans.find((s) => s.spanContext().spanId === expected[0])!.spanContext().traceId,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts gzip bodies in both encodings', async () => {
    const spans = await sagaSpans();
    const c = await collector();
    const gzip = { 'content-encoding': 'gzip' };
    assert.equal(
      (await post(c, gzipSync(ProtobufTraceSerializer.serializeRequest(spans)!), PROTO, gzip)).status,
      200,
    );
    assert.equal(
      (await post(c, gzipSync(JsonTraceSerializer.serializeRequest(spans)!), JSON_TYPE, gzip)).status,
      200,
    );
    assert.equal(await c.store.count(), spans.length * 2);
  });

  it('answers 400 with a Status body for malformed payloads and keeps serving', async () => {
    const c = await collector();
    const cases: [Uint8Array | string, string, Record<string, string>][] = [
      ['{not json', JSON_TYPE, {}],
      ['[1,2]', JSON_TYPE, {}],
      ['{"resourceSpans": 5}', JSON_TYPE, {}],
      [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), PROTO, {}],
      ['not gzip at all', PROTO, { 'content-encoding': 'gzip' }],
    ];
    for (const [body, type, headers] of cases) {
      const res = await post(c, body, type, headers);
      assert.equal(res.status, 400, `${String(body)} should be rejected`);
      if (type === JSON_TYPE) assert.equal(JSON.parse(Buffer.from(res.body).toString()).code, 3);
    }
    const ok = await post(c, JsonTraceSerializer.serializeRequest(await sagaSpans())!, JSON_TYPE);
    assert.equal(ok.status, 200);
    assert.equal(c.stats.badRequests, cases.length);
  });

  it('answers 415 for other content types and 200 for metrics and logs', async () => {
    const c = await collector();
    assert.equal((await post(c, 'x', 'text/plain')).status, 415);
    assert.equal((await post(c, '{}', JSON_TYPE, {}, '/v1/metrics')).status, 200);
    assert.equal((await post(c, new Uint8Array(), PROTO, {}, '/v1/logs')).status, 200);
    assert.equal(await c.store.count(), 0);
  });

  it('reports rejected spans as a partial success and stores the rest', async () => {
    const c = await collector();
    const good = {
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      name: 'ok',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000005000000',
    };
    const bad = { ...good, spanId: 'xyz' };
    const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [good, bad] }] }] });
    const res = await post(c, body, JSON_TYPE);
    assert.equal(res.status, 200);
    const parsed = JSON.parse(Buffer.from(res.body).toString());
    assert.equal(parsed.partialSuccess.rejectedSpans, 1);
    assert.match(parsed.partialSuccess.errorMessage, /spanId/);
    const [row] = await allRows(c);
    assert.equal(row?.['duration_ms'], 5);
    assert.equal(row?.['service_name'], 'unknown_service');
  });

  it('answers 503 with Retry-After when the queue is full, and loses no accepted span', async () => {
    const spans = await sagaSpans();
    const body = ProtobufTraceSerializer.serializeRequest(spans)!;
    const c = await collector({ maxPendingRows: spans.length * 2, chunkRows: 4 });
    const results = await Promise.all(Array.from({ length: 30 }, () => post(c, body, PROTO)));
    const throttled = results.filter((r) => r.status === 503);
    const accepted = results.filter((r) => r.status === 200);
    assert.ok(throttled.length > 0, 'some requests should be throttled');
    assert.equal(throttled[0]!.headers.get('retry-after'), '1');
    assert.equal(accepted.length + throttled.length, results.length);
    assert.equal(await c.store.count(), accepted.length * spans.length);
  });
});
