/**
 * Timing tolerances for toxic assertions on real sockets, the same for Faultline and real Toxiproxy.
 * Lower bounds are tight because a toxic can never make data early. Upper bounds allow for a loaded
 * 2-core box, but stay well below every difference between two plausible behaviours. The old
 * Faultline `timeout` (counted once from setup, not restarted by data) closed at 503 ms where
 * Toxiproxy closed at ~1400 ms; the idle-timer cases now fail it by ~900 ms. The old setup-only
 * case wrote once at 50 ms and expected 200 ms: the idle timer gives 250 ms, inside the old
 * -5/+60 band, which is how the difference slipped through; the band is now -5/+50.
 */

/** How much earlier than configured an event may be observed (timer rounding), in ms. */
export const EARLY_TOLERANCE_MS = 5;

/** How much later than configured an event may be observed (scheduling on a busy box), in ms. */
export const LATE_TOLERANCE_MS = 50;

/**
 * A round trip through a proxy without a delaying toxic must stay below this, in ms. Every case that
 * uses it contrasts it with a delay of at least 150 ms.
 */
export const FAST_RTT_MS = 80;

/** How long "nothing happens" is observed before concluding it does not happen, in ms. */
export const QUIET_WINDOW_MS = 400;

/** Milliseconds since an arbitrary origin, with sub-ms precision. */
export function nowMs(): number {
  return performance.now();
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Human label for a tolerance band, for use in test names: `"(-5/+60 ms)"`. */
export const BAND = `(-${EARLY_TOLERANCE_MS}/+${LATE_TOLERANCE_MS} ms)`;

/** Asserts `actual` lies in `[expected - EARLY, expected + LATE]`, with a readable message. */
export function assertAbout(actualMs: number, expectedMs: number, what: string): void {
  const lo = expectedMs - EARLY_TOLERANCE_MS;
  const hi = expectedMs + LATE_TOLERANCE_MS;
  if (actualMs < lo || actualMs > hi) {
    throw new Error(`${what}: ${actualMs.toFixed(1)} ms is outside [${lo}, ${hi}] ms`);
  }
}
