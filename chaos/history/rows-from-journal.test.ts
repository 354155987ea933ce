import assert from 'node:assert/strict';
import { sampleJournal } from '../report/fixtures/sample-journal.js';
import type { Journal } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';
import { checkMargin } from './check-margin.js';
import { rowsFromJournal } from './rows-from-journal.js';

const CTX = {
  suiteId: 's1',
  startedAt: '2026-11-23T02:00:00.000Z',
  commit: 'abc',
  branch: 'main',
  experiment: 'fixture',
  trial: 1,
  runDir: 'runs/x',
};

/** The sample journal with its inject-latency threshold check given several expressions. */
function withThresholds(thresholds: string[]): Journal {
  const j = sampleJournal();
  j.experiment.checks = j.experiment.checks.map((c) =>
    c.id === 'inject-latency' && c.spec.type === 'threshold' ? { ...c, spec: { ...c.spec, thresholds } } : c,
  );
  j.checks = j.checks.map((c) =>
    c.id === 'inject-latency'
      ? { ...c, evidence: { ...c.evidence, details: { metric: 'http_req_duration' } } }
      : c,
  );
  return j;
}

const result = (
  evidence: CheckResult['evidence'],
  verdict: CheckResult['verdict'] = 'pass',
): CheckResult => ({
  id: 'x',
  kind: 'promql',
  title: 'x',
  verdict,
  reason: '',
  evidence,
});

describe('history rows from a journal', function () {
  it('writes one row per check with the trial context, verdict, value, objective and run duration', function () {
    const rows = rowsFromJournal(sampleJournal(), CTX);
    assert.equal(rows.length, sampleJournal().checks.length);
    const latency = rows.find((r) => r.check === 'inject-latency');
    assert.deepEqual(
      [latency?.verdict, latency?.observed, latency?.objective, latency?.durationS, latency?.runDir],
      ['fail', 1243.5, 'p(99)<800', 45, 'runs/x'],
    );
  });

  it('gives inconclusive checks and checks without a value no margin, never 0', function () {
    const rows = rowsFromJournal(sampleJournal(), CTX);
    assert.equal(rows.find((r) => r.check === 'breaker-opened')?.margin, null);
    assert.equal(rows.find((r) => r.check === 'guard-error-budget')?.margin, null);
  });

  it('takes the tightest of several threshold expressions, re-read from the load summary', function () {
    const j = withThresholds(['p(99)<2000', 'p(95)<1000']);
    const margin = checkMargin(
      j.checks.find((c) => c.id === 'inject-latency')!,
      j,
    );
    assert.ok(margin !== undefined && Math.abs(margin - 0.02) < 1e-9, `margin ${margin}`);
  });

  it('reads a rate threshold on the rate scale', function () {
    const j = withThresholds(['rate<0.1']);
    j.checks = j.checks.map((c) =>
      c.id === 'inject-latency'
        ? { ...c, evidence: { ...c.evidence, details: { metric: 'http_req_failed' } } }
        : c,
    );
    const margin = checkMargin(
      j.checks.find((c) => c.id === 'inject-latency')!,
      j,
    );
    assert.ok(margin !== undefined && Math.abs(margin - 0.82) < 1e-9, `margin ${margin}`);
  });

  it('reads PromQL, recovery and invariant objectives', function () {
    const j = sampleJournal();
    assert.equal(checkMargin(result({ observed: 0.01, objective: '< 0.05' }), j)?.toFixed(2), '0.80');
    assert.equal(
      checkMargin(result({ observed: 2, objective: 'recovery.psp_p50_latency < 8s' }), j)?.toFixed(2),
      '0.75',
    );
    assert.equal(checkMargin(result({ observed: 0, objective: '= 0 violations' }), j), 1);
    assert.equal(checkMargin(result({ observed: 0.01, objective: '< 0.05' }, 'inconclusive'), j), undefined);
    assert.equal(checkMargin(result({ objective: 'recovery.x < 8s' }, 'fail'), j), undefined);
  });
});
