import type { ResolvedPlan } from '../experiment/plan.js';
import type { LoadProfile, Phase as LoadPhase } from '../../load/profiles/profile.js';
import type { Phase } from '../experiment/check-spec.js';

/** Experiment phase names to the load engine's names (the engine says `warm-up`). */
export const LOAD_PHASE: Readonly<Record<Phase, LoadPhase>> = {
  warmup: 'warm-up',
  baseline: 'baseline',
  inject: 'inject',
  recover: 'recover',
};

/**
 * The load profile of a plan: one constant-arrival-rate phase per plan phase, back to back. Pure.
 * VUs default to enough for the highest rate with a few seconds of latency per iteration.
 */
export function loadProfileOf(plan: ResolvedPlan, name: string): LoadProfile {
  const executor = plan.load.executor ?? {};
  const timeUnit = executor.timeUnit ?? '1s';
  const peak = Math.max(1, ...plan.phases.map((p) => p.rate));
  const preAllocatedVUs = executor.preAllocatedVUs ?? Math.max(2, Math.ceil(peak * 2));
  const maxVUs = executor.maxVUs ?? Math.max(preAllocatedVUs, Math.ceil(peak * 10));
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
