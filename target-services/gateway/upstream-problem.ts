import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { HttpProblem } from '../platform/errors.js';

/** `Retry-After` seconds the gateway advertises when a pattern refuses a call fast. */
export interface RetryAfterSettings {
  /** After an open breaker: about when it half-opens. */
  breakerSec: number;
  /** After a full bulkhead: a short pause. */
  bulkheadSec: number;
}

/** A problem to send for a failed upstream call, with the headers that go with it. */
export interface UpstreamProblem {
  problem: HttpProblem;
  headers: Record<string, string>;
}

const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isTransportTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (UNDICI_TIMEOUTS.has((e as { code?: string }).code ?? '')) return true;
  return false;
}

/**
 * Pure: maps the failure of a call to `downstream` onto the gateway's answer.
 *
 * | failure                                   | status | headers       |
 * |-------------------------------------------|--------|---------------|
 * | `BrokenCircuitError` (open or isolated)   | 503    | `Retry-After` |
 * | `BulkheadRejectedError`                   | 503    | `Retry-After` |
 * | `TaskCancelledError` (timeout policy)     | 504    |               |
 * | transport timeout (undici)                | 504    |               |
 * | any other transport failure               | 502    |               |
 */
export function upstreamProblem(
  err: unknown,
  downstream: string,
  retryAfter: RetryAfterSettings,
): UpstreamProblem {
  if (err instanceof BrokenCircuitError)
    return {
      problem: new HttpProblem(
        503,
        'Service Unavailable',
        `${downstream} is failing; its circuit breaker is open`,
      ),
      headers: { 'Retry-After': String(retryAfter.breakerSec) },
    };
  if (err instanceof BulkheadRejectedError)
    return {
      problem: new HttpProblem(503, 'Service Unavailable', `too many calls to ${downstream} in flight`),
      headers: { 'Retry-After': String(retryAfter.bulkheadSec) },
    };
  if (err instanceof TaskCancelledError || isTransportTimeout(err))
    return {
      problem: new HttpProblem(504, 'Gateway Timeout', `${downstream} did not answer in time`),
      headers: {},
    };
  return { problem: new HttpProblem(502, 'Bad Gateway', `${downstream} could not be reached`), headers: {} };
}
