import assert from 'node:assert/strict';
import { eventually, sleep } from '../../prometheus-server/eventually.js';
import { startPrometheus, type LocalPrometheus } from '../../prometheus-server/prometheus-process.js';
import {
  startTestMetricsServer,
  type TestMetricsServer,
} from '../../prometheus-server/test-metrics-server.js';
import { createPrometheusClient, type PrometheusClient } from '../promql/prometheus-client.js';
import { runRecoveryCheck, type PromqlRecoveryCheck } from './run-recovery-check.js';

describe('runRecoveryCheck against a real Prometheus', () => {
  let fixture: TestMetricsServer | undefined;
  let prometheus: LocalPrometheus | undefined;
  let client: PrometheusClient;
  let removedAtMs = 0;
  const check = (recovery: string, endMs = Date.now()): PromqlRecoveryCheck => ({
    id: 'r',
    sli: 'p99_latency',
    query: 'max(faultline_fixture_p99_ms)',
    sliObjective: '< 800',
    recovery,
    stabilityMs: 2000,
    removedAtMs,
    endMs,
  });

  before(async () => {
    fixture = await startTestMetricsServer({ faultline_fixture_p99_ms: 900 });
    prometheus = await startPrometheus({ targets: [{ job: 'fixture', address: fixture.address }] });
    client = createPrometheusClient({ baseUrl: prometheus.url });
    const scraped = await eventually(
      async () => (await client.query('faultline_fixture_p99_ms', Date.now())).length > 0,
    );
    assert.ok(scraped, 'Prometheus should scrape the fixture');
    // The fault is "removed" now, but the SLI stays bad for 1.5 s, then recovers.
    removedAtMs = Date.now();
    await sleep(1500);
    fixture.values.set('faultline_fixture_p99_ms', 100);
    const good = await eventually(
      async () => (await client.query('faultline_fixture_p99_ms < 800', Date.now())).length > 0,
    );
    assert.ok(good, 'Prometheus should scrape the recovered SLI');
    await sleep(3000); // let the 2 s stability window fill with scrapes
  });
  after(async () => {
    await prometheus?.stop();
    await fixture?.close();
  });

  it('passes when the SLI recovered and stayed within objective in time', async () => {
    const result = await runRecoveryCheck(client, check('recovery < 30s'));
    assert.equal(result.verdict, 'pass', result.reason);
    assert.ok(
      (result.evidence.observed ?? 0) >= 1.5,
      `recovery ${result.evidence.observed}s includes the 1.5 s held bad`,
    );
  });

  it('fails when recovery took longer than the objective', async () => {
    const result = await runRecoveryCheck(client, check('recovery < 500ms'));
    assert.equal(result.verdict, 'fail', result.reason);
  });

  it('is inconclusive when the data ends before any sample after removal', async () => {
    const result = await runRecoveryCheck(client, check('recovery < 30s', removedAtMs - 1));
    assert.equal(result.verdict, 'inconclusive', result.reason);
    assert.match(result.reason, /no data after the fault was removed/);
  });

  it('is inconclusive when the SLI series does not exist', async () => {
    const result = await runRecoveryCheck(client, {
      ...check('recovery < 30s'),
      query: 'max(faultline_fixture_nothing)',
    });
    assert.equal(result.verdict, 'inconclusive', result.reason);
  });
});
