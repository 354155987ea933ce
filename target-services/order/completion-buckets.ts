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
 */
export function summariseBuckets(counts: readonly number[]): { median: number; stalled: boolean } {
  const nonEmpty = counts.filter((n) => n > 0);
  // A bucket's neighbour outside the window is unknown, and taken as not empty.
  const whole = counts.filter((n, i) => n > 0 && (counts[i - 1] ?? 1) > 0 && (counts[i + 1] ?? 1) > 0);
  const kept = (whole.length > 0 ? whole : nonEmpty).sort((a, b) => a - b);
  const median = kept.length === 0 ? 0 : (kept[Math.floor((kept.length - 1) / 2)] ?? 0);
  const first = counts.findIndex((n) => n > 0);
  const stalled = first >= 0 && counts.slice(first + 1).some((n) => n === 0);
  return { median, stalled };
}
