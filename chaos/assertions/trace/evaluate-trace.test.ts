import assert from 'node:assert/strict';
import type { Verdict } from '../../verdict.js';
import {
  evaluateAllMatch,
  evaluatePropagation,
  evaluateScalar,
  evaluateStructure,
} from './evaluate-trace.js';
import type {
  DurationAssertion,
  EveryTraceAssertion,
  PropagationAssertion,
  RateAssertion,
  StatusAssertion,
} from './trace-assertion.js';

const ids = ['t1', 't2'];

describe('evaluateScalar', () => {
  const p99: DurationAssertion = {
    id: 'd',
    kind: 'duration',
    select: 'span',
    stat: 'p99',
    objective: '< 800',
  };
  const rate: RateAssertion = {
    id: 'r',
    kind: 'rate',
    select: 'span',
    match: 'span[status=ERROR]',
    objective: '< 0.01',
  };
  const cases: [string, DurationAssertion | RateAssertion, number, number | null, Verdict, RegExp][] = [
    [
      'passes a p99 under its objective',
      p99,
      100,
      420,
      'pass',
      /p99 \(ms\) is 420 over 100 spans; objective < 800 met/,
    ],
    ['fails a p99 over its objective', p99, 100, 900, 'fail', /p99 \(ms\) is 900 .* not met/],
    ['is inconclusive with no samples', p99, 0, null, 'inconclusive', /no selected spans in the window/],
    [
      'is inconclusive under the default minimum of 20',
      p99,
      19,
      10,
      'inconclusive',
      /only 19 selected spans, fewer than the minimum of 20/,
    ],
    ['honours a custom minimum', { ...p99, minSamples: 3 }, 3, 10, 'pass', /met/],
    ['fails an error rate over its objective', rate, 200, 0.05, 'fail', /rate is 0.0500 over 200 spans/],
    ['passes an error rate of zero', rate, 1, 0, 'pass', /rate is 0.0000/],
  ];
  for (const [name, a, samples, value, verdict, reason] of cases) {
    it(name, () => {
      const r = evaluateScalar(a, { samples, value, traceIds: ids });
      assert.equal(r.verdict, verdict);
      assert.match(r.reason, reason);
      assert.equal(r.kind, 'trace');
      assert.equal(r.evidence.samples, samples);
      assert.deepEqual(r.evidence.traceIds, ids);
    });
  }
  it('treats zero matching spans as a count when the window has spans', () => {
    const r = evaluateScalar(
      { id: 'c', kind: 'count', select: 'span[status=ERROR]', objective: '== 0' },
      { samples: 50, value: 0, traceIds: [] },
    );
    assert.equal(r.verdict, 'pass');
  });
  it('is inconclusive for a count over an empty window', () => {
    const r = evaluateScalar(
      { id: 'c', kind: 'count', select: 'span[status=ERROR]', objective: '== 0' },
      { samples: 0, value: 0, traceIds: [] },
    );
    assert.equal(r.verdict, 'inconclusive');
  });
});

describe('evaluateAllMatch', () => {
  const status: StatusAssertion = {
    id: 's',
    kind: 'status',
    select: 'span[service=gateway]',
    allowed: ['OK', 'UNSET'],
  };
  it('passes when no span violates', () => {
    assert.equal(
      evaluateAllMatch(status, { samples: 5, violations: 0, traceIds: [], offending: {} }).verdict,
      'pass',
    );
  });
  it('fails and lists the offending values', () => {
    const r = evaluateAllMatch(status, { samples: 5, violations: 2, traceIds: ids, offending: { ERROR: 2 } });
    assert.equal(r.verdict, 'fail');
    assert.match(r.reason, /2 of 5 selected spans have a disallowed status \(ERROR x2\)/);
    assert.deepEqual(r.evidence.traceIds, ids);
  });
  it('is inconclusive when nothing was selected', () => {
    assert.equal(
      evaluateAllMatch(status, { samples: 0, violations: 0, traceIds: [], offending: {} }).verdict,
      'inconclusive',
    );
  });
});

describe('evaluateStructure', () => {
  const rule: EveryTraceAssertion = {
    id: 'e',
    kind: 'every-trace',
    when: 'span[status=ERROR]',
    require: ['span[name=refund]', 'span[name=release]'],
  };
  const cases: [string, number, number, Verdict, RegExp][] = [
    ['passes when every triggering trace complies', 4, 0, 'pass', /all 4 traces containing/],
    [
      'fails and counts the violators',
      4,
      1,
      'fail',
      /1 of 4 traces containing span\[status=ERROR\] lack span\[name=refund\] or span\[name=release\] after the trigger/,
    ],
    ['is inconclusive when no trace triggers the rule', 0, 0, 'inconclusive', /no traces containing/],
  ];
  for (const [name, traces, violations, verdict, reason] of cases) {
    it(name, () => {
      const r = evaluateStructure(rule, { traces, violations, traceIds: ids });
      assert.equal(r.verdict, verdict);
      assert.match(r.reason, reason);
    });
  }
});

describe('evaluatePropagation', () => {
  const a: PropagationAssertion = { id: 'p', kind: 'propagation' };
  const cases: [string, number, number, number, number, Verdict][] = [
    ['passes with every consumer linked and no orphans', 100, 100, 20, 0, 'pass'],
    ['fails when too few consumers are linked', 100, 90, 20, 0, 'fail'],
    ['fails when too many traces have orphans', 100, 100, 20, 2, 'fail'],
    ['is inconclusive without consumer spans', 0, 0, 20, 0, 'inconclusive'],
  ];
  for (const [name, consumers, linkedConsumers, traces, tracesWithOrphans, verdict] of cases) {
    it(name, () => {
      const r = evaluatePropagation(a, {
        consumers,
        linkedConsumers,
        traces,
        tracesWithOrphans,
        traceIds: [],
      });
      assert.equal(r.verdict, verdict, r.reason);
    });
  }
});
