/**
 * A log-bucketed histogram of non-negative values (ms) for quantiles over large populations in
 * bounded memory: buckets grow by 1% from 1 µs, so a quantile is within 0.5% of the exact value
 * (values under 1 µs count as 0). Zeros are kept apart; `quantile` may add zeros not recorded
 * (traces where a component is absent contribute 0).
 */
export class LogHistogram {
  private static readonly MIN_MS = 0.001;
  private static readonly LOG_STEP = Math.log(1.01);
  private buckets = new Float64Array(256);
  private zeros = 0;
  /** Values recorded, zeros included. */
  count = 0;

  record(valueMs: number): void {
    this.count++;
    if (!(valueMs >= LogHistogram.MIN_MS)) {
      this.zeros++;
      return;
    }
    const b = Math.floor(Math.log(valueMs / LogHistogram.MIN_MS) / LogHistogram.LOG_STEP);
    if (b >= this.buckets.length) {
      const grown = new Float64Array(Math.max(b + 1, this.buckets.length * 2));
      grown.set(this.buckets);
      this.buckets = grown;
    }
    this.buckets[b]!++;
  }

  /**
   * The q-quantile (0..1, nearest rank) of the recorded values plus `extraZeros` zeros; null when
   * there are none at all.
   */
  quantile(q: number, extraZeros = 0): number | null {
    const total = this.count + extraZeros;
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = this.zeros + extraZeros;
    if (rank <= seen) return 0;
    for (let b = 0; b < this.buckets.length; b++) {
      seen += this.buckets[b]!;
      if (seen >= rank) return LogHistogram.MIN_MS * Math.exp((b + 0.5) * LogHistogram.LOG_STEP);
    }
    return null;
  }
}
