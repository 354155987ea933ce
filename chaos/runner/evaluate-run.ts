import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import { reconcile } from '../invariants/index.js';
import type { FaultWindow, InvariantViolation } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';
import type { RunEnvironment } from './environment.js';
import { evaluatePlanCheck, type CheckInputs } from './evaluate-checks.js';
import { waitForScrapesAfter } from './prometheus-settle.js';
import type { TimelineResult } from './run-timeline.js';

/**
 * Evaluates every non-guard check of a finished run, then the invariants (reconcile). Steady-state
 * checks are judged twice: on baseline (before) and on recover (after). PromQL checks wait until
 * Prometheus has scraped past the run's end; recovery is measured from the last fault removal.
 */
export async function evaluateRunChecks(
  plan: ResolvedPlan,
  env: RunEnvironment,
  t: TimelineResult,
  faults: readonly FaultWindow[],
): Promise<{ checks: CheckResult[]; violations: InvariantViolation[] }> {
  await env.collector.store.flush();
  const prometheus = createPrometheusClient({ baseUrl: env.prometheus.url });
  const endMs = t.phases[t.phases.length - 1]?.endMs ?? 0;
  await waitForScrapesAfter(prometheus, t.t0 + endMs);
  const removals = faults.flatMap((f) => (f.removedMs === undefined ? [] : [f.removedMs]));
  const applied = faults.map((f) => f.appliedMs);
  const inputs: CheckInputs = {
    summary: t.summary,
    store: env.collector.store,
    runStartEpochMs: t.t0,
    phases: t.phases,
    prometheus,
    ...(removals.length > 0 ? { lastFaultRemovedMs: Math.max(...removals) } : {}),
    ...(applied.length > 0
      ? {
          faultActiveMs: {
            startMs: Math.min(...applied),
            // A fault whose removal failed stayed on to the end of the run.
            endMs: removals.length === faults.length ? Math.max(...removals) : endMs,
          },
        }
      : {}),
  };
  const checks: CheckResult[] = [];
  for (const check of plan.checks) {
    if (check.group === 'guard') continue;
    if (check.group === 'steady-state' && check.phase === undefined) {
      for (const phase of ['baseline', 'recover'] as const) {
        const r = await evaluatePlanCheck({ ...check, phase }, inputs);
        checks.push({
          ...r,
          id: `${check.id}.${phase}`,
          title: `${check.title} (${phase === 'baseline' ? 'before' : 'after'})`,
        });
      }
      continue;
    }
    checks.push(await evaluatePlanCheck(check, inputs));
  }
  const invariants = await evaluateInvariants(plan, env);
  return { checks: [...checks, ...invariants.checks], violations: invariants.violations };
}

async function evaluateInvariants(
  plan: ResolvedPlan,
  env: RunEnvironment,
): Promise<{ checks: CheckResult[]; violations: InvariantViolation[] }> {
  if (!plan.invariants.reconcile) return { checks: [], violations: [] };
  try {
    const report = await reconcile({ ...env.reconcile, checks: plan.invariants.checks });
    const violations = report.violations.flatMap((v) =>
      (v.orderIds.length > 0 ? v.orderIds : ['-']).map((subject) => ({
        invariant: v.invariant,
        subject,
        message: v.detail,
      })),
    );
    return { checks: report.checks.map((c) => ({ ...c, kind: 'invariant' as const })), violations };
  } catch (err) {
    const reason = `reconcile could not read the fleet's stores: ${err instanceof Error ? err.message : String(err)}`;
    return {
      checks: [
        {
          id: 'invariants',
          kind: 'invariant',
          title: 'business invariants (reconcile)',
          verdict: 'inconclusive',
          reason,
          evidence: {},
        },
      ],
      violations: [],
    };
  }
}
