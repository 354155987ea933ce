/**
 * What the completions per bucket of the load window say about the fleet (order/saga-load.ts).
 * `counts` are the sagas that became terminal in each complete bucket of the window, oldest first,
 * empty buckets included.
 * - `median`: the lower median of the non-empty buckets (0 when all are empty). The median, because
 *   a fleet completes in bursts after a stall (one bucket holding the last steps of a backlog would
 *   overstate what it can do); without empty buckets, because a stall is not a loss of capacity;
 *   and without the buckets next to an empty one when others remain, because a stall began or ended
 *   inside them: a broker outage left [50, 4, 0, 0, 7, 150], whose lower median of the non-empty
 *   (7) shed orders 7 s after the broker was back.
 * - `stalled`: completions stopped for a whole bucket after they had begun in the window: the fleet
 *   waited on something (a broker outage the outbox absorbs, a paused service), so the rate it
 *   showed was what the demand asked for, not what it can do, and a backlog drains faster once the
 *   stall ends. Empty buckets before the first completion (a cold or idle fleet) are not a stall.
 * - `steady`: every bucket had completions, so the median is a rate the fleet kept up for the whole
 *   window (CompletionRate remembers it).
 */
export function summariseBuckets(counts: readonly number[]): {
  median: number;
  stalled: boolean;
  steady: boolean;
} {
  const nonEmpty = counts.filter((n) => n > 0);
  // A bucket's neighbour outside the window is unknown, and taken as not empty.
  const whole = counts.filter((n, i) => n > 0 && (counts[i - 1] ?? 1) > 0 && (counts[i + 1] ?? 1) > 0);
  const kept = (whole.length > 0 ? whole : nonEmpty).sort((a, b) => a - b);
  const median = kept.length === 0 ? 0 : (kept[Math.floor((kept.length - 1) / 2)] ?? 0);
  const first = counts.findIndex((n) => n > 0);
  const stalled = first >= 0 && counts.slice(first + 1).some((n) => n === 0);
  const steady = counts.length > 0 && nonEmpty.length === counts.length;
  return { median, stalled, steady };
}

/** How long the rate of the last steady window stands in for a window that holds a stall (ms). */
export const STEADY_RATE_HOLD_MS = 300_000;

/** The completion rate order reports, per bucket, and where it came from. */
export interface RateReading {
  perBucket: number;
  /** The window held a stall: the gateway then allows the whole deadline (gateway/shed-rule.ts). */
  stalled: boolean;
  /** `window`: measured on the current window; `before-stall`: the last steady window's. */
  from: 'window' | 'before-stall';
}

/**
 * The completion rate across stalls. A window that holds a stall has only the buckets around it
 * left to measure, and those describe the stall, not the fleet: in broker-app-restart the window
 * 25 s after the broker went down held [49, 18, 0, 0, 0, 1], then [18, 0, 0, 0, 1, 18], and the
 * gateway shed 35 orders at 3.6/s while the fleet, back at work, finished its backlog of 220 sagas
 * at over 40/s. So the rate of the last window with completions in every bucket is remembered, and
 * while the window has an empty bucket (a stall under way, ended within it, or longer than it) the
 * higher of the two is reported, for up to `holdMs` after that steady window. That rate is what
 * the demand asked for before the stall, so a lower bound of what the fleet can do. Past the hold,
 * or with no steady window yet (a cold fleet), the window's own summary stands.
 */
export class CompletionRate {
  #steady: { perBucket: number; atMs: number } | undefined;

  constructor(private readonly holdMs = STEADY_RATE_HOLD_MS) {}

  read(counts: readonly number[], nowMs: number): RateReading {
    const s = summariseBuckets(counts);
    if (s.steady) {
      this.#steady = { perBucket: s.median, atMs: nowMs };
      return { perBucket: s.median, stalled: false, from: 'window' };
    }
    const held = this.#steady && nowMs - this.#steady.atMs <= this.holdMs ? this.#steady.perBucket : 0;
    if (held > s.median) return { perBucket: held, stalled: true, from: 'before-stall' };
    return { perBucket: s.median, stalled: s.stalled, from: 'window' };
  }
}
