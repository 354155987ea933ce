import type { K6SummaryData, K6SummaryMetric } from '../../../load/engine/metrics/k6-summary.js';
import type { PromSeries } from '../../assertions/promql/prom-series.js';
import { K6 } from '../contract.js';

/**
 * The load figures of a k6-operator run, read back from what its runners remote-wrote to
 * Prometheus (`k6_*` series tagged `testid=<run id>`, one scenario per phase), in the k6 summary
 * shape the other engines produce, so the same threshold checks read them:
 *
 *   counters  k6_<m>_total            → <m>{phase:P} count, rate (per second of the phase)
 *   failures  k6_http_reqs_total{expected_response="false"} / k6_http_reqs_total → http_req_failed rate
 *   trends    k6_http_req_duration_<stat> (seconds) → http_req_duration{phase:P} stats in ms
 *
 * Runners write cumulative trend statistics; with several runners the phase's statistic is the
 * worst runner's (max), an upper bound of the true percentile.
 */

/** The PromQL the summary needs, each `by (scenario)`, at the end of the run over `rangeS` seconds. */
export function summaryQueries(runId: string, rangeS: number): Record<string, string> {
  const sel = (extra = ''): string => `{testid="${runId.replace(/["\\]/g, '')}"${extra}}`;
  const total = (metric: string, extra = ''): string =>
    `sum by (scenario) (max_over_time(k6_${metric}_total${sel(extra)}[${rangeS}s]))`;
  const queries: Record<string, string> = {
    http_reqs: total('http_reqs'),
    http_reqs_failed: total('http_reqs', ',expected_response="false"'),
    iterations: total('iterations'),
    dropped_iterations: total('dropped_iterations'),
  };
  for (const stat of K6.trendStats)
    queries[`duration:${stat}`] =
      `max by (scenario) (last_over_time(k6_http_req_duration_${promStat(stat)}${sel()}[${rangeS}s]))`;
  return queries;
}

/** `p(99)` → `p99`, as the remote-write output names trend series. */
function promStat(stat: string): string {
  return stat.replace(/[()]/g, '');
}

/** Phase name → its duration in ms. */
export type PhaseDurations = Readonly<Record<string, number>>;

/** Builds the k6-shaped summary from the query results (pure). Phases without data get zeros. */
export function summaryFromSeries(
  results: Readonly<Record<string, readonly PromSeries[]>>,
  phases: PhaseDurations,
): K6SummaryData {
  const byPhase = (key: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const s of results[key] ?? []) {
      const phase = s.labels['scenario'];
      const value = s.points.at(-1)?.value;
      if (phase !== undefined && value !== undefined && Number.isFinite(value)) out[phase] = value;
    }
    return out;
  };
  const metrics: Record<string, K6SummaryMetric> = {};
  const counter = (name: string, key: string): void => {
    const values = byPhase(key);
    let all = 0;
    let allMs = 0;
    for (const [phase, ms] of Object.entries(phases)) {
      const count = values[phase] ?? 0;
      all += count;
      allMs += ms;
      metrics[`${name}{phase:${phase}}`] = {
        type: 'counter',
        contains: 'default',
        values: { count, rate: rate(count, ms) },
      };
    }
    metrics[name] = { type: 'counter', contains: 'default', values: { count: all, rate: rate(all, allMs) } };
  };
  counter('http_reqs', 'http_reqs');
  counter('iterations', 'iterations');
  counter('dropped_iterations', 'dropped_iterations');
  const reqs = byPhase('http_reqs');
  const failed = byPhase('http_reqs_failed');
  const failedRate = (f: number, n: number): K6SummaryMetric => ({
    type: 'rate',
    contains: 'default',
    values: { rate: n === 0 ? 0 : f / n, passes: f, fails: n - f },
  });
  let allFailed = 0;
  let allReqs = 0;
  for (const phase of Object.keys(phases)) {
    allFailed += failed[phase] ?? 0;
    allReqs += reqs[phase] ?? 0;
    metrics[`http_req_failed{phase:${phase}}`] = failedRate(failed[phase] ?? 0, reqs[phase] ?? 0);
  }
  metrics['http_req_failed'] = failedRate(allFailed, allReqs);
  const stats = Object.fromEntries(K6.trendStats.map((s) => [s, byPhase(`duration:${s}`)]));
  const trend = (pick: (values: Record<string, number>) => number): K6SummaryMetric => ({
    type: 'trend',
    contains: 'time',
    values: Object.fromEntries(K6.trendStats.map((s) => [s, pick(stats[s] ?? {}) * 1000])),
  });
  for (const phase of Object.keys(phases))
    metrics[`http_req_duration{phase:${phase}}`] = trend((v) => v[phase] ?? 0);
  metrics['http_req_duration'] = trend((v) => Math.max(0, ...Object.values(v)));
  const durationMs = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
    options: { summaryTrendStats: [...K6.trendStats], summaryTimeUnit: '', noColor: true },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: durationMs },
    metrics,
  };
}

function rate(count: number, ms: number): number {
  return ms <= 0 ? 0 : count / (ms / 1000);
}
