import {
  METRIC_CATALOG,
  type CounterMetric,
  type GaugeMetric,
  type MetricName,
  type RateMetric,
  type TrendMetric,
} from './metric-catalog.js';
import { seriesKey, type Tags } from './tags.js';
import { Trend } from './trend.js';

/** Aggregates of one tagged series, by metric type. */
export type SeriesValue =
  | { type: 'trend'; trend: Trend }
  | { type: 'counter'; count: number }
  | { type: 'rate'; passes: number; fails: number }
  | { type: 'gauge'; value: number; min: number; max: number };

/** One tag set of one metric. */
export interface Series {
  tags: Tags;
  value: SeriesValue;
}

/**
 * In-memory metric samples of one run, aggregated per metric and tag set (no raw samples kept).
 * Pure bookkeeping; the summary builder reads it at the end.
 */
export class MetricsRegistry {
  private readonly store = new Map<MetricName, Map<string, Series>>();

  /** Records a trend sample (ms). */
  trend(name: TrendMetric, valueMs: number, tags: Tags): void {
    const v = this.series(name, tags).value;
    if (v.type === 'trend') v.trend.add(valueMs);
  }

  /** Adds `n` to a counter. */
  count(name: CounterMetric, n: number, tags: Tags): void {
    const v = this.series(name, tags).value;
    if (v.type === 'counter') v.count += n;
  }

  /** Records one pass (`ok`) or fail of a rate. */
  rate(name: RateMetric, ok: boolean, tags: Tags): void {
    const v = this.series(name, tags).value;
    if (v.type !== 'rate') return;
    if (ok) v.passes++;
    else v.fails++;
  }

  /** Sets a gauge (k6 keeps last value, min and max). */
  gauge(name: GaugeMetric, value: number, tags: Tags = {}): void {
    const v = this.series(name, tags).value;
    if (v.type !== 'gauge') return;
    v.value = value;
    v.min = Math.min(v.min, value);
    v.max = Math.max(v.max, value);
  }

  /** Every series of `name` (empty when never recorded). */
  seriesOf(name: MetricName): Series[] {
    return [...(this.store.get(name)?.values() ?? [])];
  }

  /** Names of the metrics recorded so far. */
  names(): MetricName[] {
    return [...this.store.keys()];
  }

  private series(name: MetricName, tags: Tags): Series {
    let byKey = this.store.get(name);
    if (!byKey) this.store.set(name, (byKey = new Map<string, Series>()));
    const key = seriesKey(tags);
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = { tags: { ...tags }, value: emptyValue(name) }));
    return series;
  }
}

function emptyValue(name: MetricName): SeriesValue {
  switch (METRIC_CATALOG[name].type) {
    case 'trend':
      return { type: 'trend', trend: new Trend() };
    case 'counter':
      return { type: 'counter', count: 0 };
    case 'rate':
      return { type: 'rate', passes: 0, fails: 0 };
    case 'gauge':
      return { type: 'gauge', value: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  }
}
