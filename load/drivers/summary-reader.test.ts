import assert from 'node:assert/strict';
import { buildK6Summary } from '../engine/metrics/k6-summary.js';
import { MetricsRegistry } from '../engine/metrics/metrics-registry.js';
import { metricKey, readSummary } from './summary-reader.js';

/** A trimmed summary in the shape real k6 passes to handleSummary (k6 v0.5x/1.x). */
const K6_OUTPUT = {
  root_group: {
    name: '',
    path: '',
    id: 'd41d8cd98f00b204e9800998ecf8427e',
    groups: [
      {
        name: 'g',
        path: '::g',
        id: 'x',
        groups: [],
        checks: [{ name: 'inner', path: '::g::inner', id: 'y', passes: 2, fails: 0 }],
      },
    ],
    checks: [
      {
        name: 'order accepted (202 with id)',
        path: '::order accepted (202 with id)',
        id: 'z',
        passes: 9,
        fails: 1,
      },
    ],
  },
  options: { summaryTrendStats: ['avg', 'p(99)'], summaryTimeUnit: '', noColor: false },
  state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 12_345.6 },
  metrics: {
    http_req_duration: { type: 'trend', contains: 'time', values: { avg: 3.2, 'p(99)': 9.1 } },
    'http_req_duration{phase:inject}': {
      type: 'trend',
      contains: 'time',
      values: { avg: 5, 'p(99)': 20 },
      thresholds: { 'max>=0': { ok: true } },
    },
    'dropped_iterations{phase:inject}': {
      type: 'counter',
      contains: 'default',
      values: { count: 4, rate: 0.3 },
      thresholds: { 'count==0': { ok: false } },
    },
    http_req_failed: { type: 'rate', contains: 'default', values: { rate: 0.1, passes: 1, fails: 9 } },
  },
};

describe('readSummary', () => {
  it('reads real k6 handleSummary data, sub-metrics and thresholds included', () => {
    const view = readSummary(K6_OUTPUT);
    assert.equal(view.engine, 'k6');
    assert.equal(view.testRunDurationMs, 12_345.6);
    assert.equal(view.value('http_req_duration', 'p(99)', { phase: 'inject' }), 20);
    assert.equal(view.value('dropped_iterations', 'count', { phase: 'inject' }), 4);
    assert.deepEqual(view.thresholds['dropped_iterations{phase:inject}'], { 'count==0': false });
    assert.deepEqual(view.tagValues('http_req_duration', 'phase'), ['inject']);
    assert.deepEqual(
      view.checks.map((c) => c.name),
      ['order accepted (202 with id)', 'inner'],
    );
  });

  it('reads the built-in engine summary through the same view', () => {
    const m = new MetricsRegistry();
    m.trend('http_req_duration', 7, { phase: 'baseline', name: 'GET /v1/products' });
    const view = readSummary({ ...buildK6Summary(m, 1000), faultline: { engine: 'builtin' } });
    assert.equal(view.engine, 'builtin');
    assert.equal(view.value('http_req_duration', 'max', { phase: 'baseline' }), 7);
    assert.equal(view.value('http_req_duration', 'max', { name: 'GET /v1/products' }), 7);
    assert.equal(view.value('http_reqs', 'count'), undefined);
  });

  it('rejects JSON that is not a summary, naming every problem', () => {
    assert.throws(
      () => readSummary({ metrics: { x: { type: 'histogram', values: {} } } }),
      (err: Error & { code?: string }) =>
        err.code === 'ERR_LOAD_SUMMARY_INVALID' &&
        /metrics\.x\.type/.test(err.message) &&
        /state/.test(err.message),
    );
  });

  it('builds k6 sub-metric keys', () => {
    assert.equal(metricKey('http_reqs'), 'http_reqs');
    assert.equal(metricKey('http_reqs', { phase: 'inject' }), 'http_reqs{phase:inject}');
  });
});
