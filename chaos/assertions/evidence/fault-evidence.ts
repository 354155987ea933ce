/**
 * "The fault took effect" checks. Source-agnostic: a trace or metric query produces the numbers
 * (e.g. p50 duration of spans crossing a link, a count of retries), this module only judges them.
 *
 * Kinds, with `fault` the value measured while the fault was active and `baseline` before it:
 * - `rise`:    fault − baseline ≥ `min` (e.g. p50 latency rose by at least the injected 200 ms);
 * - `drop`:    baseline − fault ≥ `min` (e.g. throughput through a cut link fell);
 * - `factor`:  fault ≥ baseline × `min` (e.g. the error rate at least tripled);
 * - `present`: fault ≥ `min` (e.g. at least 1 error or retry appeared); the baseline is not used.
 */
export const EVIDENCE_KINDS = ['rise', 'drop', 'factor', 'present'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What an experiment requires as evidence that its fault took effect. */
export interface EvidenceRequirement {
  id: string;
  /** One sentence naming the effect, e.g. `p50 latency of spans crossing order→payment rose by ≥ 200 ms`. */
  title: string;
  kind: EvidenceKind;
  /** The bound, in the unit of the observed numbers (a ratio for `factor`). */
  min: number;
  /** Fewest samples each measurement needs to count (when the source reports samples); default 1. */
  minSamples?: number;
  /** Unit for messages, e.g. `ms`; default none. */
  unit?: string;
}

/** Numbers a query produced for a requirement. Omitted or non-finite values count as no data. */
export interface EvidenceObservation {
  baseline?: number;
  fault?: number;
  baselineSamples?: number;
  faultSamples?: number;
  /** Up to N trace ids that show the effect, passed through to the verdict. */
  traceIds?: string[];
}
