import { chaosRuns } from './definitions/chaos-runs.js';
import { fleetRed } from './definitions/fleet-red.js';
import { messaging } from './definitions/messaging.js';
import { resilience } from './definitions/resilience.js';
import { resilienceTrend } from './definitions/resilience-trend.js';
import { sagaHealth } from './definitions/saga-health.js';
import { sloBudget } from './definitions/slo.js';
import type { DashboardSpec } from './model.js';

/** Every generated dashboard, in the order docs/stack.md lists them. */
export const DASHBOARDS: readonly DashboardSpec[] = [
  fleetRed,
  sagaHealth,
  messaging,
  resilience,
  sloBudget,
  chaosRuns,
  resilienceTrend,
];

/** One PromQL query of one panel, as written (template variables not substituted). */
export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

/** The dashboards whose series come from `kind` (DashboardSpec.series; default `fleet`). */
export function dashboardsOf(
  kind: NonNullable<DashboardSpec['series']>,
  dashboards: readonly DashboardSpec[] = DASHBOARDS,
): DashboardSpec[] {
  return dashboards.filter((d) => (d.series ?? 'fleet') === kind);
}

/** Every panel's PromQL across all dashboards, for checks against a real Prometheus. */
export function panelQueries(dashboards: readonly DashboardSpec[] = DASHBOARDS): PanelQuery[] {
  return dashboards.flatMap((d) =>
    d.rows.flatMap((r) =>
      r.panels.flatMap((p) => p.queries.map((q) => ({ dashboard: d.uid, panel: p.title, expr: q.expr }))),
    ),
  );
}

/** Values that make every template variable match everything (what "All" selects). */
export const ALL_VALUES: Readonly<Record<string, string>> = {
  job: '.+',
  route: '.+',
  queue: '.+',
  slo: '.+',
  branch: '.+',
  experiment: '.+',
};

/**
 * Substitutes Grafana template variables in a query: `$__rate_interval` with `rateInterval`
 * (default 1m) and `$name` from `values` (default: match-all). Throws on an unknown variable.
 */
export function substituteVariables(
  expr: string,
  values: Record<string, string> = ALL_VALUES,
  rateInterval = '1m',
): string {
  return expr.replaceAll('$__rate_interval', rateInterval).replace(/\$([a-z_]+)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`query uses unknown template variable $${name}: ${expr}`);
    return v;
  });
}
