/**
 * The client-side load metrics the thresholds read, in the shape of k6's end-of-test summary
 * (`handleSummary(data)` / `--summary-export`) that the built-in load engine also produces.
 * Sub-metrics are separate entries named the k6 way, e.g. `http_req_duration{phase:inject}`.
 */
export const K6_METRIC_TYPES = ['trend', 'rate', 'counter', 'gauge'] as const;
export type K6MetricType = (typeof K6_METRIC_TYPES)[number];

export interface K6Metric {
  type: K6MetricType;
  /** Aggregated values: trend `p(N)`, `avg`, `med`, `min`, `max`, optional `count`; rate `rate`,
   * `passes`, `fails`; counter `count`, `rate`; gauge `value`, `min`, `max`. */
  values: Record<string, number | null | undefined>;
}

export interface K6Summary {
  metrics: Record<string, K6Metric | undefined>;
}

/** Which threshold aggregations k6 allows on each metric type. */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<K6MetricType, readonly string[]>> = {
  trend: ['p', 'avg', 'med', 'min', 'max'],
  rate: ['rate'],
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
};
