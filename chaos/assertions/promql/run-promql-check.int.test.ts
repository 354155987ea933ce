import assert from 'node:assert/strict';
import { eventually } from '../../prometheus-server/eventually.js';
import { FaultlineError } from '../../errors.js';
import { startPrometheus, type LocalPrometheus } from '../../prometheus-server/prometheus-process.js';
import {
  startTestMetricsServer,
  type TestMetricsServer,
} from '../../prometheus-server/test-metrics-server.js';
import { createPrometheusClient, type PrometheusClient } from './prometheus-client.js';
import type { PromqlCheck } from './promql-check.js';
import { runPromqlCheck } from './run-promql-check.js';

describe('runPromqlCheck against a real Prometheus', () => {
  let fixture: TestMetricsServer | undefined;
  let prometheus: LocalPrometheus | undefined;
  let client: PrometheusClient;
  let windowStartMs = 0;
  const check = (query: string, objective: string, mode: PromqlCheck['mode'] = 'instant'): PromqlCheck => ({
    id: 'q',
    query,
    objective,
    mode,
    window: { name: 'inject', startMs: windowStartMs, endMs: Date.now() },
  });

  before(async () => {
    fixture = await startTestMetricsServer({ faultline_fixture_bumps_total: 0, faultline_fixture_level: 3 });
    prometheus = await startPrometheus({
      targets: [
        { job: 'fixture', address: fixture.address },
        { job: 'rabbitmq', address: '127.0.0.1:15692' },
      ],
    });
    client = createPrometheusClient({ baseUrl: prometheus.url, timeoutMs: 5000 });
    windowStartMs = Date.now();
    const scraped = await eventually(
      async () => (await client.query('faultline_fixture_level', Date.now())).length > 0,
    );
    assert.ok(scraped, 'Prometheus should scrape the fixture');
  });
  after(async () => {
    await prometheus?.stop();
    await fixture?.close();
  });

  it('passes an instant objective the gauge meets', async () => {
    const result = await runPromqlCheck(client, check('faultline_fixture_level', '< 10'));
    assert.equal(result.verdict, 'pass', result.reason);
    assert.equal(result.evidence.observed, 3);
  });

  it('judges a window whose end falls inside a millisecond (a k6-anchored run): Prometheus rounds the time up', async () => {
    const endMs = Math.floor(Date.now()) + 0.6;
    const result = await runPromqlCheck(client, {
      ...check('faultline_fixture_level', '< 10'),
      window: { name: 'inject', startMs: windowStartMs, endMs },
    });
    assert.equal(result.verdict, 'pass', result.reason);
  });

  it('fails an instant objective the gauge breaks, citing the series', async () => {
    const result = await runPromqlCheck(client, check('faultline_fixture_level', '> 5'));
    assert.equal(result.verdict, 'fail', result.reason);
    assert.match(
      result.reason,
      /faultline_fixture_level\{instance="127\.0\.0\.1:\d+", job="fixture"\} was 3/,
    );
  });

  it('sees a counter the test bumps, over a range', async () => {
    const bumpedAtMs = Date.now();
    fixture!.values.set('faultline_fixture_bumps_total', 5);
    const seen = await eventually(
      async () => (await client.query('faultline_fixture_bumps_total >= 5', Date.now())).length > 0,
    );
    assert.ok(seen, 'Prometheus should scrape the bumped counter');
    const seenAtMs = Date.now();
    const max = await runPromqlCheck(client, check('faultline_fixture_bumps_total', '>= 5', 'max'));
    assert.equal(max.verdict, 'pass', max.reason);
    // Before the bump the last scraped value was 0, so a window ending there breaks `>= 5`.
    const before = {
      ...check('faultline_fixture_bumps_total', '>= 5', 'all'),
      window: { name: 'baseline', startMs: windowStartMs, endMs: bumpedAtMs },
    };
    const beforeResult = await runPromqlCheck(client, before);
    assert.equal(beforeResult.verdict, 'fail', beforeResult.reason);
    assert.equal(beforeResult.evidence.observed, 0);
    const after = {
      ...check('faultline_fixture_bumps_total', '>= 5', 'all'),
      window: { name: 'inject', startMs: seenAtMs, endMs: Date.now() },
    };
    const afterResult = await runPromqlCheck(client, after);
    assert.equal(afterResult.verdict, 'pass', afterResult.reason);
  });

  it('is inconclusive on a series that does not exist', async () => {
    const result = await runPromqlCheck(client, check('faultline_fixture_missing_total', '< 1', 'avg'));
    assert.equal(result.verdict, 'inconclusive');
    assert.match(result.reason, /series faultline_fixture_missing_total had no data in window inject/);
  });

  it('turns malformed PromQL into an input error with Prometheus’ message', async () => {
    await assert.rejects(
      runPromqlCheck(client, check('sum(rate(http_requests_total[1m]', '< 1')),
      (err: unknown) => {
        assert.ok(err instanceof FaultlineError);
        assert.equal(err.code, 'ERR_INPUT_PROMQL');
        assert.match(err.message, /Prometheus rejected .*parse error/);
        return true;
      },
    );
  });

  it('rejects a malformed objective before querying', async () => {
    await assert.rejects(
      runPromqlCheck(client, check('up', 'below 1')),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_EXPRESSION',
    );
  });

  it('judges a real RabbitMQ target', async () => {
    const up = await eventually(
      async () => (await client.query('up{job="rabbitmq"} == 1', Date.now())).length > 0,
    );
    assert.ok(up, 'RabbitMQ on :15692 should be scraped');
    const result = await runPromqlCheck(client, check('up{job="rabbitmq"}', '== 1'));
    assert.equal(result.verdict, 'pass', result.reason);
  });

  it('reports an unreachable Prometheus as an infrastructure error', async () => {
    const closed = createPrometheusClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 });
    await assert.rejects(
      runPromqlCheck(closed, check('up', '== 1')),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_PROMETHEUS_UNREACHABLE',
    );
  });
});
