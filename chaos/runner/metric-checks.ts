import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';
import type { PhaseWindow } from '../assertions/promql/promql-check.js';
import { runPromqlCheck } from '../assertions/promql/run-promql-check.js';
import { runRecoveryCheck } from '../assertions/recovery/run-recovery-check.js';
import type { CheckSpec } from '../experiment/check-spec.js';
import { parseDurationMs } from '../experiment/duration.js';
import type { PlanCheck } from '../experiment/plan.js';
import type { PhaseRecord } from '../report/journal.js';
import type { CheckResult } from '../verdict.js';

/** The run's timing, as the metric checks need it. Offsets are ms since `runStartEpochMs`. */
export interface RunTiming {
  runStartEpochMs: number;
  phases: readonly PhaseRecord[];
  /** When the last fault was removed (offset); recovery is measured from there. */
  lastFaultRemovedMs?: number;
}

/**
 * The Unix-ms window of a check: its phase as it ran, or the whole run when it names none.
 * Undefined when that phase never ran (an interrupted run).
 */
export function epochWindowOf(phase: PlanCheck['phase'], timing: RunTiming): PhaseWindow | undefined {
  const records = phase === undefined ? timing.phases : timing.phases.filter((p) => p.name === phase);
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return undefined;
  return {
    name: phase ?? 'run',
    startMs: timing.runStartEpochMs + first.startMs,
    endMs: timing.runStartEpochMs + last.endMs,
  };
}

/** A PromQL check over its phase window (an instant query at the window's end). */
export async function promqlCheckResult(
  client: PrometheusClient,
  check: PlanCheck,
  spec: Extract<CheckSpec, { type: 'promql' }>,
  timing: RunTiming,
): Promise<CheckResult | string> {
  const window = epochWindowOf(check.phase, timing);
  if (window === undefined) return `phase ${check.phase ?? 'run'} did not run`;
  return runPromqlCheck(client, { id: check.id, query: spec.query, objective: spec.objective, window });
}

/**
 * A recovery check: the SLI read from the last fault removal to the end of the check's phase (or
 * of the run). Returns the reason it cannot be judged, as a string, when there is no removal.
 */
export async function recoveryCheckResult(
  client: PrometheusClient,
  check: PlanCheck,
  spec: Extract<CheckSpec, { type: 'recovery' }>,
  timing: RunTiming,
): Promise<CheckResult | string> {
  if (timing.lastFaultRemovedMs === undefined)
    return 'no fault removal was recorded in this run, so there is no point to measure recovery from';
  const window = epochWindowOf(check.phase, timing);
  if (window === undefined) return `phase ${check.phase ?? 'run'} did not run`;
  const stabilityMs = parseDurationMs(spec.stability);
  return runRecoveryCheck(client, {
    id: check.id,
    sli: spec.sli,
    sliObjective: spec.sliObjective,
    recovery: spec.objective,
    query: spec.query,
    removedAtMs: timing.runStartEpochMs + timing.lastFaultRemovedMs,
    endMs: window.endMs,
    ...(stabilityMs === undefined ? {} : { stabilityMs }),
  });
}
