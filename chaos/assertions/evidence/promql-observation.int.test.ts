import assert from 'node:assert/strict';
import { FaultlineError } from '../../errors.js';
import { eventually, sleep } from '../../prometheus-server/eventually.js';
import { startPrometheus, type LocalPrometheus } from '../../prometheus-server/prometheus-process.js';
import {
  startTestMetricsServer,
  type TestMetricsServer,
} from '../../prometheus-server/test-metrics-server.js';
import { createPrometheusClient, type PrometheusClient } from '../promql/prometheus-client.js';
import type { PhaseWindow } from '../promql/promql-check.js';
import { evaluateEvidence } from './evaluate-evidence.js';
import { observeWithPromql } from './promql-observation.js';

describe('fault evidence from a real Prometheus', () => {
  let fixture: TestMetricsServer | undefined;
  let prometheus: LocalPrometheus | undefined;
  let client: PrometheusClient;
  let baseline: PhaseWindow;
  let inject: PhaseWindow;

  before(async () => {
    fixture = await startTestMetricsServer({ faultline_fixture_link_p50_ms: 20 });
    prometheus = await startPrometheus({
      targets: [
        { job: 'fixture', address: fixture.address },
        { job: 'rabbitmq', address: '127.0.0.1:15692' },
      ],
    });
    client = createPrometheusClient({ baseUrl: prometheus.url });
    const scraped = await eventually(
      async () => (await client.query('faultline_fixture_link_p50_ms', Date.now())).length > 0,
    );
    assert.ok(scraped, 'Prometheus should scrape the fixture');
    baseline = { name: 'baseline', startMs: Date.now(), endMs: 0 };
    await sleep(2000);
    baseline.endMs = Date.now();
    // The "fault": 200 ms of latency on the link.
    fixture.values.set('faultline_fixture_link_p50_ms', 220);
    const seen = await eventually(
      async () => (await client.query('faultline_fixture_link_p50_ms > 200', Date.now())).length > 0,
    );
    assert.ok(seen, 'Prometheus should scrape the injected latency');
    inject = { name: 'inject', startMs: Date.now(), endMs: 0 };
    await sleep(2000);
    inject.endMs = Date.now();
  });
  after(async () => {
    await prometheus?.stop();
    await fixture?.close();
  });

  it('passes when the measured latency rose by the injected amount', async () => {
    const obs = await observeWithPromql(client, 'max(faultline_fixture_link_p50_ms)', baseline, inject);
    assert.deepEqual([obs.baseline, obs.fault], [20, 220]);
    const result = evaluateEvidence(
      { id: 'e', title: 'p50 rose', kind: 'rise', min: 200, unit: 'ms', minSamples: 2 },
      obs,
    );
    assert.equal(result.verdict, 'pass', result.reason);
  });

  it('is inconclusive when the effect is smaller than required', async () => {
    const obs = await observeWithPromql(client, 'max(faultline_fixture_link_p50_ms)', baseline, inject);
    const result = evaluateEvidence({ id: 'e', title: 'p50 rose', kind: 'rise', min: 500, unit: 'ms' }, obs);
    assert.equal(result.verdict, 'inconclusive', result.reason);
  });

  it('is inconclusive when the evidence series does not exist', async () => {
    const obs = await observeWithPromql(client, 'sum(faultline_fixture_retries_total)', undefined, inject);
    const result = evaluateEvidence({ id: 'e', title: 'retries appeared', kind: 'present', min: 1 }, obs);
    assert.equal(result.verdict, 'inconclusive');
    assert.match(result.reason, /no measurement while the fault was active/);
  });

  it('rejects an evidence query that returns several series', async () => {
    await assert.rejects(
      observeWithPromql(client, 'up', undefined, inject),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_PROMQL_SERIES',
    );
  });
});
