import { METRICS, type MetricName } from './telemetry-names.js';

/** One metric of the fleet as Prometheus shows it. */
export interface PrometheusMetricEntry {
  /** Base name (`saga_outcomes_total`, `saga_duration`). */
  name: string;
  kind: MetricName['kind'];
  /** Every series name Prometheus holds for it (histograms: `_bucket`, `_sum`, `_count`). */
  series: string[];
  /** Label names (attribute keys with `.` → `_`). */
  labels: string[];
}

/** The document written to `target-services/contracts/telemetry-names.json`. */
export interface TelemetryNamesDocument {
  $comment: string;
  metrics: PrometheusMetricEntry[];
}

/** Where the generated file lives, relative to the repository root. */
export const TELEMETRY_NAMES_JSON = 'target-services/contracts/telemetry-names.json';

function seriesOf(m: MetricName): string[] {
  if (m.kind === 'histogram') return ['_bucket', '_sum', '_count'].map((s) => `${m.prometheus}${s}`);
  return [m.prometheus];
}

/**
 * The fleet's Prometheus names from the telemetry registry, as data for readers that must not
 * import the fleet's code (`faultline validate` warns on a query naming an unknown metric). Pure.
 */
export function telemetryNamesDocument(): TelemetryNamesDocument {
  return {
    $comment:
      'Generated from target-services/contracts/telemetry-names.ts by `node dist/scripts/generate-telemetry-names.js`; do not edit. `faultline validate` reads it.',
    metrics: Object.values(METRICS).map((m: MetricName) => ({
      name: m.prometheus,
      kind: m.kind,
      series: seriesOf(m),
      labels: m.labels.map((l) => l.replace(/\./g, '_')),
    })),
  };
}
