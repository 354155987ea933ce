import * as hdr from 'hdr-histogram-js';

/** Percentiles reported for every trend (k6 `summaryTrendStats` plus p(99) and p(99.9)). */
export const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'] as const;

// Values are stored in microseconds so sub-millisecond loopback latencies keep their precision.
const US_PER_MS = 1000;

/**
 * A latency distribution: an HDR histogram (3 significant digits, auto-resizing) for percentiles,
 * plus exact count, sum, min and max. Values in ms.
 */
export class Trend {
  private readonly histogram = hdr.build({ numberOfSignificantValueDigits: 3, autoResize: true });
  private n = 0;
  private sumMs = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = 0;

  /** Records one sample (ms, >= 0). */
  add(valueMs: number): void {
    const v = Math.max(0, valueMs);
    this.histogram.recordValue(Math.round(v * US_PER_MS));
    this.n++;
    this.sumMs += v;
    this.minMs = Math.min(this.minMs, v);
    this.maxMs = Math.max(this.maxMs, v);
  }

  /** Adds every sample of `other` into this trend. */
  merge(other: Trend): void {
    this.histogram.add(other.histogram);
    this.n += other.n;
    this.sumMs += other.sumMs;
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  get count(): number {
    return this.n;
  }

  /** The value (ms) at percentile `p` in [0, 100]; 0 when empty. */
  percentile(p: number): number {
    return this.n === 0 ? 0 : this.histogram.getValueAtPercentile(p) / US_PER_MS;
  }

  /**
   * k6 trend values: avg, min, med, max, p(90), p(95), p(99), p(99.9), all in ms, plus `count`
   * (k6's `count` trend stat), so a threshold on an empty trend is seen as "no samples".
   */
  values(): Record<string, number> {
    if (this.n === 0) return { ...Object.fromEntries(TREND_STATS.map((s) => [s, 0])), count: 0 };
    return {
      count: this.n,
      avg: this.sumMs / this.n,
      min: this.minMs,
      med: this.percentile(50),
      max: this.maxMs,
      'p(90)': this.percentile(90),
      'p(95)': this.percentile(95),
      'p(99)': this.percentile(99),
      'p(99.9)': this.percentile(99.9),
    };
  }
}
