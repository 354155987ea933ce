import assert from 'node:assert/strict';
import type { CheckResult, Verdict } from '../../verdict.js';
import { evaluateEvidence, foldWithEvidence } from './evaluate-evidence.js';
import type { EvidenceKind, EvidenceObservation } from './fault-evidence.js';

describe('evaluateEvidence', () => {
  const cases: Array<[string, EvidenceKind, number, EvidenceObservation, Verdict, RegExp]> = [
    [
      'latency rose by the injected amount',
      'rise',
      200,
      { baseline: 40, fault: 260 },
      'pass',
      /rose by 220 ms/,
    ],
    [
      'latency rose too little',
      'rise',
      200,
      { baseline: 40, fault: 120 },
      'inconclusive',
      /below the required 200 ms/,
    ],
    ['throughput dropped', 'drop', 10, { baseline: 50, fault: 5 }, 'pass', /dropped by 45/],
    ['error rate tripled', 'factor', 3, { baseline: 0.01, fault: 0.05 }, 'pass', /factor of 5/],
    ['errors appeared from a zero baseline', 'factor', 2, { baseline: 0, fault: 3 }, 'pass', /Infinity/],
    [
      'nothing changed from a zero baseline',
      'factor',
      2,
      { baseline: 0, fault: 0 },
      'inconclusive',
      /factor of 0/,
    ],
    ['retries appeared', 'present', 1, { fault: 7 }, 'pass', /observed 7/],
    [
      'no retries appeared',
      'present',
      1,
      { fault: 0 },
      'inconclusive',
      /observed 0 ms, below the required 1 ms/,
    ],
    [
      'no measurement during the fault',
      'rise',
      200,
      { baseline: 40 },
      'inconclusive',
      /no measurement while the fault/,
    ],
    [
      'a NaN measurement during the fault',
      'present',
      1,
      { fault: NaN },
      'inconclusive',
      /no measurement while/,
    ],
    ['no baseline', 'rise', 200, { fault: 300 }, 'inconclusive', /no baseline/],
    [
      'too few fault samples',
      'rise',
      200,
      { baseline: 40, fault: 300, faultSamples: 3 },
      'inconclusive',
      /3 samples .* fewer than 10/,
    ],
    [
      'too few baseline samples',
      'rise',
      200,
      { baseline: 40, fault: 300, faultSamples: 50, baselineSamples: 2 },
      'inconclusive',
      /2 baseline samples/,
    ],
  ];
  for (const [name, kind, min, obs, verdict, reason] of cases) {
    it(`is ${verdict} when ${name}`, () => {
      const minSamples = obs.faultSamples === undefined ? undefined : 10;
      const result = evaluateEvidence(
        { id: 'e', title: 't', kind, min, unit: 'ms', ...(minSamples ? { minSamples } : {}) },
        obs,
      );
      assert.equal(result.verdict, verdict, result.reason);
      assert.match(result.reason, reason);
      assert.equal(result.kind, 'evidence');
    });
  }

  it('passes the trace ids through as evidence', () => {
    const result = evaluateEvidence(
      { id: 'e', title: 't', kind: 'present', min: 1 },
      { fault: 2, traceIds: ['abc'] },
    );
    assert.deepEqual(result.evidence.traceIds, ['abc']);
  });
});

describe('foldWithEvidence', () => {
  const check = (verdict: Verdict): CheckResult => ({
    id: 'x',
    kind: 'promql',
    title: 'x',
    verdict,
    reason: '',
    evidence: {},
  });
  const cases: Array<[Verdict[], Verdict[], Verdict]> = [
    [['pass'], ['pass'], 'pass'],
    [['pass'], ['inconclusive'], 'inconclusive'],
    [['fail'], ['inconclusive'], 'fail'],
    [[], ['pass'], 'pass'],
    [[], [], 'inconclusive'],
  ];
  for (const [checks, evidence, expected] of cases) {
    it(`folds checks [${checks.join(', ')}] with evidence [${evidence.join(', ')}] into ${expected}`, () => {
      assert.equal(foldWithEvidence(checks.map(check), evidence.map(check)), expected);
    });
  }
});
