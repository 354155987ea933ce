import { METRICS } from '../target-services/contracts/telemetry-names.js';

/** Panel visualisations the generator renders. */
export const PANEL_KINDS = ['timeseries', 'stat', 'state-timeline', 'annotations'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** One PromQL target of a panel; may use the dashboard's template variables and `$__rate_interval`. */
export interface QuerySpec {
  expr: string;
  legend?: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  kind: PanelKind;
  /** Grafana unit id (`s`, `percentunit`, `reqps`, `short`). */
  unit?: string;
  queries: readonly QuerySpec[];
  /** For `annotations` panels: Grafana annotation tags to list. */
  tags?: readonly string[];
  /** Width in grid columns (of 24); default 12. */
  width?: number;
  /** Value → text and colour (e.g. a verdict's 1 → pass, green); shown by stat and state-timeline. */
  states?: readonly StateSpec[];
  /** For `timeseries`: draw a dashed line at this value (e.g. 0, where a margin turns into a failure). */
  lineAt?: number;
}

/** One value mapping of a panel. */
export interface StateSpec {
  value: number;
  text: string;
  /** Grafana colour name (`green`, `red`, `orange`, `gray`, …). */
  color: string;
}

/** A Grafana query variable over Prometheus label values (multi-select with All = `.+`). */
export interface VariableSpec {
  name: string;
  label: string;
  /** e.g. `label_values(http_server_request_duration_count, job)`. */
  query: string;
}

export interface RowSpec {
  title: string;
  panels: readonly PanelSpec[];
}

export interface DashboardSpec {
  uid: string;
  title: string;
  /** The question this dashboard answers (shown as its description and in docs/stack.md). */
  question: string;
  tags: readonly string[];
  variables: readonly VariableSpec[];
  rows: readonly RowSpec[];
  /** Grafana annotation tags overlaid on every panel (fault windows). */
  annotationTags?: readonly string[];
  /** Default time range; default the last hour. */
  time?: { from: string; to: string };
  /** Auto-refresh interval; default 30s. */
  refresh?: string;
  /**
   * Where the panels' series come from: `fleet` (scraped from the running fleet, RabbitMQ, the
   * proxy and the SLO rules; the default) or `nightly-history` (`faultline suite export
   * --openmetrics`, backfilled). Each is checked against a real Prometheus holding that kind.
   */
  series?: 'fleet' | 'nightly-history';
}

/** Prometheus series base name of a registered metric (telemetry-names.ts). */
export const m = (key: keyof typeof METRICS): string => METRICS[key].prometheus;

/** `rate(<series><selector>[$__rate_interval])`. */
export const rate = (series: string, selector = ''): string => `rate(${series}${selector}[$__rate_interval])`;

/** `histogram_quantile(q, sum by (le, <by>) (rate(<hist>_bucket<selector>[...])))`. */
export function quantile(q: number, histogram: string, selector: string, by: string): string {
  const labels = by === '' ? 'le' : `le, ${by}`;
  return `histogram_quantile(${q}, sum by (${labels}) (${rate(`${histogram}_bucket`, selector)}))`;
}

/** The Grafana annotation tag the experiment runner puts on fault windows. */
export const FAULT_TAG = 'faultline-fault';
