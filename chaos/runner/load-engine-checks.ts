import type { K6ThresholdFailure } from '../../load/drivers/load-driver.js';
import type { BuiltinSummary } from '../../load/engine/run-load.js';
import type { CheckResult } from '../verdict.js';

/**
 * Checks on the load itself, the same under both engines (pure):
 *
 * - `load.dropped-iterations`: an open-model run is only valid when every planned arrival
 *   started. Any dropped iteration, in any phase, makes it `inconclusive`: load that never arrived
 *   is no evidence either way (a pass on it would be a lie; a fail would blame the fleet for the
 *   client's VU limit). The phases and their counts are in the evidence.
 * - `load.k6-threshold.<n>`: every other threshold k6 itself reported crossed is a failed check
 *   (k6's exit code 99), so k6's verdicts are never ignored.
 */
export function loadChecks(
  summary: BuiltinSummary,
  k6Failures: readonly K6ThresholdFailure[],
  phases: readonly string[],
): CheckResult[] {
  const drops = Object.fromEntries(
    phases.map((p) => [p, summary.metrics[`dropped_iterations{phase:${p}}`]?.values['count'] ?? 0]),
  );
  // k6 counts drops by scenario (named after the phase); a crossed k6 drop threshold is a drop.
  for (const f of k6Failures) {
    const phase = dropPhase(f.metric);
    if (phase !== undefined && (drops[phase] ?? 0) === 0) drops[phase] = Number.NaN;
  }
  const dropped = Object.entries(drops).filter(([, n]) => n !== 0);
  const total = dropped.reduce((sum, [, n]) => sum + (Number.isNaN(n) ? 0 : n), 0);
  const text = dropped.map(([p, n]) => `${p} ${Number.isNaN(n) ? '(k6: count==0 crossed)' : n}`).join(', ');
  const checks: CheckResult[] = [
    {
      id: 'load.dropped-iterations',
      kind: 'threshold',
      title: 'every planned arrival started (dropped_iterations count==0 in every phase)',
      verdict: dropped.length === 0 ? 'pass' : 'inconclusive',
      reason:
        dropped.length === 0
          ? `no dropped iterations in ${phases.join(', ')}`
          : `${total} iteration(s) dropped (${text}): the load did not arrive as planned, so the run proves nothing; raise load.executor.maxVUs or lower the rate`,
      evidence: { observed: total, objective: 'count==0', details: { droppedByPhase: drops } },
    },
  ];
  k6Failures
    .filter((f) => dropPhase(f.metric) === undefined && !f.metric.startsWith('dropped_iterations'))
    .forEach((f, i) =>
      checks.push({
        id: `load.k6-threshold.${i + 1}`,
        kind: 'threshold',
        title: `k6 threshold ${f.metric} ${f.expression}`,
        verdict: 'fail',
        reason: `k6 reported its threshold \`${f.expression}\` on ${f.metric} crossed`,
        evidence: { objective: f.expression, details: { metric: f.metric } },
      }),
    );
  return checks;
}

/** The phase of a k6 drop sub-metric key (`dropped_iterations{scenario:inject}` → `inject`). */
function dropPhase(metric: string): string | undefined {
  return /^dropped_iterations\{(?:phase|scenario):([^,}]+)\}$/.exec(metric)?.[1];
}
