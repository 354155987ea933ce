/**
 * A journey is a generator of effects: it yields steps (an HTTP request, a sleep, a check, a
 * custom metric sample, a clock read) and each engine interprets them — the built-in engine
 * asynchronously over undici, k6 synchronously with `k6/http`. That keeps ONE definition of
 * every journey for both engines. Pure: no Node or k6 imports.
 *
 * ```
 * journey ──yield step──▶ driver ──performs──▶ HTTP / clock / metrics
 *    ▲                                             │
 *    └──────────────── step result ◀───────────────┘
 * ```
 */

export type HttpMethod = 'GET' | 'POST';

/** An HTTP request. `name` is the low-cardinality request tag (e.g. `GET /v1/orders/:id`). */
export interface HttpStep {
  kind: 'http';
  name: string;
  method: HttpMethod;
  /** Path and query, appended to the target's base URL. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
/** The driver's view of a response. `status` is 0 when the request failed at the network. */
export interface HttpResult {
  status: number;
  body: string;
  /** The `Retry-After` header's value, when the response had one (drivers pass it through). */
  retryAfter?: string;
}
export interface SleepStep {
  kind: 'sleep';
  ms: number;
}
/** A named pass/fail check (k6 `checks` metric). */
export interface CheckStep {
  kind: 'check';
  name: string;
  ok: boolean;
}
/** A sample of a custom trend metric, in milliseconds. */
export interface MetricStep {
  kind: 'metric';
  metric: 'order_time_to_terminal';
  valueMs: number;
  tags: Record<string, string>;
}
/** Reads the driver's clock; the result is epoch milliseconds. */
export interface NowStep {
  kind: 'now';
}

export type Step = HttpStep | SleepStep | CheckStep | MetricStep | NowStep;
export type StepResult = HttpResult | number | undefined;

/** What a journey gets from its driver. */
export interface JourneyContext {
  apiKey: string;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
  /**
   * Shortest gap between the starts of two order status requests (ms); default 200. A server that
   * honours `?wait=` holds each request until the order ends, so this only paces servers that
   * answer at once, and requests that failed without `Retry-After`.
   */
  pollIntervalMs?: number;
  /** How long each status request asks the server to wait for the order to end (`?wait=`, ms); default 2000. */
  statusWaitMs?: number;
  /** Give up polling an order after this long (ms); default 30 000. */
  orderDeadlineMs?: number;
}

export type JourneyRun = Generator<Step, void, StepResult>;
export type Journey = (ctx: JourneyContext) => JourneyRun;

/** Yields an HTTP step and returns its result. */
export function* request(step: Omit<HttpStep, 'kind'>): Generator<Step, HttpResult, StepResult> {
  return (yield { kind: 'http', ...step }) as HttpResult;
}

/** Yields a check. */
export function* check(name: string, ok: boolean): Generator<Step, void, StepResult> {
  yield { kind: 'check', name, ok };
}

/** Yields a sleep. */
export function* sleep(ms: number): Generator<Step, void, StepResult> {
  yield { kind: 'sleep', ms };
}

/** Yields a clock read and returns epoch milliseconds. */
export function* now(): Generator<Step, number, StepResult> {
  return (yield { kind: 'now' }) as number;
}

/**
 * A `Retry-After` value in ms: delta-seconds, or an HTTP date relative to `nowMs`; `undefined`
 * when absent or unreadable. Pure.
 */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined; // an IMF-fixdate such as `Wed, 21 Oct 2026 07:28:00 GMT`
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Parses a JSON body, or `undefined` when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
