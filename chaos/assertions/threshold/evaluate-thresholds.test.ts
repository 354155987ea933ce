import assert from 'node:assert/strict';
import type { K6Summary } from './k6-summary.js';
import { evaluateThresholds } from './evaluate-thresholds.js';

describe('evaluateThresholds', () => {
  const summary: K6Summary = {
    metrics: {
      http_req_duration: { type: 'trend', values: { 'p(99)': 750, avg: 250 } },
      http_req_failed: { type: 'rate', values: { rate: 0, passes: 0, fails: 10 } },
    },
  };

  it('returns one result per expression, in order, with stable ids', () => {
    const results = evaluateThresholds(
      {
        http_req_duration: ['p(99)<800', { threshold: 'avg<200', abortOnFail: true }],
        http_req_failed: ['rate<0.01'],
        iterations: ['count>0'],
      },
      summary,
    );
    assert.deepEqual(
      results.map((r) => [r.id, r.verdict]),
      [
        ['threshold:http_req_duration:p(99)<800', 'pass'],
        ['threshold:http_req_duration:avg<200', 'fail'],
        ['threshold:http_req_failed:rate<0.01', 'pass'],
        ['threshold:iterations:count>0', 'inconclusive'],
      ],
    );
  });
});
