import type { SagaLoad } from '../contracts/saga-load.js';

/**
 * When the gateway sheds new orders: a pure rule over order's saga-load report
 * (contracts/saga-load.ts). By Little's law the sagas in flight (L) drain at the fleet's
 * completion rate (μ) in L / μ seconds, the wait a newly accepted order can expect. An order is
 * admitted while that wait stays under the target:
 *
 * ```
 * bound   = min(step timeout, order deadline)           (step timeouts off: the deadline)
 * target  = bound / 2,  or bound after a stall within the window
 * limit   = max(minInFlight, ⌊μ × target⌋)
 * L       = sagas in flight in the report + orders this gateway admitted since it came
 *           − what the fleet completed since at μ (the admissions of a polling interval are not
 *           all still in flight)
 * admit   ⇔  L < limit,  or no fresh report (fail open: the breaker and bulkhead still guard)
 * shed    ⇒  503, Retry-After = clamp(⌈(L − limit + 1) / μ⌉, 1, 30) s  (μ = 0: ⌈target⌉)
 * ```
 *
 * Half the step timeout, so a queued step does not time out (and, if one does, its compensation
 * still fits the deadline). μ is the median of recent non-empty 5 s buckets (order/saga-load.ts):
 * a burst after a stall does not read as capacity, a short stall (a broker restart absorbed by the
 * outbox) not as its loss. After a stall (completions stopped for a whole bucket), μ is what the
 * demand asked for before it, not what the fleet can do, and the backlog drains faster once the
 * stall ends: a broker restart the outbox absorbs would otherwise be shed 15 s in, at 10 orders/s
 * and a 30 s deadline. So the target is then the whole bound: what the fleet, draining only at μ,
 * would still finish within the deadline. A stall longer than the window empties it (μ = 0) and
 * sheds past the floor. Counting this gateway's own admissions since the report keeps the
 * polling lag from letting a burst of arrivals past the limit. `minInFlight` lets a
 * cold or idle fleet, which has no recent completions, take orders and so measure itself.
 */
export interface ShedSettings {
  /** How long a client waits for an accepted order (the checkout deadline), ms; default 30 000. */
  deadlineMs: number;
  /** In-flight sagas always admitted, whatever the measured rate; default 20. */
  minInFlight: number;
  /** A report older than this is not trusted, and orders are admitted (ms); default 5000. */
  staleMs: number;
}

/** A saga-load report, when the gateway received it (its own clock, ms), and the orders it admitted since. */
export interface LoadReading {
  load: SagaLoad;
  atMs: number;
  admittedSince: number;
}

/** The rule's answer for one new order. */
export type ShedDecision =
  | { shed: false; reason: 'under-limit' | 'no-report' | 'stale-report'; limit?: number }
  | { shed: true; limit: number; retryAfterSec: number; detail: string };

/** Most seconds `Retry-After` ever asks for. */
export const MAX_RETRY_AFTER_SEC = 30;

/**
 * The wait a newly accepted order may expect before the gateway sheds (ms): half the tighter of
 * step timeout and deadline, or all of it after a stall within the window (see the rule above).
 */
export function targetWaitMs(load: SagaLoad, deadlineMs: number): number {
  const bound = Math.min(load.stepTimeoutMs ?? deadlineMs, deadlineMs);
  return load.stalled ? bound : bound / 2;
}

/** In-flight sagas above which new orders are shed. */
export function admissionLimit(load: SagaLoad, s: ShedSettings): number {
  return Math.max(
    s.minInFlight,
    Math.floor((load.completedPerSec * targetWaitMs(load, s.deadlineMs)) / 1000),
  );
}

/**
 * The sagas in flight now: the report's, plus the orders this gateway admitted since, less what
 * the fleet completed meanwhile at the measured rate (never below the report's count). Without the
 * last term every admission of the polling interval (up to 0.75 s of arrivals) counted as still in
 * flight: at 32 orders/s that alone passed the floor of 20 while p99 time-to-terminal was 0.3 s.
 */
export function estimatedInFlight(reading: LoadReading, nowMs: number): number {
  const completedSince = Math.floor(
    (reading.load.completedPerSec * Math.max(0, nowMs - reading.atMs)) / 1000,
  );
  return reading.load.inFlight + Math.max(0, reading.admittedSince - completedSince);
}

/** Pure: admit or shed one new order, given the latest reading (if any) at `nowMs`. */
export function decideShed(reading: LoadReading | undefined, nowMs: number, s: ShedSettings): ShedDecision {
  if (!reading) return { shed: false, reason: 'no-report' };
  if (nowMs - reading.atMs > s.staleMs) return { shed: false, reason: 'stale-report' };
  const { load } = reading;
  const limit = admissionLimit(load, s);
  const inFlight = estimatedInFlight(reading, nowMs);
  if (inFlight < limit) return { shed: false, reason: 'under-limit', limit };
  const targetMs = targetWaitMs(load, s.deadlineMs);
  const rate = load.completedPerSec;
  const waitSec = rate > 0 ? (inFlight - limit + 1) / rate : targetMs / 1000;
  const retryAfterSec = Math.min(MAX_RETRY_AFTER_SEC, Math.max(1, Math.ceil(waitSec)));
  const drainSec = rate > 0 ? (inFlight / rate).toFixed(1) : '∞';
  return {
    shed: true,
    limit,
    retryAfterSec,
    detail: `the fleet is overloaded: ${inFlight} orders in flight, completing ${rate.toFixed(1)}/s (${drainSec} s of work) against a ${(targetMs / 1000).toFixed(1)} s target; retry after ${retryAfterSec} s`,
  };
}
