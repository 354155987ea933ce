import assert from 'node:assert/strict';
import { FaultlineError } from '../../errors.js';
import type { Verdict } from '../../verdict.js';
import type { K6Summary } from './k6-summary.js';
import { evaluateThreshold } from './threshold-evaluator.js';

const summary: K6Summary = {
  metrics: {
    http_req_duration: {
      type: 'trend',
      values: { 'p(90)': 310, 'p(99)': 750, avg: 180, med: 140, min: 3, max: 1900, count: 1000 },
    },
    'http_req_duration{phase:inject}': { type: 'trend', values: { 'p(99)': 1200, avg: 400, count: 200 } },
    'http_req_duration{phase:empty}': { type: 'trend', values: { 'p(99)': 0, avg: 0, count: 0 } },
    http_req_failed: { type: 'rate', values: { rate: 0.004, passes: 4, fails: 996 } },
    'http_req_failed{phase:never}': { type: 'rate', values: { rate: 0, passes: 0, fails: 0 } },
    iterations: { type: 'counter', values: { count: 1000, rate: 33.3 } },
    dropped_iterations: { type: 'counter', values: { count: 0, rate: 0 } },
    vus: { type: 'gauge', values: { value: 4, min: 1, max: 10 } },
    broken: { type: 'trend', values: { 'p(99)': null } },
  },
};

describe('evaluateThreshold', () => {
  const cases: Array<[string, string, Verdict, RegExp]> = [
    ['http_req_duration', 'p(99)<800', 'pass', /was 750/],
    ['http_req_duration', 'p(90)<300', 'fail', /was 310, which violates/],
    ['http_req_duration', 'avg<200', 'pass', /avg/],
    ['http_req_duration', 'med<150', 'pass', /med/],
    ['http_req_duration', 'p(50)>100', 'pass', /was 140/], // the median, from `med`
    ['http_req_duration', 'p(50)>150', 'fail', /was 140/],
    ['http_req_duration', 'min>0', 'pass', /min/],
    ['http_req_duration', 'max<1000', 'fail', /1900/],
    ['http_req_duration{phase:inject}', 'p(99)<800', 'fail', /1200/],
    ['http_req_duration{ phase: inject }', 'avg<500', 'pass', /400/],
    ['http_req_failed', 'rate<0.01', 'pass', /0.004/],
    ['iterations', 'count>0', 'pass', /1000/],
    ['dropped_iterations', 'count==0', 'pass', /was 0/],
    ['vus', 'value<5', 'pass', /was 4/],
    ['vus', 'max<=10', 'pass', /was 10/],
    [
      'http_req_duration',
      'p(99.9)<1000',
      'inconclusive',
      /p\(99.9\) of http_req_duration is not in the summary/,
    ],
    ['http_req_duration{phase:recover}', 'p(99)<800', 'inconclusive', /not in the load summary/],
    ['http_req_duration{phase:empty}', 'p(99)<800', 'inconclusive', /zero samples/],
    ['http_req_failed{phase:never}', 'rate<0.01', 'inconclusive', /zero samples/],
    ['broken', 'p(99)<1', 'inconclusive', /not in the summary/],
  ];
  for (const [metric, threshold, verdict, reason] of cases) {
    it(`judges ${metric} ${threshold} as ${verdict}`, () => {
      const result = evaluateThreshold({ id: 't', metric, threshold }, summary);
      assert.equal(result.verdict, verdict, result.reason);
      assert.match(result.reason, reason);
      assert.equal(result.kind, 'threshold');
      assert.equal(result.evidence.objective, threshold);
    });
  }

  it('records the observed value and sample count as evidence', () => {
    const result = evaluateThreshold(
      { id: 't', metric: 'http_req_failed', threshold: 'rate<0.001' },
      summary,
    );
    assert.deepEqual(result.evidence, { objective: 'rate<0.001', observed: 0.004, samples: 1000 });
  });

  const misfits: Array<[string, string]> = [
    ['http_req_duration', 'rate<0.01'],
    ['http_req_duration', 'count>0'],
    ['http_req_failed', 'p(99)<1'],
    ['iterations', 'avg<1'],
    ['vus', 'count>0'],
  ];
  for (const [metric, threshold] of misfits) {
    it(`rejects ${threshold} on ${metric} as an input error`, () => {
      assert.throws(
        () => evaluateThreshold({ id: 't', metric, threshold }, summary),
        (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_THRESHOLD_AGGREGATION',
      );
    });
  }

  it('throws an ExpressionError for a malformed expression', () => {
    assert.throws(
      () => evaluateThreshold({ id: 't', metric: 'vus', threshold: 'value <' }, summary),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_EXPRESSION',
    );
  });
});
