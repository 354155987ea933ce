import assert from 'node:assert/strict';
import type { CheckKind, CheckResult, Verdict } from '../verdict.js';
import { runOutcome } from './run-outcome.js';

const check = (kind: CheckKind, verdict: Verdict): CheckResult => ({
  id: `${kind}-${verdict}`,
  kind,
  title: kind,
  verdict,
  reason: verdict,
  evidence: {},
});

describe('runOutcome', function () {
  it('passes only when the evidence and every check pass', function () {
    assert.deepEqual(runOutcome([check('evidence', 'pass'), check('threshold', 'pass')], 'completed'), {
      verdict: 'pass',
      exit: 'pass',
    });
  });

  it('fails on any failed assertion, even without evidence', function () {
    assert.deepEqual(runOutcome([check('evidence', 'fail'), check('invariant', 'fail')], 'completed'), {
      verdict: 'fail',
      exit: 'fail',
    });
  });

  it('is inconclusive when the fault left no evidence, however the assertions went', function () {
    for (const evidence of ['fail', 'inconclusive'] as const) {
      assert.deepEqual(runOutcome([check('evidence', evidence), check('promql', 'pass')], 'completed'), {
        verdict: 'inconclusive',
        exit: 'inconclusive',
      });
    }
    assert.equal(runOutcome([check('promql', 'pass')], 'completed').verdict, 'inconclusive');
  });

  it('is inconclusive when an assertion had no data', function () {
    assert.equal(
      runOutcome([check('evidence', 'pass'), check('trace', 'inconclusive')], 'completed').exit,
      'inconclusive',
    );
  });

  it('exits interrupted or aborted whatever the checks say', function () {
    const checks = [check('evidence', 'pass'), check('threshold', 'fail')];
    assert.deepEqual(runOutcome(checks, 'interrupted'), { verdict: 'fail', exit: 'interrupted' });
    assert.deepEqual(runOutcome(checks, 'aborted'), { verdict: 'fail', exit: 'aborted' });
  });
});
