import type { LoadProfile } from './profile.js';

/**
 * Profiles shipped with Faultline, by name. `smoke` is a seconds-long sanity run; `standard`
 * is the experiment default (3 minutes, 20 orders/s baseline).
 */
export const BUILTIN_PROFILES: Readonly<Record<string, LoadProfile>> = {
  smoke: {
    name: 'smoke',
    journey: 'mixed',
    phases: [
      { phase: 'warm-up', executor: arrivals(2, '2s', 2, 10) },
      { phase: 'baseline', executor: arrivals(5, '3s', 5, 20) },
      { phase: 'inject', executor: arrivals(5, '3s', 5, 20) },
      { phase: 'recover', executor: arrivals(5, '2s', 5, 20) },
    ],
    maxIterations: 1000,
  },
  standard: {
    name: 'standard',
    journey: 'mixed',
    phases: [
      {
        phase: 'warm-up',
        executor: {
          executor: 'ramping-arrival-rate',
          startRate: 1,
          timeUnit: '1s',
          stages: [{ target: 20, duration: '20s' }],
          preAllocatedVUs: 20,
          maxVUs: 700,
        },
      },
      { phase: 'baseline', executor: arrivals(20, '40s', 20, 700) },
      { phase: 'inject', executor: arrivals(20, '60s', 20, 700) },
      { phase: 'recover', executor: arrivals(20, '60s', 20, 700) },
    ],
  },
};

function arrivals(rate: number, duration: string, preAllocatedVUs: number, maxVUs: number) {
  return {
    executor: 'constant-arrival-rate' as const,
    rate,
    timeUnit: '1s',
    duration,
    preAllocatedVUs,
    maxVUs,
  };
}
