import type { SloSpec } from './openslo.js';

/** One multi-window burn-rate condition: both windows above `factor` × error budget. */
export interface BurnWindow {
  long: string;
  short: string;
  factor: number;
}

/**
 * The Google SRE workbook's multi-window multi-burn-rate policy (chapter 5, "Alerting on SLOs"):
 * page on 2% of a 30-day budget in 1 h or 5% in 6 h; ticket on 10% in 1 d or 10% in 3 d.
 */
export const BURN_POLICY = {
  page: [
    { long: '1h', short: '5m', factor: 14.4 },
    { long: '6h', short: '30m', factor: 6 },
  ],
  ticket: [
    { long: '1d', short: '2h', factor: 3 },
    { long: '3d', short: '6h', factor: 1 },
  ],
} as const satisfies Record<string, readonly BurnWindow[]>;

/** Every rate window a recording rule is written for (Sloth's set). */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}
export interface AlertRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertRule)[];
}

/** Sloth's identifying labels of one SLO. */
export function slothLabels(slo: SloSpec): Record<string, string> {
  return { sloth_id: `${slo.service}-${slo.name}`, sloth_service: slo.service, sloth_slo: slo.name };
}

function selector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(', ')}}`;
}

/** The error-ratio expression of one SLO over `window`. */
export function errorRatioExpr(slo: SloSpec, window: string): string {
  const at = (q: string) => q.replaceAll('{{.window}}', window);
  const total = at(slo.totalQuery);
  if (slo.badQuery !== undefined) return `(${at(slo.badQuery)})\n/\n(${total})`;
  return `1 - (\n(${at(slo.goodQuery ?? '')})\n/\n(${total})\n)`;
}

function sliRecordings(slo: SloSpec): RuleGroup {
  const base = slothLabels(slo);
  const rules: RecordingRule[] = SLI_WINDOWS.map((w) => ({
    record: `slo:sli_error:ratio_rate${w}`,
    expr: errorRatioExpr(slo, w),
    labels: { ...base, sloth_window: w },
  }));
  const period = `${slo.periodDays}d`;
  const sel = selector(base);
  rules.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr: `sum_over_time(slo:sli_error:ratio_rate5m${sel}[${period}])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m${sel}[${period}])`,
    labels: { ...base, sloth_window: period },
  });
  return { name: `sloth-slo-sli-recordings-${base.sloth_id}`, rules };
}

function metaRecordings(slo: SloSpec): RuleGroup {
  const base = slothLabels(slo);
  const sel = selector(base);
  const period = `${slo.periodDays}d`;
  const rec = (record: string, expr: string, extra: Record<string, string> = {}): RecordingRule => ({
    record,
    expr,
    labels: { ...base, ...extra },
  });
  return {
    name: `sloth-slo-meta-recordings-${base.sloth_id}`,
    rules: [
      rec('slo:objective:ratio', `vector(${slo.objective})`),
      rec('slo:error_budget:ratio', `vector(1-${slo.objective})`),
      rec('slo:time_period:days', `vector(${slo.periodDays})`),
      rec(
        'slo:current_burn_rate:ratio',
        `slo:sli_error:ratio_rate5m${sel}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${sel}`,
      ),
      rec(
        'slo:period_burn_rate:ratio',
        `slo:sli_error:ratio_rate${period}${sel}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${sel}`,
      ),
      rec('slo:period_error_budget_remaining:ratio', `1 - slo:period_burn_rate:ratio${sel}`),
      rec('sloth_slo_info', 'vector(1)', {
        sloth_mode: 'cli-gen-openslo',
        sloth_objective: String(slo.objective * 100),
      }),
    ],
  };
}

function burnExpr(slo: SloSpec, windows: readonly BurnWindow[]): string {
  const sel = selector(slothLabels(slo));
  const budget = Number((1 - slo.objective).toPrecision(12));
  const above = (w: string, f: number) =>
    `max(slo:sli_error:ratio_rate${w}${sel} > (${f} * ${budget})) without (sloth_window)`;
  return windows
    .map((w) => `(\n${above(w.short, w.factor)}\nand\n${above(w.long, w.factor)}\n)`)
    .join('\nor\n');
}

/** `gateway-availability` → `GatewayAvailability`. */
export function pascal(name: string): string {
  return name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function alerts(slo: SloSpec): RuleGroup {
  const base = slothLabels(slo);
  const rules: AlertRule[] = (['page', 'ticket'] as const).map((severity) => ({
    alert: `${pascal(slo.name)}BurnRate${pascal(severity)}`,
    expr: burnExpr(slo, BURN_POLICY[severity]),
    labels: { ...base, sloth_severity: severity },
    annotations: {
      summary: `${slo.name} is burning its error budget too fast (${severity}).`,
      title: `(${severity}) ${slo.service} ${slo.name} SLO error budget burn rate is too fast.`,
    },
  }));
  return { name: `sloth-slo-alerts-${base.sloth_id}`, rules };
}

/** All Sloth-compatible rule groups (SLI recordings, metadata, alerts) for the SLOs. Pure. */
export function slothRuleGroups(slos: readonly SloSpec[]): RuleGroup[] {
  return slos.flatMap((s) => [sliRecordings(s), metaRecordings(s), alerts(s)]);
}
