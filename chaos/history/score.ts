import type { CheckNight, ExperimentNight } from './night-summary.js';

/** A pass this far from the line (margin) or further earns full credit. */
export const FULL_CREDIT_MARGIN = 0.2;

/**
 * The credit of one check, in [0, 1]:
 * - pass: 1 without a margin; with margin m, 0.5 + 0.5 * min(1, max(0, m) / 0.2), so a pass on
 *   the line earns half and a pass with 20% room or more earns all;
 * - flaky: half the share of passing trials;
 * - fail and inconclusive: 0.
 */
export function checkCredit(n: Pick<CheckNight, 'outcome' | 'margin' | 'trials' | 'passedTrials'>): number {
  switch (n.outcome) {
    case 'pass':
      return n.margin === null ? 1 : 0.5 + 0.5 * Math.min(1, Math.max(0, n.margin) / FULL_CREDIT_MARGIN);
    case 'flaky':
      return n.trials === 0 ? 0 : (0.5 * n.passedTrials) / n.trials;
    case 'fail':
    case 'inconclusive':
      return 0;
  }
}

/**
 * The resilience score of one suite run, 0-100: every experiment weighs the same; an experiment
 * that must pass scores the mean credit of its checks; a pattern-off experiment (`expect: fail`)
 * scores 1 when it failed as expected in every trial, 0.5 when flaky, else 0. Pure.
 */
export function resilienceScore(
  checks: readonly CheckNight[],
  experiments: readonly ExperimentNight[],
): number {
  if (experiments.length === 0) return 0;
  let total = 0;
  for (const e of experiments) {
    if (e.expect === 'fail') {
      total += e.outcome === 'pass' ? 1 : e.outcome === 'flaky' ? 0.5 : 0;
      continue;
    }
    const mine = checks.filter((c) => c.experiment === e.experiment);
    total += mine.length === 0 ? 0 : mine.reduce((s, c) => s + checkCredit(c), 0) / mine.length;
  }
  return Math.round((1000 * total) / experiments.length) / 10;
}
