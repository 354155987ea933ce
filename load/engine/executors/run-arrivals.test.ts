import assert from 'node:assert/strict';
import type { Clock } from '../clock.js';
import { IterationBudget } from '../iteration-budget.js';
import { VuPool } from '../vu-pool.js';
import type { PhaseContext } from './phase-context.js';
import { runArrivals } from './run-arrivals.js';

/** A clock whose sleeps advance virtual time instantly. */
function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    nowMs: () => clock.t,
    epochMs: () => clock.t,
    sleep: (ms: number) => {
      clock.t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
  return clock;
}

/** Iterations that never finish on their own: they end only when their signal aborts. */
function context(clock: Clock, budget = new IterationBudget(undefined)) {
  const seen = { started: [] as number[], dropped: [] as number[] };
  const ctx: PhaseContext = {
    clock,
    signal: new AbortController().signal,
    budget,
    gracefulStopMs: 100,
    startIteration: (signal) => {
      seen.started.push(clock.nowMs());
      return new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
    },
    onDropped: () => seen.dropped.push(clock.nowMs()),
    onVus: () => undefined,
  };
  return { ctx, seen };
}

describe('runArrivals', () => {
  it('counts arrivals that find every VU busy as dropped, at their scheduled times', async () => {
    const clock = fakeClock();
    const { ctx, seen } = context(clock);
    await runArrivals([0, 100, 200, 300, 400], 500, new VuPool(1, 2), ctx);
    assert.deepEqual(seen.started, [0, 100]);
    assert.deepEqual(seen.dropped, [200, 300, 400]);
  });

  it('keeps to the schedule while iterations are still running (no coordinated omission)', async () => {
    const clock = fakeClock();
    const { ctx, seen } = context(clock);
    await runArrivals([0, 10, 20, 30], 40, new VuPool(4, 4), ctx);
    assert.deepEqual(seen.started, [0, 10, 20, 30]);
    assert.equal(seen.dropped.length, 0);
  });

  it('stops starting iterations once the budget is spent', async () => {
    const clock = fakeClock();
    const { ctx, seen } = context(clock, new IterationBudget(2));
    await runArrivals([0, 10, 20, 30], 40, new VuPool(4, 4), ctx);
    assert.equal(seen.started.length, 2);
  });

  it('waits out the phase and the graceful stop before aborting iterations that still run', async () => {
    const clock = fakeClock();
    const { ctx } = context(clock);
    await runArrivals([0], 1000, new VuPool(1), ctx);
    assert.equal(clock.t, 1100);
  });
});
