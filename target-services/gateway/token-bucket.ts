/**
 * A token bucket per client, pure (the caller passes the clock). A bucket holds up to `burst`
 * tokens and refills at `ratePerSec`; each request takes one token or is refused.
 *
 * ```
 *   refill ratePerSec ──► [ tokens ≤ burst ] ──take 1──► allowed
 *                                  │ < 1 token
 *                                  └──────────────────► refused, retry after (1 − tokens) / rate
 * ```
 */
export interface BucketSettings {
  ratePerSec: number;
  burst: number;
}

/** What a take tells the caller (all in whole units, ready for headers). */
export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** Seconds until the bucket is full again (0 when full). */
  resetSec: number;
  /** Seconds until one token is available again (0 when allowed). */
  retryAfterSec: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Buckets keyed by client id, bounded to `maxClients`. When full, buckets that have refilled
 * completely are dropped first (a full bucket is the same as a new one), then the least recently
 * used ones.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly settings: BucketSettings,
    private readonly maxClients = 10_000,
  ) {}

  /** Takes one token from `client`'s bucket at time `nowMs`. */
  take(client: string, nowMs: number): TakeResult {
    const { ratePerSec, burst } = this.settings;
    const prior = this.buckets.get(client);
    const elapsedSec = prior ? Math.max(0, nowMs - prior.atMs) / 1000 : 0;
    const tokens = prior ? Math.min(burst, prior.tokens + elapsedSec * ratePerSec) : burst;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    this.buckets.delete(client);
    if (this.buckets.size >= this.maxClients) this.evict(nowMs);
    this.buckets.set(client, { tokens: left, atMs: nowMs });
    return {
      allowed,
      remaining: Math.floor(left),
      resetSec: Math.ceil((burst - left) / ratePerSec),
      retryAfterSec: allowed ? 0 : Math.max(1, Math.ceil((1 - left) / ratePerSec)),
    };
  }

  /** Number of clients tracked. */
  get size(): number {
    return this.buckets.size;
  }

  private evict(nowMs: number): void {
    const { ratePerSec, burst } = this.settings;
    for (const [client, b] of this.buckets)
      if (b.tokens + (Math.max(0, nowMs - b.atMs) / 1000) * ratePerSec >= burst) this.buckets.delete(client);
    // Then the least recently used (Map order is insertion order; take re-inserts), down to 90%
    // so that the scan above runs once per many new clients, not once per request.
    const target = Math.floor(this.maxClients * 0.9);
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= target) break;
      this.buckets.delete(client);
    }
  }
}
