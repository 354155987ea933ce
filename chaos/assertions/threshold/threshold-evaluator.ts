import { FaultlineError } from '../../errors.js';
import type { CheckResult, Evidence, Verdict } from '../../verdict.js';
import { compare } from './comparison.js';
import { AGGREGATIONS_BY_TYPE, type K6Metric, type K6Summary } from './k6-summary.js';
import { parseThreshold, type ThresholdAst } from './threshold-parser.js';

/** One threshold to check: a metric (or sub-metric) name and its expression. */
export interface ThresholdCheck {
  /** Stable id of the check in the report. */
  id: string;
  /** k6 metric name, e.g. `http_req_duration` or `http_req_duration{phase:inject}`. */
  metric: string;
  /** The expression text, e.g. `p(99)<800`, or an already parsed AST. */
  threshold: string | ThresholdAst;
}

/**
 * Evaluates one k6 threshold over a summary. Pure.
 *
 * - missing metric, zero samples, or an absent/non-finite value (e.g. a percentile the summary did
 *   not compute) → `inconclusive` with the reason;
 * - otherwise `pass` or `fail` by the comparison.
 *
 * @throws ExpressionError for a malformed expression; FaultlineError `ERR_INPUT_THRESHOLD_AGGREGATION`
 *   when the aggregation does not exist for the metric's type (e.g. `rate` on a trend).
 */
export function evaluateThreshold(check: ThresholdCheck, summary: K6Summary): CheckResult {
  const ast = typeof check.threshold === 'string' ? parseThreshold(check.threshold) : check.threshold;
  const title = `${check.metric} ${ast.source}`;
  const metric = findMetric(summary, check.metric);
  const result = (verdict: Verdict, reason: string, evidence: Evidence = {}): CheckResult => ({
    id: check.id,
    kind: 'threshold',
    title,
    verdict,
    reason,
    evidence: { objective: ast.source, ...evidence },
  });
  if (metric === undefined) {
    return result(
      'inconclusive',
      `metric ${check.metric} is not in the load summary (no samples were recorded)`,
    );
  }
  assertAggregationFits(check.metric, metric, ast);
  const samples = sampleCount(metric);
  if (samples === 0) return result('inconclusive', `metric ${check.metric} has zero samples`, { samples });
  // p(50) is the median, which k6 summaries carry as `med`.
  const observed =
    metric.values[ast.valueKey] ?? (ast.valueKey === 'p(50)' ? metric.values['med'] : undefined);
  if (typeof observed !== 'number' || !Number.isFinite(observed)) {
    const known = Object.keys(metric.values).join(', ');
    return result(
      'inconclusive',
      `${ast.valueKey} of ${check.metric} is not in the summary (it has: ${known})`,
    );
  }
  const ok = compare(observed, ast.operator, ast.limit);
  const evidence: Evidence = samples === undefined ? { observed } : { observed, samples };
  const relation = ok ? 'satisfies' : 'violates';
  return result(
    ok ? 'pass' : 'fail',
    `${ast.valueKey} of ${check.metric} was ${observed}, which ${relation} ${ast.source}`,
    evidence,
  );
}

/** Exact name first; then the same name with the whitespace inside `{...}` removed. */
function findMetric(summary: K6Summary, name: string): K6Metric | undefined {
  const exact = summary.metrics[name];
  if (exact !== undefined) return exact;
  const squeeze = (n: string): string => n.replace(/\s+/g, '');
  const key = Object.keys(summary.metrics).find((k) => squeeze(k) === squeeze(name));
  return key === undefined ? undefined : summary.metrics[key];
}

function assertAggregationFits(name: string, metric: K6Metric, ast: ThresholdAst): void {
  const allowed = AGGREGATIONS_BY_TYPE[metric.type];
  if (allowed === undefined) {
    throw new FaultlineError(
      'ERR_INPUT_THRESHOLD_METRIC_TYPE',
      `metric ${name} has unknown type ${String(metric.type)}`,
    );
  }
  if (!allowed.includes(ast.aggregation)) {
    const list = allowed.map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
    throw new FaultlineError(
      'ERR_INPUT_THRESHOLD_AGGREGATION',
      `threshold \`${ast.source}\` on ${name}: ${ast.aggregation === 'p' ? 'p(N)' : ast.aggregation} does not apply to a ${metric.type} metric (use ${list})`,
    );
  }
}

/**
 * How many samples the metric aggregated, when the summary says so: a rate's passes + fails, a
 * trend's optional `count`. Counters and gauges carry no sample count (a counter at 0 is data).
 */
function sampleCount(metric: K6Metric): number | undefined {
  const { values } = metric;
  if (metric.type === 'rate' && typeof values.passes === 'number' && typeof values.fails === 'number') {
    return values.passes + values.fails;
  }
  if (metric.type === 'trend' && typeof values.count === 'number') return values.count;
  return undefined;
}
