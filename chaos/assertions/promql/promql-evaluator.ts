import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { compare } from '../threshold/comparison.js';
import { parseObjective, type ObjectiveAst } from './objective-parser.js';
import { formatSeries, type PromSeries } from './prom-series.js';
import type { PromqlCheck, PromqlMode } from './promql-check.js';

const MAX_CITED_SERIES = 5;

interface SeriesJudgement {
  series: string;
  observed: number;
  ok: boolean;
  samples: number;
}

/**
 * Judges a PromQL check from the series its query returned. Pure.
 * - no series, or no finite point inside the window → inconclusive ("series X had no data in window W");
 * - any series breaking the objective → fail, citing up to 5 offending series;
 * - otherwise pass.
 *
 * @throws ExpressionError for a malformed objective.
 */
export function evaluatePromql(check: PromqlCheck, series: readonly PromSeries[]): CheckResult {
  const objective = parseObjective(check.objective);
  const mode = check.mode ?? 'instant';
  const { window } = check;
  const make = (verdict: Verdict, reason: string, evidence: Evidence = {}): CheckResult => ({
    id: check.id,
    kind: 'promql',
    title: `${check.query} ${check.objective} (${mode}, ${window.name})`,
    verdict,
    reason,
    evidence: {
      objective: check.objective,
      ...evidence,
      details: { query: check.query, mode, window, ...evidence.details },
    },
  });
  const judged = series
    .map((s) => judgeSeries(s, mode, objective, check))
    .filter((j): j is SeriesJudgement => j !== undefined);
  if (judged.length === 0) {
    return make('inconclusive', `series ${check.query} had no data in window ${window.name}`, { samples: 0 });
  }
  const samples = judged.reduce((n, j) => n + j.samples, 0);
  const bad = judged.filter((j) => !j.ok);
  const cite = (list: SeriesJudgement[]): Array<{ series: string; observed: number }> =>
    list.slice(0, MAX_CITED_SERIES).map(({ series: name, observed }) => ({ series: name, observed }));
  if (bad.length > 0) {
    const first = bad[0]!;
    const reason = `${bad.length} of ${judged.length} series broke ${check.objective} in window ${window.name}: ${first.series} was ${first.observed} (${mode})`;
    return make('fail', reason, { observed: first.observed, samples, details: { failing: cite(bad) } });
  }
  const shown = judged[0]!;
  const reason = `all ${judged.length} series met ${check.objective} in window ${window.name} (${mode}); ${shown.series} was ${shown.observed}`;
  return make('pass', reason, { observed: shown.observed, samples, details: { series: cite(judged) } });
}

function judgeSeries(
  series: PromSeries,
  mode: PromqlMode,
  objective: ObjectiveAst,
  check: PromqlCheck,
): SeriesJudgement | undefined {
  const { startMs, endMs } = check.window;
  const values = series.points
    .filter((p) => p.tMs >= startMs && p.tMs <= endMs && Number.isFinite(p.value))
    .map((p) => p.value);
  if (values.length === 0) return undefined;
  const name = formatSeries(series.labels);
  const holds = (v: number): boolean => compare(v, objective.operator, objective.limit);
  if (mode === 'all' || mode === 'instant') {
    // For `all`, cite the first offending point, else the last point (the latest state).
    const offending = values.find((v) => !holds(v));
    const observed = offending ?? values[values.length - 1]!;
    return { series: name, observed, ok: offending === undefined, samples: values.length };
  }
  const observed = aggregate(mode, values);
  return { series: name, observed, ok: holds(observed), samples: values.length };
}

function aggregate(mode: 'max' | 'min' | 'avg', values: number[]): number {
  switch (mode) {
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}
