import { strict as assert } from 'node:assert';
import type { ResolvedPlan } from '../experiment/plan.js';
import { loadProfileOf } from './load-profile.js';

/** A plan with the given phase rates, journey and executor settings (what loadProfileOf reads). */
function plan(rates: number[], load: Record<string, unknown> = {}): ResolvedPlan {
  const names = ['warmup', 'baseline', 'inject', 'recover'] as const;
  const phases = rates.map((rate, i) => ({
    name: names[i],
    startMs: i * 10_000,
    endMs: (i + 1) * 10_000,
    rate,
  }));
  return { phases, load } as unknown as ResolvedPlan;
}

const executorOf = (p: ResolvedPlan): { preAllocatedVUs: number; maxVUs: number } => {
  const [first] = loadProfileOf(p, 'run').phases;
  const e = first?.executor as { preAllocatedVUs?: number; maxVUs?: number } | undefined;
  assert.ok(e?.preAllocatedVUs !== undefined && e.maxVUs !== undefined, JSON.stringify(first));
  return { preAllocatedVUs: e.preAllocatedVUs, maxVUs: e.maxVUs };
};

describe('loadProfileOf', () => {
  it('gives checkout enough VUs for every arrival to wait out the 30 s order deadline', () => {
    // 10 orders/s whose iterations all run to the deadline need 350 VUs; the old default (100)
    // dropped arrivals as soon as a fault slowed orders past 10 s.
    assert.deepEqual(executorOf(plan([5, 10, 10, 10])), { preAllocatedVUs: 20, maxVUs: 350 });
    assert.equal(executorOf(plan([5, 10], { journey: 'mixed' })).maxVUs, 350);
  });

  it('sizes browse by its shorter iterations', () => {
    assert.equal(executorOf(plan([4, 8], { journey: 'browse' })).maxVUs, 80);
  });

  it('keeps what the experiment sets', () => {
    const set = executorOf(plan([10], { executor: { preAllocatedVUs: 3, maxVUs: 7 } }));
    assert.deepEqual(set, { preAllocatedVUs: 3, maxVUs: 7 });
  });

  it('never allocates fewer VUs than it pre-allocates', () => {
    assert.deepEqual(executorOf(plan([0.01], { executor: { preAllocatedVUs: 50 } })), {
      preAllocatedVUs: 50,
      maxVUs: 50,
    });
  });
});
