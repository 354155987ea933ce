import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startCollector, type Collector } from '../telemetry/index.js';
import { hexIdSql } from '../telemetry/spans-schema.js';
import { planRunSpans } from './run-spans.js';
import { exportRunSpans } from './run-tracer.js';

const planned = planRunSpans({
  runId: 'run-t',
  title: 'tracer test',
  file: 'x.yaml',
  status: 'completed',
  verdict: 'pass',
  startedMs: Date.now() - 20_000,
  t0: Date.now() - 18_000,
  checksStartMs: Date.now() - 2000,
  endMs: Date.now(),
  phases: [
    { name: 'warmup', startMs: 0, endMs: 4000 },
    { name: 'inject', startMs: 4000, endMs: 16_000 },
  ],
  faults: [
    { name: 'slow', kind: 'toxic', target: 'payment-psp', appliedMs: 5000, removedMs: 9000, errors: [] },
  ],
  guardEvents: [],
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the runner's own spans through OTLP/HTTP into a real receiver and DuckDB store", () => {
  let collector: Collector;
  beforeEach(async () => (collector = await startCollector({ port: 0 })));
  afterEach(async () => collector.close());

  it('stores one experiment span with its phase, fault and checks spans as children', async () => {
    const problems = await exportRunSpans(planned, { endpoints: [collector.url] });
    assert.deepEqual(problems, []);
    await collector.store.flush();
    const rows = await collector.store.query(
      `SELECT name, service_name, ${hexIdSql('span_id', 16)} AS id, ${hexIdSql('parent_span_id', 16)} AS parent,
              count(DISTINCT trace_id) OVER () AS traces, "attributes" FROM spans ORDER BY start_unix_nano, name`,
    );
    const root = rows.find((r) => r['name'] === 'experiment');
    assert.ok(root);
    assert.equal(root['parent'], null);
    assert.equal(root['service_name'], 'faultline');
    assert.equal(Number(root['traces']), 1);
    assert.deepEqual(
      rows.filter((r) => r['parent'] === root['id']).map((r) => r['name']),
      ['environment', 'phase warmup', 'phase inject', 'fault toxic', 'checks'],
    );
    assert.match(String(root['attributes']), /"chaos.run.id":"run-t"/);
  });

  it('still delivers to the run store when an extra endpoint is down, and names the one that failed', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const problems = await exportRunSpans(planned, { endpoints: [collector.url, down], timeoutMs: 2000 });
    assert.equal(problems.length, 1);
    assert.ok(problems[0]?.startsWith(`${down}:`), problems[0]);
    assert.equal(await collector.store.count(), planned.length);
  });
});
