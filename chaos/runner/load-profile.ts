import type { ResolvedPlan } from '../experiment/plan.js';
import type { LoadProfile, Phase as LoadPhase } from '../../load/profiles/profile.js';
import type { Phase } from '../experiment/check-spec.js';
import { durationMs } from '../../load/profiles/duration.js';

/** Experiment phase names to the load engine's names (the engine says `warm-up`). */
export const LOAD_PHASE: Readonly<Record<Phase, LoadPhase>> = {
  warmup: 'warm-up',
  baseline: 'baseline',
  inject: 'inject',
  recover: 'recover',
};

/** How long a checkout iteration may last: the journey's order deadline plus its requests (s). */
const ITERATION_BOUND_SECONDS = 35;

/**
 * Default VUs for a peak arrival rate (iterations per second). An open model needs
 * rate × iteration time VUs (Little's law), and a checkout iteration lasts until its order is
 * terminal, up to the journey's 30 s deadline when a fault stalls the saga: so `maxVUs` covers
 * the peak rate for that bound (a built-in engine VU is a pending promise; k6 allocates above
 * `preAllocatedVUs` only when needed). `preAllocatedVUs` covers ~2 s iterations. Pure.
 */
export function defaultVus(peakPerSecond: number): { preAllocatedVUs: number; maxVUs: number } {
  const peak = Math.max(1, peakPerSecond);
  const preAllocatedVUs = Math.max(2, Math.ceil(peak * 2));
  return { preAllocatedVUs, maxVUs: Math.max(preAllocatedVUs, Math.ceil(peak * ITERATION_BOUND_SECONDS)) };
}

/**
 * The load profile of a plan: one constant-arrival-rate phase per plan phase, back to back. Pure.
 *
 * Under k6 (and k6-operator) an unset `preAllocatedVUs` is `maxVUs`. k6 initialises a VU above
 * the pre-allocated ones one at a time while the test runs, and an arrival that finds no free VU
 * meanwhile is dropped: when a fault stalled checkouts for 20 s, payment-amqp-reset dropped 42–49
 * arrivals with 20 or 200 pre-allocated, and none with all 350. Pre-allocating them costs k6
 * about a second of start-up and 80 MiB (`node dist/load/bench/k6-startup.js --vus 350`). A
 * built-in engine VU is a pending promise, so there it stays small.
 */
export function loadProfileOf(plan: ResolvedPlan, name: string): LoadProfile {
  const executor = plan.load.executor ?? {};
  const timeUnit = executor.timeUnit ?? '1s';
  const peak = Math.max(0, ...plan.phases.map((p) => p.rate));
  const vus = defaultVus((peak * 1000) / durationMs(timeUnit));
  const maxVUs = executor.maxVUs ?? Math.max(executor.preAllocatedVUs ?? 0, vus.maxVUs);
  const k6 = plan.load.engine === 'k6' || plan.load.engine === 'k6-operator';
  const preAllocatedVUs = executor.preAllocatedVUs ?? (k6 ? maxVUs : Math.min(vus.preAllocatedVUs, maxVUs));
  return {
    name,
    journey: plan.load.journey ?? 'checkout',
    ...(executor.gracefulStop ? { gracefulStop: executor.gracefulStop } : {}),
    phases: plan.phases.map((p) => ({
      phase: LOAD_PHASE[p.name],
      executor: {
        executor: 'constant-arrival-rate',
        rate: p.rate,
        timeUnit,
        duration: `${p.endMs - p.startMs}ms`,
        preAllocatedVUs,
        maxVUs,
      },
    })),
  };
}
