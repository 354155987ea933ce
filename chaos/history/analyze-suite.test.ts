import assert from 'node:assert/strict';
import { analyzeSuite, type CheckAnalysis } from './analyze-suite.js';
import type { CheckRow } from './history-row.js';
import {
  failing,
  passing,
  splitTonight,
  syntheticRows,
  type SyntheticNight,
} from './testing/synthetic-history.js';

/** Analyses the last night of one synthetic check against the nights before it. */
function judgeLast(nights: SyntheticNight[], extra: CheckRow[] = []): CheckAnalysis[] {
  const { history, tonight } = splitTonight([...syntheticRows(nights), ...extra]);
  return analyzeSuite(history, tonight).checks;
}

const only = (checks: CheckAnalysis[]): CheckAnalysis => {
  assert.equal(checks.length, 1);
  return checks[0]!;
};

describe('regression detection on synthetic histories', function () {
  it('calls a stable check stable', function () {
    const c = only(judgeLast([...Array.from({ length: 14 }, () => passing(0.6)), passing(0.6)]));
    assert.equal(c.status, 'stable');
    assert.equal(c.regressed, false);
    assert.equal(c.band?.median, 0.6);
    assert.equal(c.delta, 0);
  });

  it('flags a step drop that still passes as a regression, with its delta', function () {
    const c = only(judgeLast([...Array.from({ length: 10 }, () => passing(0.8)), passing(0.03)]));
    assert.equal(c.status, 'regressed');
    assert.equal(c.regressed, true);
    assert.ok(Math.abs((c.delta ?? 0) + 0.77) < 1e-9, `delta ${c.delta}`);
  });

  it('does not flag a noisy check that stays inside 3 MAD of its median', function () {
    const noisy = [0.5, 0.7, 0.4, 0.65, 0.55, 0.45, 0.6, 0.72, 0.38, 0.58, 0.52, 0.66, 0.44, 0.61];
    const c = only(judgeLast([...noisy.map((m) => passing(m)), passing(0.36)]));
    assert.equal(c.status, 'stable');
    assert.ok(c.band !== undefined && c.band.floor < 0.36, `floor ${c.band?.floor}`);
  });

  it('uses only the last 14 passing nights: an old high era does not count', function () {
    const nights = [
      ...Array.from({ length: 10 }, () => passing(0.9)),
      ...Array.from({ length: 14 }, () => passing(0.3)),
      passing(0.28),
    ];
    assert.equal(only(judgeLast(nights)).status, 'stable');
  });

  it('leaves a check with fewer than 5 passing nights unjudged', function () {
    const nights = [passing(0.9), passing(0.9), failing(-0.2), passing(0.9), passing(0.9), passing(0.01)];
    const c = only(judgeLast(nights));
    assert.equal(c.status, 'insufficient-history');
    assert.equal(c.regressed, false);
    assert.equal(c.band, undefined);
  });

  it('calls a check whose trials disagree flaky, never a regression', function () {
    const flakyNight: SyntheticNight = { verdicts: ['pass', 'fail'], margins: [0.02, -0.1] };
    const c = only(judgeLast([...Array.from({ length: 8 }, () => passing(0.8)), flakyNight]));
    assert.equal(c.status, 'flaky');
    assert.equal(c.regressed, false);
    assert.equal(c.tonight?.outcome, 'flaky');
  });

  it('lists a check that passes after failing as fixed', function () {
    const c = only(judgeLast([passing(0.5), failing(-0.3), failing(-0.2), passing(0.5)]));
    assert.equal(c.status, 'fixed');
  });

  it('lists a newly failing check, and marks it regressed when its margin fell under the band', function () {
    const c = only(judgeLast([...Array.from({ length: 6 }, () => passing(0.5)), failing(-0.4)]));
    assert.equal(c.status, 'new-failure');
    assert.equal(c.regressed, true);
  });

  it('lists a check that keeps failing as failing', function () {
    assert.equal(only(judgeLast([passing(0.5), failing(-0.3), failing(-0.3)])).status, 'failing');
  });

  it('sees a renamed check as one new check and one removed check, not a regression', function () {
    const before = syntheticRows(
      Array.from({ length: 6 }, () => passing(0.7)),
      { check: 'old-name' },
    );
    const tonight = syntheticRows([passing(0.1)], { check: 'new-name', firstNight: 6 });
    const checks = analyzeSuite(before, tonight).checks;
    assert.deepEqual(
      checks.map((c) => [c.check, c.status, c.regressed]),
      [
        ['new-name', 'new', false],
        ['old-name', 'removed', false],
      ],
    );
  });

  it('compares only with nights of the same branch', function () {
    const main = syntheticRows(Array.from({ length: 6 }, () => passing(0.9)));
    const tonight = syntheticRows([passing(0.1)], { branch: 'feature', firstNight: 6 });
    assert.equal(only(analyzeSuite(main, tonight).checks).status, 'new');
  });

  it('does not judge regressions on pattern-off experiments that are expected to fail', function () {
    const rows = syntheticRows([...Array.from({ length: 6 }, () => passing(0.9)), passing(0.01)], {
      expect: 'fail',
    });
    const { history, tonight } = splitTonight(rows);
    assert.equal(only(analyzeSuite(history, tonight).checks).regressed, false);
  });

  it('draws the last 14 nights of margins, tonight last, with gaps as null', function () {
    const nights = [
      ...Array.from({ length: 20 }, (_, i) => passing(i / 100)),
      { verdicts: ['inconclusive'], margins: [null] } as SyntheticNight,
      passing(0.5),
    ];
    const c = only(judgeLast(nights));
    assert.equal(c.sparkline.length, 14);
    assert.equal(c.sparkline.at(-1), 0.5);
    assert.equal(c.sparkline.at(-2), null);
  });

  it('puts regressions and failures before stable checks', function () {
    const a = syntheticRows([...Array.from({ length: 6 }, () => passing(0.7)), passing(0.7)], {
      check: 'a-steady',
    });
    const b = syntheticRows([...Array.from({ length: 6 }, () => passing(0.7)), passing(0.1)], {
      check: 'b-drop',
    });
    const { history, tonight } = splitTonight([...a, ...b]);
    assert.deepEqual(
      analyzeSuite(history, tonight).checks.map((c) => c.status),
      ['regressed', 'stable'],
    );
  });
});
