import type { RampingArrivalRate } from '../../profiles/profile.js';
import { executorDurationMs } from '../../profiles/phase-timeline.js';
import { rampingArrivalOffsetsMs } from '../arrival-schedule.js';
import { VuPool } from '../vu-pool.js';
import type { Executor } from './phase-context.js';
import { runArrivals } from './run-arrivals.js';

/** k6 `ramping-arrival-rate`: the rate moves linearly from `startRate` through each stage's target. */
export const rampingArrivalRate: Executor<RampingArrivalRate> = {
  run: (config, ctx) =>
    runArrivals(
      rampingArrivalOffsetsMs(config),
      executorDurationMs(config),
      new VuPool(config.preAllocatedVUs, config.maxVUs ?? config.preAllocatedVUs),
      ctx,
    ),
};
