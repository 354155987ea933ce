/**
 * A retry budget as a token bucket, so retries cannot multiply load during an outage:
 *
 * ```
 *   every call  ── deposit `ratio` tokens ──►  [ bucket, at most `burst` tokens ]
 *   every retry ◄── withdraw 1 token ─────────  (no whole token left → do not retry)
 * ```
 *
 * Over any window, retries ≤ burst + ratio × calls. With the default ratio 0.2, a full outage
 * adds at most 20 % extra calls (plus the initial burst), instead of (attempts − 1) × 100 %.
 * Pure: no clock, no I/O.
 */
export class RetryBudget {
  private tokens: number;

  /**
   * @param ratio tokens earned per call (0–1; 0.2 = retries up to 20 % of calls)
   * @param burst starting balance and bucket size (retries allowed before any call earned one); the
   *   bucket always holds at least one token so that a zero burst still lets earned retries happen
   */
  constructor(
    readonly ratio: number,
    readonly burst: number,
  ) {
    if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`retry budget ratio ${ratio} is not in 0..1`);
    if (!(burst >= 0)) throw new RangeError(`retry budget burst ${burst} is negative`);
    this.tokens = burst;
  }

  /** Records one call (first attempts only): earns `ratio` tokens, capped at `max(burst, 1)`. */
  deposit(): void {
    this.tokens = Math.min(Math.max(1, this.burst), this.tokens + this.ratio);
  }

  /** True when a retry may happen now (a whole token is left). Does not spend it. */
  canRetry(): boolean {
    // Tolerates float drift: ten deposits of 0.1 make a whole token.
    return this.tokens >= 1 - 1e-9;
  }

  /** Spends one token for a retry that is happening. */
  withdraw(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }

  /** Tokens left (for tests and diagnostics). */
  get balance(): number {
    return this.tokens;
  }
}
