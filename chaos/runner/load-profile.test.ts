import { strict as assert } from 'node:assert';
import type { ResolvedPlan } from '../experiment/plan.js';
import { defaultVus, loadProfileOf } from './load-profile.js';

describe('defaultVus', () => {
  const cases: { rate: number; pre: number; max: number }[] = [
    { rate: 0, pre: 2, max: 35 },
    { rate: 0.5, pre: 2, max: 35 },
    { rate: 10, pre: 20, max: 350 },
    { rate: 15, pre: 30, max: 525 },
    { rate: 80, pre: 160, max: 2800 },
  ];
  for (const c of cases)
    it(`covers ${c.rate} checkouts/s for the journey's whole order deadline`, () => {
      assert.deepEqual(defaultVus(c.rate), { preAllocatedVUs: c.pre, maxVUs: c.max });
    });

  it('never gives fewer VUs than the arrival rate times a 30 s deadline', () => {
    for (const rate of [1, 3, 7, 15, 48, 160]) assert.ok(defaultVus(rate).maxVUs >= rate * 30);
  });
});

/** A plan with the given phase rates and load settings (what loadProfileOf reads). */
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
  it('sizes VUs by the peak phase rate: 10 orders/s that all run to the 30 s deadline need 350', () => {
    // The old default (10 x the rate = 100) dropped arrivals as soon as a fault slowed orders past 10 s.
    assert.deepEqual(executorOf(plan([5, 10, 10, 10])), { preAllocatedVUs: 20, maxVUs: 350 });
  });

  it('pre-allocates every VU under k6, which drops arrivals while it adds VUs mid-run', () => {
    for (const engine of ['k6', 'k6-operator'])
      assert.deepEqual(executorOf(plan([5, 10, 10, 10], { engine })), { preAllocatedVUs: 350, maxVUs: 350 });
    assert.deepEqual(executorOf(plan([10], { engine: 'k6', executor: { maxVUs: 40 } })), {
      preAllocatedVUs: 40,
      maxVUs: 40,
    });
    assert.deepEqual(executorOf(plan([10], { engine: 'k6', executor: { preAllocatedVUs: 12 } })), {
      preAllocatedVUs: 12,
      maxVUs: 350,
    });
  });

  it('never pre-allocates more than the maxVUs the experiment sets', () => {
    assert.deepEqual(executorOf(plan([10], { executor: { maxVUs: 7 } })), { preAllocatedVUs: 7, maxVUs: 7 });
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
