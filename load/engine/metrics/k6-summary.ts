import { METRIC_CATALOG, type MetricName } from './metric-catalog.js';
import type { MetricsRegistry, Series } from './metrics-registry.js';
import { SUBMETRIC_TAGS, submetricName } from './tags.js';
import { TREND_STATS, Trend } from './trend.js';

/** One metric in k6's `handleSummary` data. */
export interface K6SummaryMetric {
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  contains: 'default' | 'time';
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

/** A named check with its pass and fail counts, as in k6's `root_group.checks`. */
export interface K6Check {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

/** The subset of k6's `handleSummary(data)` shape both engines produce and one reader reads. */
export interface K6SummaryData {
  root_group: { name: string; path: string; id: string; groups: unknown[]; checks: K6Check[] };
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, K6SummaryMetric>;
}

/**
 * Builds k6-shaped summary data from the registry: each metric over all series, plus one
 * sub-metric per value of each tag in {@link SUBMETRIC_TAGS} (`http_req_duration{phase:inject}`),
 * and per value of the others within each phase (`http_req_duration{name:GET /v1/products,phase:inject}`).
 * Counter `rate` is per second of `testRunDurationMs`. Pure.
 */
export function buildK6Summary(registry: MetricsRegistry, testRunDurationMs: number): K6SummaryData {
  const metrics: Record<string, K6SummaryMetric> = {};
  for (const name of registry.names()) {
    const all = registry.seriesOf(name);
    metrics[name] = summarize(name, all, testRunDurationMs);
    for (const key of SUBMETRIC_TAGS) {
      const values = new Set(all.flatMap((s) => (s.tags[key] === undefined ? [] : [s.tags[key]])));
      for (const value of values) {
        const matching = all.filter((s) => s.tags[key] === value);
        metrics[submetricName(name, key, value)] = summarize(name, matching, testRunDurationMs);
        if (key === 'phase') continue;
        // The same tag within each phase, keyed the way a phase-scoped profile threshold names it.
        const phases = new Set(
          matching.flatMap((s) => (s.tags['phase'] === undefined ? [] : [s.tags['phase']])),
        );
        for (const phase of phases) {
          const inPhase = matching.filter((s) => s.tags['phase'] === phase);
          metrics[`${name}{${key}:${value},phase:${phase}}`] = summarize(name, inPhase, testRunDurationMs);
        }
      }
    }
  }
  return {
    root_group: {
      name: '',
      path: '',
      id: 'd41d8cd98f00b204e9800998ecf8427e',
      groups: [],
      checks: checks(registry),
    },
    options: { summaryTrendStats: [...TREND_STATS], summaryTimeUnit: '', noColor: false },
    state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs },
    metrics,
  };
}

function summarize(name: MetricName, series: Series[], durationMs: number): K6SummaryMetric {
  const { type, contains } = METRIC_CATALOG[name];
  return { type, contains, values: mergedValues(type, series, durationMs) };
}

function mergedValues(
  type: K6SummaryMetric['type'],
  series: Series[],
  durationMs: number,
): Record<string, number> {
  const seconds = Math.max(durationMs, 1) / 1000;
  switch (type) {
    case 'trend': {
      const merged = new Trend();
      for (const s of series) if (s.value.type === 'trend') merged.merge(s.value.trend);
      return merged.values();
    }
    case 'counter': {
      const count = series.reduce((sum, s) => sum + (s.value.type === 'counter' ? s.value.count : 0), 0);
      return { count, rate: count / seconds };
    }
    case 'rate': {
      let passes = 0;
      let fails = 0;
      for (const s of series) {
        if (s.value.type !== 'rate') continue;
        passes += s.value.passes;
        fails += s.value.fails;
      }
      return { rate: passes + fails === 0 ? 0 : passes / (passes + fails), passes, fails };
    }
    case 'gauge': {
      const gauges = series.flatMap((s) => (s.value.type === 'gauge' ? [s.value] : []));
      return {
        value: gauges.reduce((sum, g) => sum + g.value, 0),
        min: Math.min(...gauges.map((g) => g.min)),
        max: Math.max(...gauges.map((g) => g.max)),
      };
    }
  }
}

function checks(registry: MetricsRegistry): K6Check[] {
  const byName = new Map<string, K6Check>();
  for (const s of registry.seriesOf('checks')) {
    const name = s.tags['check'] ?? '';
    const check = byName.get(name) ?? { name, path: `::${name}`, id: name, passes: 0, fails: 0 };
    if (s.value.type === 'rate') {
      check.passes += s.value.passes;
      check.fails += s.value.fails;
    }
    byName.set(name, check);
  }
  return [...byName.values()];
}
