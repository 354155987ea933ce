import type { PlanCheck, ResolvedPlan } from '../experiment/plan.js';
import type { CheckResult } from '../verdict.js';

/**
 * The unit of a check's observed value with its leading space (` ms`, ` s`, ` violations`), when
 * the plan makes it certain; `''` otherwise (rates, counts, PromQL values, the evidence check). Pure.
 */
export function observedUnit(check: CheckResult, plan: ResolvedPlan): string {
  if (check.kind === 'invariant') return check.evidence.observed === 1 ? ' violation' : ' violations';
  if (check.kind === 'evidence') return '';
  const id = check.kind === 'steady-state' ? check.id.replace(/\.(baseline|recover)$/, '') : check.id;
  const spec: PlanCheck['spec'] | undefined = plan.checks.find((c) => c.id === id)?.spec;
  if (spec === undefined) return '';
  if (spec.type === 'threshold' && /^(http_req_duration|iteration_duration)\b/.test(spec.metric))
    return /^rate|^count/.test(spec.thresholds[0] ?? '') ? '' : ' ms';
  if (spec.type === 'trace' && spec.kind === 'duration') return ' ms';
  if (spec.type === 'recovery') return ' s';
  return '';
}
