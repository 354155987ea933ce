import assert from 'node:assert/strict';
import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';
import type { PlanCheck } from '../experiment/plan.js';
import { evaluatePlanCheck } from './evaluate-checks.js';
import { epochWindowOf, recoveryCheckResult, type RunTiming } from './metric-checks.js';

const timing: RunTiming = {
  runStartEpochMs: 1_000_000,
  phases: [
    { name: 'warmup', startMs: 0, endMs: 3000 },
    { name: 'baseline', startMs: 3000, endMs: 8000 },
    { name: 'inject', startMs: 8000, endMs: 18_000 },
    { name: 'recover', startMs: 18_000, endMs: 28_000 },
  ],
};

const recoverySpec = {
  type: 'recovery' as const,
  sli: 'p50',
  query: 'x',
  sliObjective: '< 0.2',
  objective: 'recovery < 8s',
};
const recoveryCheck: PlanCheck = {
  id: 'r',
  group: 'assertion',
  kind: 'recovery',
  title: 'r',
  spec: recoverySpec,
};

/** A client that must not be called (the checks below are decided before any query). */
const unusedClient: PrometheusClient = {
  query: () => Promise.reject(new Error('no query expected')),
  queryRange: () => Promise.reject(new Error('no query expected')),
};

describe('epochWindowOf', () => {
  it('maps a phase to its Unix-ms window, and no phase to the whole run', () => {
    assert.deepEqual(epochWindowOf('inject', timing), {
      name: 'inject',
      startMs: 1_008_000,
      endMs: 1_018_000,
    });
    assert.deepEqual(epochWindowOf(undefined, timing), { name: 'run', startMs: 1_000_000, endMs: 1_028_000 });
  });

  it('is undefined for a phase that never ran (an interrupted run)', () => {
    assert.equal(epochWindowOf('recover', { ...timing, phases: timing.phases.slice(0, 2) }), undefined);
  });
});

describe('recoveryCheckResult', () => {
  it('explains that recovery cannot be measured when no fault removal was recorded', async () => {
    const result = await recoveryCheckResult(unusedClient, recoveryCheck, recoverySpec, timing);
    assert.equal(typeof result, 'string');
    assert.match(result as string, /no fault removal was recorded/);
  });
});

describe('evaluatePlanCheck without Prometheus', () => {
  it('makes PromQL and recovery checks inconclusive, never pass', async () => {
    const promql: PlanCheck = {
      id: 'p',
      group: 'assertion',
      kind: 'promql',
      title: 'p',
      spec: { type: 'promql', query: 'up', objective: '> 0' },
    };
    const inputs = { ...timing, summary: { metrics: {} }, store: undefined as never };
    for (const check of [promql, recoveryCheck]) {
      const result = await evaluatePlanCheck(check, inputs);
      assert.equal(result.verdict, 'inconclusive');
      assert.match(result.reason, /no Prometheus/);
    }
  });
});
