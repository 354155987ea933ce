import assert from 'node:assert/strict';
import { textSummary } from './text-summary.js';

describe('textSummary (the k6 script keeps an end-of-test text summary)', () => {
  const data = {
    root_group: {
      checks: [{ name: 'product list is 200', passes: 9, fails: 1 }],
      groups: [{ checks: [{ name: 'inner', passes: 2, fails: 0 }] }],
    },
    state: { testRunDurationMs: 4200 },
    metrics: {
      http_req_duration: { type: 'trend', contains: 'time', values: { count: 10, avg: 3.456, 'p(95)': 9 } },
      'http_req_duration{phase:inject}': { type: 'trend', contains: 'time', values: { count: 4, avg: 5 } },
      'dropped_iterations{scenario:inject}': {
        type: 'counter',
        values: { count: 3, rate: 0.5 },
        thresholds: { 'count==0': { ok: false } },
      },
      dropped_iterations: { type: 'counter', values: { count: 3, rate: 0.5 } },
      checks: { type: 'rate', values: { rate: 0.9, passes: 9, fails: 1 } },
    },
  };

  it('lists checks with their failures, metrics with their sub-metrics, and crossed thresholds', () => {
    const text = textSummary(data);
    assert.match(text, /✗ product list is 200 {2}\(1 of 10 failed\)/);
    assert.match(text, /✓ inner/);
    assert.match(text, /http_req_duration\.+: count=10 avg=3\.46ms p\(95\)=9ms/);
    assert.match(text, /\{ phase:inject \}\.+: count=4 avg=5ms/);
    assert.match(text, /✗ {5}\{ scenario:inject \}\.+: count=3 rate=0\.5\/s\n {10}✗ count==0/);
    assert.match(text, /checks\.+: 90% \(9 of 10\)/);
    assert.match(text, /test run: 4\.2 s/);
  });

  it('prints trend stats in one order, whatever order k6 hands them over in', () => {
    const values = { 'p(99)': 7, max: 8, 'p(90)': 5, med: 3, count: 6, min: 1, avg: 4, 'p(99.9)': 7.5 };
    const text = textSummary({ metrics: { t: { type: 'trend', values } } });
    assert.match(text, /t\.+: count=6 avg=4 min=1 med=3 max=8 p\(90\)=5 p\(99\)=7 p\(99\.9\)=7\.5\n/);
  });
});
