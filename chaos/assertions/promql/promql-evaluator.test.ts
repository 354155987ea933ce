import assert from 'node:assert/strict';
import type { Verdict } from '../../verdict.js';
import type { PromSeries } from './prom-series.js';
import type { PromqlMode } from './promql-check.js';
import { evaluatePromql } from './promql-evaluator.js';

const window = { name: 'inject', startMs: 10_000, endMs: 20_000 };
const s = (labels: Record<string, string>, pts: Array<[number, number]>): PromSeries => ({
  labels,
  points: pts.map(([tMs, value]) => ({ tMs, value })),
});
const errA = s({ __name__: 'err', job: 'a' }, [
  [9_000, 0.9],
  [10_000, 0.001],
  [15_000, 0.02],
  [20_000, 0.003],
  [21_000, 0.9],
]);
const errB = s({ __name__: 'err', job: 'b' }, [
  [10_000, 0.001],
  [20_000, 0.002],
]);

describe('evaluatePromql', () => {
  const cases: Array<[string, PromqlMode, string, PromSeries[], Verdict, RegExp]> = [
    [
      'an instant value within objective',
      'instant',
      '< 0.01',
      [s({}, [[20_000, 0.004]])],
      'pass',
      /\{\} was 0.004/,
    ],
    ['an instant value outside objective', 'instant', '< 0.01', [s({}, [[20_000, 0.5]])], 'fail', /was 0.5/],
    [
      'one of two series failing',
      'instant',
      '< 0.01',
      [errB, s({ job: 'c' }, [[20_000, 1]])],
      'fail',
      /1 of 2 series.*\{job="c"\} was 1/,
    ],
    ['every point inside the window', 'all', '< 0.01', [errA], 'fail', /err\{job="a"\} was 0.02/],
    [
      'every point, ignoring points outside the window',
      'all',
      '< 0.05',
      [errA, errB],
      'pass',
      /all 2 series/,
    ],
    ['the window max', 'max', '<= 0.02', [errA], 'pass', /was 0.02/],
    ['the window max breaking', 'max', '< 0.02', [errA], 'fail', /was 0.02/],
    ['the window min', 'min', '> 0.0005', [errA], 'pass', /was 0.001/],
    ['the window average', 'avg', '< 0.01', [errA], 'pass', /was 0.008/],
    ['no series at all', 'instant', '< 0.01', [], 'inconclusive', /series .* had no data in window inject/],
    [
      'a series with only NaN',
      'instant',
      '< 0.01',
      [s({}, [[20_000, NaN]])],
      'inconclusive',
      /no data in window inject/,
    ],
    [
      'a series with points only outside the window',
      'all',
      '< 0.01',
      [s({}, [[1_000, 0]])],
      'inconclusive',
      /no data/,
    ],
  ];
  for (const [name, mode, objective, series, verdict, reason] of cases) {
    it(`judges ${mode} ${objective} as ${verdict} for ${name}`, () => {
      const result = evaluatePromql({ id: 'p', query: 'err', objective, mode, window }, series);
      assert.equal(result.verdict, verdict, result.reason);
      assert.match(result.reason, reason);
      assert.equal(result.kind, 'promql');
    });
  }

  it('counts the samples in the window and cites failing series', () => {
    const result = evaluatePromql({ id: 'p', query: 'err', objective: '< 0.01', mode: 'all', window }, [
      errA,
      errB,
    ]);
    assert.equal(result.evidence.samples, 5);
    assert.deepEqual(result.evidence.details?.failing, [{ series: 'err{job="a"}', observed: 0.02 }]);
  });
});
