import type { CriticalPathRecord } from '../assertions/critical-path/journal-record.js';
import type { K6Summary } from '../assertions/threshold/k6-summary.js';
import type { Phase } from '../experiment/check-spec.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { ExitName } from '../exit-codes.js';
import type { CheckResult, Verdict } from '../verdict.js';

/** Bumped on any incompatible change; readers refuse versions they do not know. */
export const JOURNAL_SCHEMA_VERSION = 1;

/** `error`: the run could not go on (the load engine failed mid-run); faults were removed. */
export const RUN_STATUSES = ['completed', 'interrupted', 'aborted', 'error'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A phase as it actually ran. Offsets are ms since `timelineStartedAt`. */
export interface PhaseRecord {
  name: Phase;
  startMs: number;
  endMs: number;
}

/** One fault's real window. `removedMs` is absent only if removal failed (then see `errors`). */
export interface FaultWindow {
  name: string;
  kind: string;
  target: string;
  appliedMs: number;
  removedMs?: number;
  errors: string[];
}

/** A guard breach, or the abort it triggered. */
export interface GuardEvent {
  guard: string;
  atMs: number;
  type: 'breach' | 'recovered' | 'abort';
  /** Consecutive breaches so far. */
  consecutive: number;
  observed?: number;
  message: string;
}

/** One second of client-side load. */
export interface LoadPoint {
  tMs: number;
  rps: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Share of failed requests in [0, 1]. */
  errorRate: number;
}

/** A server-side SLI over time (e.g. gateway p99 from Prometheus), with its objective. */
export interface SliSeries {
  name: string;
  unit: string;
  objective?: string;
  points: { tMs: number; value: number | null }[];
}

export interface InvariantViolation {
  invariant: string;
  /** The business key (order id, payment id, queue name). */
  subject: string;
  message: string;
}

export interface WaterfallSpan {
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  /** Offset from the trace's first span start (ms). */
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
}

export interface TraceWaterfall {
  traceId: string;
  /** Why it was picked: among the slowest, with an ERROR span, or the trace of an order that broke an invariant. */
  reason: 'slowest' | 'failed' | 'violation';
  durationMs: number;
  spans: WaterfallSpan[];
  /** The orders (`order.id` span attribute) the trace carries; absent in journals that predate it. */
  orderIds?: string[];
}

/** The single source of every output of a run; renderers are pure functions of it. */
export interface Journal {
  schemaVersion: typeof JOURNAL_SCHEMA_VERSION;
  runId: string;
  /** ISO 8601 timestamps. */
  startedAt: string;
  endedAt: string;
  /**
   * When the timeline (warm-up) started: offset 0 of `phases`, `faults`, `guardEvents` and the load
   * series. Later than `startedAt` by the environment's start-up. Absent in older journals.
   */
  timelineStartedAt?: string;
  /** The experiment file (relative path) and its resolved plan. */
  experimentFile: string;
  experiment: ResolvedPlan;
  status: RunStatus;
  phases: PhaseRecord[];
  faults: FaultWindow[];
  guardEvents: GuardEvent[];
  load: { summary: K6Summary; series: LoadPoint[] };
  sli: SliSeries[];
  /** One result per steady-state check, guard, assertion, invariant and the evidence check. */
  checks: CheckResult[];
  invariantViolations: InvariantViolation[];
  traces: TraceWaterfall[];
  /** Where the time went: critical paths per phase and baseline → inject (absent in older journals). */
  criticalPath?: CriticalPathRecord;
  /** From `runOutcome` (run-outcome.ts). */
  verdict: Verdict;
  exit: ExitName;
}
