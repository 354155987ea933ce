import type { SpanStore } from '../../telemetry/span-store.js';
import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { meetsObjective, parseObjective } from '../trace/objective.js';
import { parseSelector } from '../trace/selector-parser.js';
import type { TimeWindow } from '../trace/selector-sql.js';
import type { PathDimension, PopulationSummary } from './population-summary.js';
import { readPopulation } from './read-population.js';

/** What a `critical-path` assertion measures of its component. */
export const CRITICAL_PATH_STATS = ['share', 'mean', 'p50', 'p99'] as const;
export type CriticalPathStat = (typeof CRITICAL_PATH_STATS)[number];

/**
 * A bound on one component of a population's critical paths, e.g. "the share of service psp in
 * inject < 0.5": `{ by: 'service', component: 'psp', stat: 'share', objective: '< 0.5' }`.
 */
export interface CriticalPathAssertion {
  id: string;
  title?: string;
  /** Keep traces holding a span this selector matches; default all the fleet's traces. */
  select?: string;
  /** Keep traces that started in this window (a phase). */
  window?: TimeWindow;
  /** Dimension of `component` (default `service`). */
  by?: PathDimension;
  /** The component's key: `psp`, `payment POST`, `queueing`, `payment downstream`. */
  component: string;
  /** `share` (0..1 of the critical-path time, default), or `mean` / `p50` / `p99` per trace in ms. */
  stat?: CriticalPathStat;
  objective: string;
  /** Fewer traces is inconclusive (default 1; 20 for p50 and p99). */
  minTraces?: number;
}

/** Parses the selector and objective; throws `ExpressionError` on a malformed one. */
export function validateCriticalPathAssertion(a: CriticalPathAssertion): void {
  if (a.select !== undefined) parseSelector(a.select);
  parseObjective(a.objective);
}

/** A short description for a check without a title. */
export function describeCriticalPathAssertion(a: Omit<CriticalPathAssertion, 'id'>): string {
  const stat = a.stat ?? 'share';
  const what = stat === 'share' ? 'share of the critical path' : `${stat} critical-path ms`;
  return `${what} of ${a.by ?? 'service'} ${a.component}${a.select ? ` in traces with ${a.select}` : ''} ${a.objective}`;
}

/** The verdict of an assertion over a summarised population. Pure. */
export function evaluateCriticalPath(a: CriticalPathAssertion, s: PopulationSummary): CheckResult {
  const stat = a.stat ?? 'share';
  const objective = parseObjective(a.objective);
  const min = a.minTraces ?? (stat === 'p50' || stat === 'p99' ? 20 : 1);
  const by = a.by ?? 'service';
  const evidence: Evidence = { objective: objective.source, samples: s.traces };
  const result = (verdict: Verdict, reason: string): CheckResult => ({
    id: a.id,
    kind: 'critical-path',
    title: a.title ?? describeCriticalPathAssertion(a),
    verdict,
    reason,
    evidence,
  });
  if (s.traces < min)
    return result(
      'inconclusive',
      s.traces === 0
        ? 'no traces selected, so there is no critical path to judge'
        : `only ${s.traces} traces, fewer than the minimum of ${min}`,
    );
  const c = s.components[by].find((x) => x.key === a.component);
  // A component absent from every path took none of its time: a true 0, not missing data.
  const value =
    c === undefined
      ? 0
      : stat === 'share'
        ? c.share
        : stat === 'mean'
          ? c.meanMs
          : stat === 'p50'
            ? c.p50Ms
            : c.p99Ms;
  evidence.observed = value;
  evidence.details = {
    top: s.components[by]
      .slice(0, 5)
      .map((x) => ({ key: x.key, share: round(x.share), meanMs: round(x.meanMs) })),
  };
  const ok = meetsObjective(value, objective);
  const shown =
    stat === 'share' ? `${(100 * value).toFixed(1)}% (${value.toFixed(4)})` : `${round(value)} ms`;
  const absent = c === undefined ? ` (${a.component} is on no critical path)` : '';
  return result(
    ok ? 'pass' : 'fail',
    `${stat} of ${by} ${a.component} is ${shown}${absent} over ${s.traces} traces; objective ${objective.source} ${ok ? 'met' : 'not met'}`,
  );
}

/** Reads the population from the store (flushing first) and judges the assertion. */
export async function runCriticalPathAssertion(
  store: SpanStore,
  a: CriticalPathAssertion,
): Promise<CheckResult> {
  validateCriticalPathAssertion(a);
  const summary = await readPopulation(store, {
    ...(a.select === undefined ? {} : { select: a.select }),
    ...(a.window === undefined ? {} : { window: a.window }),
  });
  return evaluateCriticalPath(a, summary);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
