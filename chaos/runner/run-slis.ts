import type { PrometheusClient } from '../assertions/promql/prometheus-client.js';
import { describeError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { SliSeries } from '../report/journal.js';

/** An SLI to chart in the report: a PromQL expression giving one series. */
export interface SliQuery {
  name: string;
  unit: string;
  query: string;
  objective?: string;
}

/**
 * The gateway's server-side SLIs, from the fleet's own `/metrics` (the OTel Prometheus exporter
 * names `http.server.request.duration` `http_server_request_duration`, in seconds).
 */
export const GATEWAY_SLIS: readonly SliQuery[] = [
  {
    name: 'gateway p99 latency',
    unit: 'ms',
    query:
      'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_bucket{job="gateway"}[5s]))) * 1000',
  },
  {
    name: 'gateway 5xx ratio',
    unit: 'ratio',
    query:
      '(sum(rate(http_server_request_duration_count{job="gateway", http_response_status_code=~"5.."}[5s])) or vector(0))' +
      ' / sum(rate(http_server_request_duration_count{job="gateway"}[5s]))',
  },
];

/** Pure: the SLIs of a run: the gateway's, plus the SLI of every recovery check, with its objective. */
export function sliQueries(plan: ResolvedPlan): SliQuery[] {
  const fromChecks = plan.checks.flatMap((c) =>
    c.spec.type === 'recovery'
      ? [{ name: c.spec.sli, unit: '', query: c.spec.query, objective: c.spec.sliObjective }]
      : [],
  );
  return [...GATEWAY_SLIS, ...fromChecks];
}

/**
 * Reads each SLI over the run ([t0, t0 + endMs], 1 s steps) for the report's "Server SLIs"
 * charts. Offsets are ms since `t0`, like the load series. A query that fails or returns nothing
 * is left out with a log line; it never fails the run.
 */
export async function collectSlis(
  plan: ResolvedPlan,
  prometheus: PrometheusClient,
  t0: number,
  endMs: number,
  log: (line: string) => void,
): Promise<SliSeries[]> {
  const out: SliSeries[] = [];
  for (const sli of sliQueries(plan)) {
    try {
      const series = await prometheus.queryRange(sli.query, t0, t0 + endMs, 1000);
      const first = series[0];
      if (!first || first.points.length === 0) {
        log(`sli ${sli.name}: no data`);
        continue;
      }
      out.push({
        name: sli.name,
        unit: sli.unit,
        ...(sli.objective ? { objective: sli.objective } : {}),
        points: first.points.map((p) => ({
          tMs: p.tMs - t0,
          value: Number.isFinite(p.value) ? p.value : null,
        })),
      });
    } catch (err) {
      log(`sli ${sli.name}: not read: ${describeError(err)}`);
    }
  }
  return out;
}
