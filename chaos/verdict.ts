/**
 * Three-valued verdicts shared by every check the controller runs (trace, PromQL, threshold,
 * recovery, invariant, guard, evidence, steady state).
 *
 * `inconclusive` means "no data, too few samples, a missing series, or no evidence that the fault
 * took effect". It is never a pass.
 */
export const VERDICTS = ['pass', 'fail', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CHECK_KINDS = [
  'trace',
  'critical-path',
  'promql',
  'threshold',
  'recovery',
  'invariant',
  'guard',
  'evidence',
  'steady-state',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** What a check observed, cited when it fails or is inconclusive. */
export interface Evidence {
  /** The measured value the objective was compared with, if one exists. */
  observed?: number;
  /** The objective as written by the user, e.g. `p(99)<800` or `< 0.01`. */
  objective?: string;
  /** How many samples (spans, requests, series points) the value was computed from. */
  samples?: number;
  /** Up to N trace ids that illustrate the result (failing traces first). */
  traceIds?: string[];
  /** Anything else worth showing, kept small and JSON-serialisable. */
  details?: Record<string, unknown>;
}

/** The result of one check. `reason` is one human sentence that explains the verdict. */
export interface CheckResult {
  id: string;
  kind: CheckKind;
  title: string;
  verdict: Verdict;
  reason: string;
  evidence: Evidence;
}

/**
 * Folds many verdicts into one: any `fail` fails; otherwise any `inconclusive` (or no verdict at
 * all) is inconclusive; only a non-empty set of passes passes.
 */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.length === 0 || verdicts.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}
