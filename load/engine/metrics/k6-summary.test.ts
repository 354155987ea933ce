import assert from 'node:assert/strict';
import { buildK6Summary } from './k6-summary.js';
import { METRIC_CATALOG } from './metric-catalog.js';
import { MetricsRegistry } from './metrics-registry.js';

function sampleRegistry(): MetricsRegistry {
  const m = new MetricsRegistry();
  const base = { phase: 'baseline', journey: 'checkout', name: 'POST /v1/orders' };
  const inject = { ...base, phase: 'inject' };
  for (let i = 1; i <= 100; i++) m.trend('http_req_duration', i, base);
  for (let i = 1; i <= 10; i++) m.trend('http_req_duration', 1000, inject);
  m.count('http_reqs', 100, base);
  m.count('http_reqs', 10, inject);
  m.rate('http_req_failed', false, base);
  m.rate('http_req_failed', true, inject);
  m.count('dropped_iterations', 3, { phase: 'inject' });
  m.rate('checks', true, { phase: 'baseline', check: 'ok' });
  m.rate('checks', false, { phase: 'inject', check: 'ok' });
  return m;
}

describe('buildK6Summary', () => {
  it('has the shape of k6 handleSummary data', () => {
    const s = buildK6Summary(sampleRegistry(), 2000);
    assert.equal(s.state.testRunDurationMs, 2000);
    assert.equal(s.root_group.path, '');
    assert.deepEqual(s.metrics['http_reqs'], {
      type: 'counter',
      contains: 'default',
      values: { count: 110, rate: 55 },
    });
    assert.deepEqual(s.metrics['http_req_failed']?.values, { rate: 0.5, passes: 1, fails: 1 });
    assert.equal(s.metrics['http_req_duration']?.contains, 'time');
    assert.deepEqual(Object.keys(s.metrics['http_req_duration']?.values ?? {}), [
      'count',
      'avg',
      'min',
      'med',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
      'p(99.9)',
    ]);
  });

  it('splits metrics into sub-metrics per phase, journey and request name', () => {
    const s = buildK6Summary(sampleRegistry(), 1000);
    const baseline = s.metrics['http_req_duration{phase:baseline}']?.values;
    assert.ok(baseline && Math.abs((baseline['p(99)'] ?? 0) - 99) < 0.1);
    assert.equal(s.metrics['http_req_duration{phase:inject}']?.values['min'], 1000);
    assert.equal(s.metrics['http_req_duration{name:POST /v1/orders}']?.values['max'], 1000);
    assert.equal(s.metrics['http_reqs{journey:checkout}']?.values['count'], 110);
    assert.equal(s.metrics['dropped_iterations{phase:inject}']?.values['count'], 3);
    assert.equal(s.metrics['dropped_iterations{phase:baseline}'], undefined);
  });

  it('lists checks with passes and fails in root_group', () => {
    const s = buildK6Summary(sampleRegistry(), 1000);
    assert.deepEqual(s.root_group.checks, [{ name: 'ok', path: '::ok', id: 'ok', passes: 1, fails: 1 }]);
  });

  it('reports the whole-run value over every series', () => {
    const s = buildK6Summary(sampleRegistry(), 1000);
    assert.equal(s.metrics['http_req_duration']?.values['max'], 1000);
    assert.equal(s.metrics['http_req_duration']?.values['min'], 1);
  });

  it('uses only types and units from the metric catalog', () => {
    const s = buildK6Summary(sampleRegistry(), 1000);
    for (const [name, metric] of Object.entries(s.metrics)) {
      const base = name.replace(/\{.*$/, '') as keyof typeof METRIC_CATALOG;
      assert.equal(metric.type, METRIC_CATALOG[base].type);
    }
  });
});
