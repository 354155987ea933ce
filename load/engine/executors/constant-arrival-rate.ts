import { durationMs } from '../../profiles/duration.js';
import type { ConstantArrivalRate } from '../../profiles/profile.js';
import { constantArrivalOffsetsMs } from '../arrival-schedule.js';
import { VuPool } from '../vu-pool.js';
import type { Executor } from './phase-context.js';
import { runArrivals } from './run-arrivals.js';

/** k6 `constant-arrival-rate`: `rate` iterations per `timeUnit` for `duration`, open model. */
export const constantArrivalRate: Executor<ConstantArrivalRate> = {
  run: (config, ctx) =>
    runArrivals(
      constantArrivalOffsetsMs(config),
      durationMs(config.duration),
      new VuPool(config.preAllocatedVUs, config.maxVUs ?? config.preAllocatedVUs),
      ctx,
    ),
};
