import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  noop,
  retry,
  timeout,
  TaskCancelledError,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { ResilienceConfig } from '../config.js';
import { isRetryableFailure, rejectionOf } from './classify.js';
import type { PatternTelemetry } from './pattern-telemetry.js';
import { RetryBudget } from './retry-budget.js';

/**
 * The policy of one downstream, built with cockatiel. Outermost first:
 *
 * ```
 *   call ─► bulkhead ─► retry (idempotent calls only; budget) ─► breaker ─► timeout ─► attempt
 *           limit+queue  exp. backoff + decorrelated jitter      consecutive  per attempt
 * ```
 *
 * The breaker sits inside the retry so every attempt counts towards opening it, and an open
 * breaker is never retried. A pattern switched off is cockatiel's `noop`.
 */
export interface OutboundPolicy {
  /**
   * Runs `attempt` (given an AbortSignal that fires on timeout) under the policy. Rejects with
   * cockatiel's own `BrokenCircuitError`, `BulkheadRejectedError` or `TaskCancelledError`
   * unchanged, otherwise with the last attempt's error.
   */
  execute<T>(idempotent: boolean, attempt: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** The breaker's state (Closed when the breaker is switched off). */
  readonly breakerState: CircuitState;
}

/** Builds the policy of `downstream` from the service's resilience config. */
export function createOutboundPolicy(
  timeoutMs: number,
  c: ResilienceConfig,
  telemetry: PatternTelemetry,
): OutboundPolicy {
  const breaker = c.FAULTLINE_BREAKER
    ? circuitBreaker(
        handleWhen((err) => rejectionOf(err) !== 'bulkhead'),
        { halfOpenAfter: c.BREAKER_HALF_OPEN_MS, breaker: new ConsecutiveBreaker(c.BREAKER_THRESHOLD) },
      )
    : undefined;
  breaker?.onStateChange((s) => telemetry.breakerState(s));
  telemetry.breakerState(CircuitState.Closed);
  const perAttempt = c.FAULTLINE_TIMEOUTS ? timeout(timeoutMs, TimeoutStrategy.Aggressive) : undefined;
  perAttempt?.onTimeout(() => telemetry.timeout());
  const core: IPolicy = wrap(breaker ?? noop, perAttempt ?? noop);
  const budget = c.FAULTLINE_RETRY_BUDGET
    ? new RetryBudget(c.RETRY_BUDGET_RATIO, c.RETRY_BUDGET_BURST)
    : undefined;
  const retries =
    c.FAULTLINE_RETRIES && c.RETRY_ATTEMPTS > 1
      ? retry(
          handleWhen((err) => isRetryableFailure(err) && (budget?.canRetry() ?? true)),
          {
            maxAttempts: c.RETRY_ATTEMPTS - 1,
            backoff: new ExponentialBackoff({
              initialDelay: c.RETRY_BASE_MS,
              maxDelay: c.RETRY_MAX_DELAY_MS,
            }),
          },
        )
      : undefined;
  retries?.onRetry((e) => {
    budget?.withdraw();
    telemetry.retry(e.attempt, Math.round(e.delay));
  });
  const limit = c.FAULTLINE_BULKHEAD ? bulkhead(c.BULKHEAD_LIMIT, c.BULKHEAD_QUEUE) : undefined;
  limit?.onReject(() => telemetry.bulkheadRejected());
  const outer: IPolicy = limit ?? noop;
  return {
    async execute(idempotent, attempt) {
      budget?.deposit();
      // An attempt that fails because its signal was aborted failed by the timeout, whatever error
      // the transport chose: callers always see cockatiel's TaskCancelledError for a timeout.
      const once = () =>
        core.execute(({ signal }) =>
          attempt(signal).catch((err: unknown) => {
            throw signal.aborted && !rejectionOf(err)
              ? new TaskCancelledError(`attempt timed out after ${timeoutMs} ms`)
              : err;
          }),
        );
      try {
        return await outer.execute(() => (idempotent && retries ? retries.execute(once) : once()));
      } catch (err) {
        if (rejectionOf(err) === 'breaker') telemetry.breakerRejected();
        throw err;
      }
    },
    get breakerState() {
      return breaker?.state ?? CircuitState.Closed;
    },
  };
}
