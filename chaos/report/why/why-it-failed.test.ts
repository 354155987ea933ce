import assert from 'node:assert/strict';
import type { CheckResult } from '../../verdict.js';
import { sampleJournal } from '../fixtures/sample-journal.js';
import type { Journal } from '../journal.js';
import { reportContextOf } from '../report-context.js';
import { plainText } from '../rich-text.js';
import { checkPhase, checkSentences } from './check-sentences.js';
import { CAUSE_DERIVERS, MAX_CAUSES, whyItFailed, type CauseDeriver } from './why-it-failed.js';

const check = (over: Partial<CheckResult>): CheckResult => ({
  id: 'x',
  kind: 'promql',
  title: 'x',
  verdict: 'fail',
  reason: 'x broke',
  evidence: {},
  ...over,
});

describe('why it failed', function () {
  const plan = sampleJournal().experiment;
  const phases: [string, CheckResult, string | undefined][] = [
    [
      'an invariant is judged after the run',
      check({ kind: 'invariant', id: 'invariant.orders-terminal' }),
      'after the run',
    ],
    [
      'a steady-state check on baseline is before the fault',
      check({ kind: 'steady-state', id: 'steady-state-1.baseline' }),
      'in baseline (before the fault)',
    ],
    [
      'a steady-state check on recover is after the fault',
      check({ kind: 'steady-state', id: 'steady-state-1.recover' }),
      'in recover (after the fault)',
    ],
    [
      'a check with no phase covers the whole run',
      check({ kind: 'threshold', id: 'inject-latency' }),
      'over the whole run',
    ],
    ['a check the plan does not know has no phase', check({ id: 'unknown' }), undefined],
  ];
  for (const [name, c, expected] of phases)
    it(`says ${name}`, () => assert.equal(checkPhase(c, plan), expected));

  it('writes one sentence per failed check with the number and its unit, the objective and the phase', function () {
    const j = sampleJournal();
    const spec = j.experiment.checks.find((c) => c.id === 'inject-latency');
    if (spec) spec.phase = 'inject';
    assert.deepEqual(checkSentences(j).map(plainText), [
      'http_req_duration p(99)<800 (inject-latency) failed in inject: observed 1244 ms, objective p(99)<800.',
    ]);
  });

  it("falls back to the check's reason when it observed no number", function () {
    const j = sampleJournal();
    j.checks = [
      check({
        id: 'guard-error-budget',
        kind: 'guard',
        title: 'guard error-budget',
        reason: 'aborted inject after 3 consecutive breaches: rate 0.6',
      }),
    ];
    assert.deepEqual(checkSentences(j).map(plainText), [
      'guard error-budget (guard-error-budget) failed: aborted inject after 3 consecutive breaches: rate 0.6.',
    ]);
  });

  it('lists the inconclusive checks of an inconclusive run', function () {
    const j: Journal = { ...sampleJournal(), verdict: 'inconclusive', exit: 'inconclusive' };
    j.checks = j.checks.filter((c) => c.verdict !== 'fail');
    const why = whyItFailed(j, reportContextOf(j));
    assert.equal(why?.heading, 'Why it is inconclusive');
    assert.deepEqual(why?.checks.map(plainText), [
      'breaker opened (breaker-opened) was inconclusive: the query returned no series.',
    ]);
  });

  it('says how an aborted run ended before its checks', function () {
    const j: Journal = { ...sampleJournal(), status: 'aborted', exit: 'aborted' };
    const why = whyItFailed(j, reportContextOf(j));
    assert.equal(
      why?.checks[0] && plainText(why.checks[0]),
      'A guard aborted inject early; the checks judged what ran until then.',
    );
  });

  it('has no block for a completed run that passed', function () {
    const j: Journal = { ...sampleJournal(), verdict: 'pass', exit: 'pass' };
    assert.equal(whyItFailed(j, reportContextOf(j)), undefined);
  });

  it('has a heading for a passing run that a guard stopped early', function () {
    const j: Journal = { ...sampleJournal(), verdict: 'pass', status: 'aborted', exit: 'aborted' };
    assert.equal(whyItFailed(j, reportContextOf(j))?.heading, 'Why it stopped early');
  });

  it('shows at most a fixed number of causes and counts the rest', function () {
    const j = sampleJournal();
    j.invariantViolations = Array.from({ length: MAX_CAUSES + 3 }, (_, i) => ({
      invariant: `inv-${i}`,
      subject: `o${i}`,
      message: 'broken',
    }));
    const why = whyItFailed(j, reportContextOf(j));
    assert.equal(why?.causes.length, MAX_CAUSES + 1);
    assert.equal(plainText(why.causes[MAX_CAUSES] ?? []), 'and 3 more (see below).');
  });

  it('derives no cause at all from a failed journal that holds no evidence of one', function () {
    const j = sampleJournal();
    const ctx = reportContextOf(j);
    const lines = CAUSE_DERIVERS.flatMap((derive: CauseDeriver) => derive(j, ctx));
    assert.deepEqual(lines, []);
    assert.deepEqual(whyItFailed(j, ctx)?.causes, []);
  });
});
