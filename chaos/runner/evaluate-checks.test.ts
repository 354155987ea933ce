import assert from 'node:assert/strict';
import type { PlanCheck } from '../experiment/plan.js';
import type { SpanStore } from '../telemetry/span-store.js';
import { narrowToFaults, phaseMetric, type CheckInputs } from './evaluate-checks.js';
import { slug } from './run-experiment.js';

describe('phaseMetric', () => {
  it("scopes an untagged metric to the check's phase with the load engine's phase name", () => {
    assert.equal(phaseMetric('http_req_failed', 'warmup'), 'http_req_failed{phase:warm-up}');
    assert.equal(phaseMetric('http_req_duration', 'inject'), 'http_req_duration{phase:inject}');
  });

  it('leaves a metric that already has tags, or a check without a phase, alone', () => {
    assert.equal(
      phaseMetric('http_req_duration{phase:inject}', 'recover'),
      'http_req_duration{phase:inject}',
    );
    assert.equal(phaseMetric('http_req_duration', undefined), 'http_req_duration');
  });
});

describe('slug', () => {
  it('turns a title into a folder-safe name', () => {
    assert.equal(slug('PSP latency (with jitter)!'), 'psp-latency-with-jitter');
    assert.equal(slug('***'), 'experiment');
  });
});

describe('narrowToFaults', () => {
  const phases = [
    { name: 'baseline', startMs: 0, endMs: 30_000 },
    { name: 'inject', startMs: 30_000, endMs: 90_000 },
    { name: 'recover', startMs: 90_000, endMs: 120_000 },
  ] as const;
  const inputs = (faultActiveMs?: { startMs: number; endMs: number }): CheckInputs => ({
    summary: { metrics: {} },
    store: {} as SpanStore,
    runStartEpochMs: 1_000,
    phases,
    ...(faultActiveMs ? { faultActiveMs } : {}),
  });
  const check = (phase: PlanCheck['phase']): PlanCheck => ({
    id: 'evidence',
    group: 'evidence',
    kind: 'evidence',
    title: 'fault took effect',
    ...(phase ? { phase } : {}),
    spec: { type: 'promql', query: 'up', objective: '< 1' },
  });

  it('cuts the inject phase to the span where faults were active (an early guard removal too)', () => {
    const narrowed = narrowToFaults(check('inject'), inputs({ startMs: 40_000, endMs: 60_000 }));
    assert.deepEqual(narrowed.phases[1], { name: 'inject', startMs: 40_000, endMs: 60_000 });
    assert.deepEqual(narrowed.phases[0], phases[0]);
    assert.deepEqual(narrowed.phases[2], phases[2]);
  });

  it('keeps the phase bounds when the fault outlived the phase', () => {
    const narrowed = narrowToFaults(check('inject'), inputs({ startMs: 35_000, endMs: 100_000 }));
    assert.deepEqual(narrowed.phases[1], { name: 'inject', startMs: 35_000, endMs: 90_000 });
  });

  it('leaves other phases, runs with no fault, and windows outside inject alone', () => {
    const active = { startMs: 40_000, endMs: 60_000 };
    assert.deepEqual(narrowToFaults(check('recover'), inputs(active)).phases, phases);
    assert.deepEqual(narrowToFaults(check(undefined), inputs(active)).phases, phases);
    assert.deepEqual(narrowToFaults(check('inject'), inputs()).phases, phases);
    const outside = narrowToFaults(check('inject'), inputs({ startMs: 95_000, endMs: 99_000 }));
    assert.deepEqual(outside.phases, phases);
  });
});
