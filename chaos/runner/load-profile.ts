import type { ResolvedPlan } from '../experiment/plan.js';
import type { JourneyName, LoadProfile, Phase as LoadPhase } from '../../load/profiles/profile.js';
import type { Phase } from '../experiment/check-spec.js';

/** Experiment phase names to the load engine's names (the engine says `warm-up`). */
export const LOAD_PHASE: Readonly<Record<Phase, LoadPhase>> = {
  warmup: 'warm-up',
  baseline: 'baseline',
  inject: 'inject',
  recover: 'recover',
};

/**
 * The longest an iteration of each journey may take, in seconds: checkout (and the mix holding it)
 * polls its order until the journey's 30 s deadline, plus the requests around it; browse is a few
 * plain requests.
 */
export const LONGEST_ITERATION_S: Readonly<Record<JourneyName, number>> = {
  checkout: 35,
  mixed: 35,
  browse: 10,
};

/**
 * The load profile of a plan: one constant-arrival-rate phase per plan phase, back to back. Pure.
 * VUs default to enough for the highest rate even when every iteration takes as long as its journey
 * allows: a slow fleet under a fault must not turn planned arrivals into dropped iterations (an open
 * model keeps arriving, whatever the latency). Idle VUs cost little; only the first few are
 * allocated up front.
 */
export function loadProfileOf(plan: ResolvedPlan, name: string): LoadProfile {
  const executor = plan.load.executor ?? {};
  const timeUnit = executor.timeUnit ?? '1s';
  const journey = plan.load.journey ?? 'checkout';
  const peak = Math.max(1, ...plan.phases.map((p) => p.rate));
  const preAllocatedVUs = executor.preAllocatedVUs ?? Math.max(2, Math.ceil(peak * 2));
  const maxVUs = executor.maxVUs ?? Math.max(preAllocatedVUs, Math.ceil(peak * LONGEST_ITERATION_S[journey]));
  return {
    name,
    journey,
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
