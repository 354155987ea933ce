import { parsePromql } from '../assertions/promql/promql-syntax.js';
import { didYouMean } from './closest-name.js';
import type { SourceContext } from './issue-to-problem.js';
import { formatPath, type Problem } from './problem.js';
import { promqlQueries, queryPosition } from './promql-rules.js';
import { SCRAPED_METRIC_NAMES, SCRAPED_METRIC_PREFIXES } from './scraped-metric-names.js';
import { TELEMETRY_NAMES_FILE } from './read-known-metrics.js';

/** Recording rules are named `level:metric:operations`; a plain metric never has a colon. */
const isRecordingRule = (name: string): boolean => name.includes(':');

/**
 * Warns when a PromQL query selects a metric that is neither in the fleet's telemetry-name
 * contract nor one of the series a run scrapes from elsewhere: most often a typo that would make
 * the check inconclusive (no data) at the end of a run. A warning, not an error: a user's own
 * metrics are legitimate. Queries with a syntax error are left to the syntax rule.
 */
export function checkMetricNames(ctx: SourceContext, knownMetrics: readonly string[] | undefined): Problem[] {
  if (knownMetrics === undefined) return [];
  const known = new Set([...knownMetrics, ...SCRAPED_METRIC_NAMES]);
  const candidates = [...known];
  const problems: Problem[] = [];
  for (const { path, query } of promqlQueries(ctx.data)) {
    const { error, metricNames } = parsePromql(query);
    if (error !== undefined) continue;
    for (const { name, position } of metricNames) {
      if (known.has(name) || isRecordingRule(name) || SCRAPED_METRIC_PREFIXES.some((p) => name.startsWith(p)))
        continue;
      const { line, column } = queryPosition(ctx, path, position);
      problems.push({
        file: ctx.file,
        line,
        column,
        path: formatPath(path),
        message: `metric \`${name}\` is not in the fleet's telemetry-name contract (${TELEMETRY_NAMES_FILE})`,
        hint:
          didYouMean(name, candidates) ??
          'fine if it is your own metric; otherwise the check will find no data',
        severity: 'warning',
      });
    }
  }
  return problems;
}
