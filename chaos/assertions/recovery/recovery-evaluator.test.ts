import assert from 'node:assert/strict';
import { FaultlineError } from '../../errors.js';
import type { Verdict } from '../../verdict.js';
import { evaluateRecovery } from './recovery-evaluator.js';
import { computeRecovery } from './recovery-time.js';
import type { SeriesPoint } from './series-point.js';

const T0 = 1_700_000_000_000;
/** One point per second starting at T0 - 2 s, so the removal at T0 falls on the third point. */
function series(values: number[]): SeriesPoint[] {
  return values.map((value, i) => ({ tMs: T0 + (i - 2) * 1000, value }));
}

describe('computeRecovery', () => {
  const objective = { operator: '<', limit: 800 } as const;
  const cases: Array<[string, number[], number, string, number | undefined]> = [
    ['good from the first sample after removal', [900, 900, 100, 100, 100], 2000, 'recovered', 0],
    ['bad, then good for the stability window', [900, 900, 900, 900, 100, 100, 100], 2000, 'recovered', 2000],
    ['a good blip that does not last', [900, 900, 100, 900, 100, 100, 100], 2000, 'recovered', 2000],
    ['zero stability: first good sample', [900, 900, 900, 100], 0, 'recovered', 1000],
    ['never good after removal', [100, 100, 900, 900, 900], 1000, 'not-recovered', undefined],
    ['good but not for long enough', [900, 900, 900, 100, 100], 5000, 'unconfirmed', undefined],
    ['no samples after removal', [900, 900], 1000, 'no-data', undefined],
    ['only non-finite samples after removal', [900, 900, NaN, Infinity], 1000, 'no-data', undefined],
  ];
  for (const [name, values, stabilityMs, status, recoveryMs] of cases) {
    it(`reports ${status} when ${name}`, () => {
      const outcome = computeRecovery({ points: series(values), objective, removedAtMs: T0, stabilityMs });
      assert.equal(outcome.status, status);
      if (outcome.status === 'recovered') assert.equal(outcome.recoveryMs, recoveryMs);
    });
  }

  it('sorts unordered points and ignores NaN gaps', () => {
    const points = series([900, 900, 900, NaN, 100, 100, 100]).reverse();
    const outcome = computeRecovery({ points, objective, removedAtMs: T0, stabilityMs: 2000 });
    assert.deepEqual(outcome, {
      status: 'recovered',
      recoveryMs: 2000,
      recoveredAtMs: T0 + 2000,
      samples: 4,
    });
  });

  it('names the last bad point when the SLI never recovers', () => {
    const outcome = computeRecovery({
      points: series([1, 900, 950, 990]),
      objective,
      removedAtMs: T0,
      stabilityMs: 0,
    });
    assert.deepEqual(outcome, {
      status: 'not-recovered',
      lastBad: { tMs: T0 + 1000, value: 990 },
      samples: 2,
    });
  });
});

describe('evaluateRecovery', () => {
  const cases: Array<[string, number[], string, Verdict, RegExp]> = [
    ['recovered in time', [900, 900, 900, 100, 100, 100], 'recovery < 30s', 'pass', /recovered 1s after/],
    [
      'recovered too late',
      [900, 900, 900, 900, 900, 100, 100, 100],
      'recovery < 2s',
      'fail',
      /recovered 3s after/,
    ],
    [
      'recovered exactly at a <= bound',
      [900, 900, 900, 900, 100, 100, 100],
      'recovery <= 2s',
      'pass',
      /recovered 2s/,
    ],
    [
      'never recovered past the bound',
      [900, 900, 900, 900, 900, 900],
      'recovery < 2s',
      'fail',
      /last bad point 900 at 3s/,
    ],
    [
      'never recovered, data ends before the bound',
      [900, 900, 900, 900],
      'recovery < 30s',
      'inconclusive',
      /before the 30s limit/,
    ],
    [
      'good but unconfirmed before the bound',
      [900, 900, 900, 100],
      'recovery < 30s',
      'inconclusive',
      /stability window/,
    ],
    [
      'good only after the bound, unconfirmed',
      [900, 900, 900, 900, 900, 900, 100],
      'recovery < 2s',
      'fail',
      /stability window/,
    ],
    [
      'no data after removal',
      [900, 900],
      'recovery < 30s',
      'inconclusive',
      /no data after the fault was removed/,
    ],
  ];
  for (const [name, values, recovery, verdict, reason] of cases) {
    it(`judges ${recovery} as ${verdict} when ${name}`, () => {
      const result = evaluateRecovery({
        id: 'r',
        sli: 'p99_latency',
        sliObjective: '< 800',
        recovery,
        stabilityMs: 2000,
        removedAtMs: T0,
        points: series(values),
      });
      assert.equal(result.verdict, verdict, result.reason);
      assert.match(result.reason, reason);
      assert.equal(result.kind, 'recovery');
    });
  }

  it('rejects a negative stability window as an input error', () => {
    assert.throws(
      () =>
        evaluateRecovery({
          id: 'r',
          sli: 's',
          sliObjective: '< 1',
          recovery: 'recovery < 1s',
          stabilityMs: -1,
          removedAtMs: T0,
          points: [],
        }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_INPUT_RECOVERY_STABILITY',
    );
  });
});
