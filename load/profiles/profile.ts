/**
 * A load profile: which journey runs, and how iterations arrive in each phase. One definition,
 * consumed by the built-in engine directly and by the k6 scripts (bundled in, or as JSON through
 * `__ENV.FAULTLINE_PROFILE`). Executor configs use k6's names and semantics.
 *
 * ```
 * warm-up ──▶ baseline ──▶ inject ──▶ recover      (phases run back to back)
 * ```
 * Pure types and constants only: no Node imports.
 */

/** Experiment phases, in the order they run. */
export const PHASES = ['warm-up', 'baseline', 'inject', 'recover'] as const;
export type Phase = (typeof PHASES)[number];

/** Executors the engines support, with k6's names. */
export const EXECUTORS = ['constant-arrival-rate', 'ramping-arrival-rate', 'constant-vus'] as const;
export type ExecutorName = (typeof EXECUTORS)[number];

/** Journeys both engines run. */
export const JOURNEYS = ['checkout', 'browse', 'mixed'] as const;
export type JourneyName = (typeof JOURNEYS)[number];

/** Open model: `rate` iterations per `timeUnit` for `duration`, regardless of response times. */
export interface ConstantArrivalRate {
  executor: 'constant-arrival-rate';
  /** Iterations started per `timeUnit`. */
  rate: number;
  /** k6 duration string; default `1s`. */
  timeUnit?: string;
  /** k6 duration string, e.g. `30s`. */
  duration: string;
  preAllocatedVUs: number;
  /** Default: `preAllocatedVUs`. */
  maxVUs?: number;
}

/** One linear ramp of the arrival rate: to `target` per `timeUnit` over `duration`. */
export interface RampStage {
  target: number;
  duration: string;
}

/** Open model with a piecewise-linear arrival rate starting at `startRate`. */
export interface RampingArrivalRate {
  executor: 'ramping-arrival-rate';
  /** Iterations per `timeUnit` at the start; default 0. */
  startRate?: number;
  timeUnit?: string;
  stages: RampStage[];
  preAllocatedVUs: number;
  maxVUs?: number;
}

/** Closed model, for comparison: `vus` loops for `duration`. */
export interface ConstantVus {
  executor: 'constant-vus';
  vus: number;
  duration: string;
}

export type ExecutorConfig = ConstantArrivalRate | RampingArrivalRate | ConstantVus;

/** One phase of a profile. */
export interface PhaseProfile {
  phase: Phase;
  executor: ExecutorConfig;
  /** Extra k6-style thresholds for this phase, by metric name (e.g. `{ http_req_failed: ['rate<0.01'] }`). */
  thresholds?: Record<string, string[]>;
}

/** A complete load profile. */
export interface LoadProfile {
  name: string;
  journey: JourneyName;
  phases: PhaseProfile[];
  /** Upper bound on iterations started over the whole run (a safety bound); default unbounded. */
  maxIterations?: number;
  /** How long in-flight iterations may finish after a phase ends (k6 `gracefulStop`); default `5s`. */
  gracefulStop?: string;
}
