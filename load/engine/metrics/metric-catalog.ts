/** k6 metric types and what their values contain. */
export const METRIC_TYPES = ['counter', 'gauge', 'rate', 'trend'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];
export type MetricContains = 'default' | 'time';

/**
 * Every metric the built-in engine emits, with k6's names, types and units. The single source of
 * truth for the summary and docs/load.md (checked by a test).
 */
export const METRIC_CATALOG = {
  http_reqs: { type: 'counter', contains: 'default' },
  http_req_duration: { type: 'trend', contains: 'time' },
  http_req_failed: { type: 'rate', contains: 'default' },
  iterations: { type: 'counter', contains: 'default' },
  iteration_duration: { type: 'trend', contains: 'time' },
  dropped_iterations: { type: 'counter', contains: 'default' },
  checks: { type: 'rate', contains: 'default' },
  order_time_to_terminal: { type: 'trend', contains: 'time' },
  vus: { type: 'gauge', contains: 'default' },
  vus_max: { type: 'gauge', contains: 'default' },
} as const satisfies Record<string, { type: MetricType; contains: MetricContains }>;

export type MetricName = keyof typeof METRIC_CATALOG;
export type TrendMetric = {
  [K in MetricName]: (typeof METRIC_CATALOG)[K]['type'] extends 'trend' ? K : never;
}[MetricName];
export type CounterMetric = {
  [K in MetricName]: (typeof METRIC_CATALOG)[K]['type'] extends 'counter' ? K : never;
}[MetricName];
export type RateMetric = {
  [K in MetricName]: (typeof METRIC_CATALOG)[K]['type'] extends 'rate' ? K : never;
}[MetricName];
export type GaugeMetric = {
  [K in MetricName]: (typeof METRIC_CATALOG)[K]['type'] extends 'gauge' ? K : never;
}[MetricName];
