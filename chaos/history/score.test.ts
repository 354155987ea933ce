import assert from 'node:assert/strict';
import { analyzeSuite } from './analyze-suite.js';
import { checkCredit } from './score.js';
import { failing, passing, syntheticRows, type SyntheticNight } from './testing/synthetic-history.js';

describe('resilience score', function () {
  const credit: [string, Parameters<typeof checkCredit>[0], number][] = [
    [
      'a pass with 20% room or more is full credit',
      { outcome: 'pass', margin: 0.6, trials: 2, passedTrials: 2 },
      1,
    ],
    ['a pass on the line is half', { outcome: 'pass', margin: 0, trials: 2, passedTrials: 2 }, 0.5],
    [
      'a pass with 10% room is three quarters',
      { outcome: 'pass', margin: 0.1, trials: 1, passedTrials: 1 },
      0.75,
    ],
    [
      'a pass without a margin is full credit',
      { outcome: 'pass', margin: null, trials: 1, passedTrials: 1 },
      1,
    ],
    [
      'a flaky check earns half its passing share',
      { outcome: 'flaky', margin: 0.5, trials: 2, passedTrials: 1 },
      0.25,
    ],
    ['a failure earns nothing', { outcome: 'fail', margin: -0.5, trials: 2, passedTrials: 0 }, 0],
    [
      'an inconclusive check earns nothing',
      { outcome: 'inconclusive', margin: null, trials: 2, passedTrials: 0 },
      0,
    ],
  ];
  for (const [name, night, want] of credit)
    it(name, function () {
      assert.equal(checkCredit(night), want);
    });

  it('weighs experiments equally and credits a pattern-off experiment that failed as expected', function () {
    const rows = [
      ...syntheticRows([passing(0.5)], { experiment: 'a', check: 'x' }),
      ...syntheticRows([failing(-0.5)], { experiment: 'a', check: 'y' }),
      ...syntheticRows([failing(-0.9)], { experiment: 'off', check: 'z', expect: 'fail' }),
    ];
    assert.equal(analyzeSuite([], rows).score, 75);
  });

  it('scores 100 for a suite where everything passes with room and 0 for one where all fail', function () {
    const flaky: SyntheticNight = { verdicts: ['fail', 'fail'], margins: [-1, -1] };
    assert.equal(analyzeSuite([], syntheticRows([passing(0.9)])).score, 100);
    assert.equal(analyzeSuite([], syntheticRows([flaky])).score, 0);
  });
});
