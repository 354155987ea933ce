import assert from 'node:assert/strict';
import { withLine } from '../../experiment/fixtures-base.js';
import { formatProblem } from '../../experiment/problem.js';
import { validateExperiment } from '../../experiment/validate-experiment.js';
import type { Verdict } from '../../verdict.js';
import { evaluateCriticalPath, type CriticalPathAssertion } from './critical-path-assertion.js';
import { summarisePaths } from './population-summary.js';
import { span } from './testing-spans.js';
import { traceCriticalPath } from './trace-critical-path.js';

/** gateway 10 ms, then payment waiting `pspMs` on psp. */
const order = (pspMs: number) =>
  traceCriticalPath([
    span(1, undefined, 'gateway', 'POST', 'work', 0, 10),
    span(2, 1, 'gateway', 'call', 'client', 10, 10 + pspMs),
    span(3, 2, 'psp', 'charge', 'work', 10, 10 + pspMs),
  ]);

const fast = summarisePaths(Array.from({ length: 30 }, () => order(5)));
const slow = summarisePaths(Array.from({ length: 30 }, () => order(90)));
const psp: CriticalPathAssertion = { id: 'psp', component: 'psp', objective: '< 0.5' };

describe('evaluateCriticalPath', () => {
  const cases: [string, CriticalPathAssertion, typeof fast, Verdict, RegExp][] = [
    [
      'passes while psp takes a third of the path',
      psp,
      fast,
      'pass',
      /share of service psp is 33\.3% \(0\.3333\) over 30 traces; objective < 0\.5 met/,
    ],
    ['fails when psp takes 90% of the path', psp, slow, 'fail', /is 90\.0% .* not met/],
    [
      'is inconclusive, never 0%, when no trace is selected',
      psp,
      summarisePaths([]),
      'inconclusive',
      /no traces selected/,
    ],
    [
      'is inconclusive under its minimum of traces',
      { ...psp, minTraces: 31 },
      slow,
      'inconclusive',
      /only 30 traces, fewer than the minimum of 31/,
    ],
    [
      'judges the mean ms of a kind',
      { id: 'k', by: 'service-kind', component: 'gateway work', stat: 'mean', objective: '== 10' },
      slow,
      'pass',
      /mean of service-kind gateway work is 10 ms/,
    ],
    [
      'judges a p99 in ms',
      { id: 'p', component: 'psp', stat: 'p99', objective: '< 50' },
      slow,
      'fail',
      /p99 of service psp is (89|90)\.\d+ ms/,
    ],
    [
      'counts a component on no path as a true 0',
      { id: 'c', component: 'carrier', objective: '== 0' },
      slow,
      'pass',
      /carrier is on no critical path/,
    ],
  ];
  for (const [name, a, summary, verdict, reason] of cases) {
    it(name, () => {
      const r = evaluateCriticalPath(a, summary);
      assert.equal(r.verdict, verdict, r.reason);
      assert.match(r.reason, reason);
      assert.equal(r.kind, 'critical-path');
      assert.equal(r.evidence.samples, summary.traces);
    });
  }
});

describe('critical-path checks in an experiment file', () => {
  const problems = (line: string): string[] => {
    const r = validateExperiment(withLine(15, line), 'x.yaml', { knownLinks: ['payment-psp'] });
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('accepts a bound on the share of a service in a phase', () => {
    assert.deepEqual(
      problems("  - { type: critical-path, phase: inject, by: service, component: psp, objective: '< 0.5' }"),
      [],
    );
  });

  it('points at a malformed selector and objective, and refuses an unknown dimension', () => {
    const found = problems(
      "  - { type: critical-path, select: 'span[kind=consumr]', component: psp, by: host, objective: '<< 1' }",
    );
    assert.ok(
      found.some((p) => /assertions\[0\]\.select .*expected one of UNSPECIFIED/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /assertions\[0\]\.objective .*expected a number/.test(p)),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => /assertions\[0\]\.by/.test(p)),
      found.join('\n'),
    );
  });

  it('requires the component', () => {
    const found = problems("  - { type: critical-path, objective: '< 0.5' }");
    assert.ok(
      found.some((p) => /component/.test(p)),
      found.join('\n'),
    );
  });
});
