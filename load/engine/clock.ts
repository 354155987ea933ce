import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** The engine's view of time: a monotonic clock for scheduling, wall time for journeys, sleeps. */
export interface Clock {
  /** Monotonic milliseconds (sub-ms precision). */
  nowMs(): number;
  /** Epoch milliseconds. */
  epochMs(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock (edge). */
export const systemClock: Clock = {
  nowMs: () => performance.now(),
  epochMs: () => Date.now(),
  async sleep(ms, signal) {
    if (signal?.aborted) return;
    try {
      await delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
    } catch (err) {
      if (!(err instanceof Error && err.name === 'AbortError')) throw err;
    }
  },
};
