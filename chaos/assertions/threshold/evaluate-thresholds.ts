import type { CheckResult } from '../../verdict.js';
import type { K6Summary } from './k6-summary.js';
import { evaluateThreshold } from './threshold-evaluator.js';

/** A threshold entry as k6's `options.thresholds` allows: the text, or an object with `threshold`. */
export type ThresholdEntry = string | { threshold: string; abortOnFail?: boolean };

/**
 * Evaluates a k6-style threshold map (`{ http_req_duration: ['p(99)<800', 'avg<200'] }`) over a
 * summary, one CheckResult per expression, with ids `threshold:<metric>:<expression>`. Pure.
 *
 * @throws as `evaluateThreshold` (malformed expression, aggregation that does not fit the metric).
 */
export function evaluateThresholds(
  thresholds: Readonly<Record<string, readonly ThresholdEntry[]>>,
  summary: K6Summary,
): CheckResult[] {
  return Object.entries(thresholds).flatMap(([metric, entries]) =>
    entries.map((entry) => {
      const threshold = typeof entry === 'string' ? entry : entry.threshold;
      return evaluateThreshold({ id: `threshold:${metric}:${threshold}`, metric, threshold }, summary);
    }),
  );
}
