import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';
import {
  runCriticalPathAssertion,
  type CriticalPathAssertion,
} from '../assertions/critical-path/critical-path-assertion.js';
import { runTraceAssertion, type TraceAssertion } from '../assertions/trace/index.js';
import { evaluateThreshold } from '../assertions/threshold/threshold-evaluator.js';
import type { K6Summary } from '../assertions/threshold/k6-summary.js';
import type { PlanCheck } from '../experiment/plan.js';
import type { SpanStore } from '../telemetry/span-store.js';
import { combineVerdicts, type CheckKind, type CheckResult } from '../verdict.js';
import { LOAD_PHASE } from './load-profile.js';
import { promqlCheckResult, recoveryCheckResult, type RunTiming } from './metric-checks.js';

/** What the checks of one run are evaluated against (phase offsets are from `runStartEpochMs`). */
export interface CheckInputs extends RunTiming {
  summary: K6Summary;
  store: SpanStore;
  /** The run's Prometheus; without it PromQL and recovery checks are inconclusive. */
  prometheus?: PrometheusClient;
  /**
   * Offsets (ms) from the first fault applied to the last one removed. Trace evidence that a fault
   * took effect is judged over this span of its phase, not the whole phase: the spans before the
   * fault and after an early (guard) removal would dilute it. (A PromQL evidence query names its
   * own range and is read at the phase's end, after effects such as reconnects have happened.)
   */
  faultActiveMs?: { startMs: number; endMs: number };
}

const NO_PROMETHEUS = 'not evaluated: this run has no Prometheus to query';

/** The kind a check is reported as: its group wins over its type for guards, evidence, steady state. */
function reportedKind(check: PlanCheck): CheckKind {
  if (check.group === 'evidence') return 'evidence';
  if (check.group === 'steady-state') return 'steady-state';
  if (check.group === 'guard') return 'guard';
  return check.kind;
}

/** Evaluates one planned check; never throws (an evaluation error is an inconclusive result). */
export async function evaluatePlanCheck(check: PlanCheck, allInputs: CheckInputs): Promise<CheckResult> {
  const kind = reportedKind(check);
  const inputs =
    check.group === 'evidence' && check.spec.type === 'trace' ? narrowToFaults(check, allInputs) : allInputs;
  const relabel = (r: CheckResult): CheckResult => ({ ...r, id: check.id, kind, title: check.title });
  const spec = check.spec;
  try {
    switch (spec.type) {
      case 'threshold':
        return relabel(thresholdResult(check, spec.metric, spec.thresholds, inputs.summary));
      case 'trace':
        return relabel(await runTraceAssertion(inputs.store, traceAssertionOf(check, inputs)));
      case 'critical-path':
        return relabel(await runCriticalPathAssertion(inputs.store, criticalPathAssertionOf(check, inputs)));
      case 'promql':
      case 'recovery': {
        if (inputs.prometheus === undefined) return inconclusive(check, kind, NO_PROMETHEUS);
        const result =
          spec.type === 'promql'
            ? await promqlCheckResult(inputs.prometheus, check, spec, inputs)
            : await recoveryCheckResult(inputs.prometheus, check, spec, inputs);
        return typeof result === 'string' ? inconclusive(check, kind, result) : relabel(result);
      }
    }
  } catch (err) {
    return inconclusive(
      check,
      kind,
      `could not be evaluated: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * The inputs with the check's phase cut to the part of it where faults were active (evidence
 * checks on `inject`). Unchanged when no fault was applied in that phase.
 */
export function narrowToFaults(check: PlanCheck, inputs: CheckInputs): CheckInputs {
  const active = inputs.faultActiveMs;
  const phase = check.phase;
  if (active === undefined || phase !== 'inject') return inputs;
  const phases = inputs.phases.map((p) => {
    if (p.name !== phase) return p;
    const startMs = Math.max(p.startMs, active.startMs);
    const endMs = Math.min(p.endMs, active.endMs);
    return endMs > startMs ? { ...p, startMs, endMs } : p;
  });
  return { ...inputs, phases };
}

function inconclusive(check: PlanCheck, kind: CheckKind, reason: string): CheckResult {
  return { id: check.id, kind, title: check.title, verdict: 'inconclusive', reason, evidence: {} };
}

/** Scopes an untagged metric to the check's phase, the way k6 sub-metrics are written. */
export function phaseMetric(metric: string, phase: PlanCheck['phase']): string {
  if (phase === undefined || metric.includes('{')) return metric;
  return `${metric}{phase:${LOAD_PHASE[phase]}}`;
}

function thresholdResult(
  check: PlanCheck,
  metric: string,
  thresholds: readonly string[],
  summary: K6Summary,
): CheckResult {
  const scoped = phaseMetric(metric, check.phase);
  const results = thresholds.map((t, i) =>
    evaluateThreshold({ id: `${check.id}.${i}`, metric: scoped, threshold: t }, summary),
  );
  const verdict = combineVerdicts(results.map((r) => r.verdict));
  const first = results.find((r) => r.verdict === verdict) ?? results[0];
  return {
    id: check.id,
    kind: 'threshold',
    title: check.title,
    verdict,
    reason: results.map((r) => `${r.title}: ${r.reason}`).join('; '),
    evidence: { ...first?.evidence, objective: thresholds.join(', '), details: { metric: scoped } },
  };
}

function traceAssertionOf(check: PlanCheck, inputs: CheckInputs): TraceAssertion {
  if (check.spec.type !== 'trace') throw new Error('not a trace check');
  const { type: _type, phase, ...rest } = check.spec;
  const window = phase === undefined ? undefined : windowOf(phase, inputs);
  return { ...rest, id: check.id, ...(window ? { window } : {}) };
}

function criticalPathAssertionOf(check: PlanCheck, inputs: CheckInputs): CriticalPathAssertion {
  if (check.spec.type !== 'critical-path') throw new Error('not a critical-path check');
  const { type: _type, phase, ...rest } = check.spec;
  const window = phase === undefined ? undefined : windowOf(phase, inputs);
  return { ...rest, id: check.id, ...(window ? { window } : {}) };
}

function windowOf(phase: NonNullable<PlanCheck['phase']>, inputs: CheckInputs): TraceAssertion['window'] {
  const record = inputs.phases.find((p) => p.name === phase);
  if (record === undefined) return undefined;
  const ns = (offsetMs: number): bigint => BigInt(Math.round(inputs.runStartEpochMs + offsetMs)) * 1_000_000n;
  return { fromUnixNano: ns(record.startMs), toUnixNano: ns(record.endMs) };
}
