import {
  check,
  now,
  parseJson,
  request,
  retryAfterMs,
  sleep,
  type Journey,
  type JourneyContext,
} from './journey.js';

/** Order statuses after which the saga is over (docs/gateway-api.md). */
export const TERMINAL_STATUSES = ['completed', 'compensated'] as const;

const CATALOG_SIZE = 20;

/**
 * Checkout: POST an order (with `X-Api-Key` and a fresh `Idempotency-Key`), then ask
 * `GET /v1/orders/:id?wait=<ms>` until `completed` or `compensated` or the deadline passes: each
 * request waits on the server until the order ends (a long poll), so the answer comes when the saga
 * does. Between requests it honours `Retry-After` (a 429 or 503) and otherwise never starts two
 * requests less than `pollIntervalMs` apart (a server that answers at once is polled, not hammered).
 * Records `order_time_to_terminal` tagged with the outcome, and checks for acceptance and
 * termination.
 */
export const checkout: Journey = function* (ctx: JourneyContext) {
  const headers = { 'X-Api-Key': ctx.apiKey, 'Content-Type': 'application/json' };
  const created = yield* request({
    name: 'POST /v1/orders',
    method: 'POST',
    path: '/v1/orders',
    headers: { ...headers, 'Idempotency-Key': randomKey(ctx.random) },
    body: JSON.stringify(orderBody(ctx.random)),
  });
  const id = (parseJson(created.body) as { id?: unknown } | undefined)?.id;
  yield* check('order accepted (202 with id)', created.status === 202 && typeof id === 'string');
  if (created.status !== 202 || typeof id !== 'string') return;

  const startedMs = yield* now();
  const deadlineMs = ctx.orderDeadlineMs ?? 30_000;
  const pollMs = ctx.pollIntervalMs ?? 200;
  const waitMs = ctx.statusWaitMs ?? 2000;
  for (;;) {
    const sentMs = yield* now();
    const leftMs = Math.max(0, deadlineMs - (sentMs - startedMs));
    const polled = yield* request({
      name: 'GET /v1/orders/:id',
      method: 'GET',
      path: `/v1/orders/${encodeURIComponent(id)}?wait=${Math.min(waitMs, leftMs)}`,
      headers: { 'X-Api-Key': ctx.apiKey },
    });
    const status = (parseJson(polled.body) as { status?: unknown } | undefined)?.status;
    const answeredMs = yield* now();
    const elapsedMs = answeredMs - startedMs;
    if (isTerminal(status)) {
      yield {
        kind: 'metric',
        metric: 'order_time_to_terminal',
        valueMs: elapsedMs,
        tags: { outcome: status },
      };
      yield* check('order reached a terminal status', true);
      return;
    }
    if (elapsedMs >= deadlineMs) {
      yield* check('order reached a terminal status', false);
      return;
    }
    const pauseMs = retryAfterMs(polled.retryAfter, answeredMs) ?? pollMs - (answeredMs - sentMs);
    if (pauseMs > 0) yield* sleep(Math.min(pauseMs, deadlineMs - elapsedMs));
  }
};

function isTerminal(status: unknown): status is (typeof TERMINAL_STATUSES)[number] {
  return TERMINAL_STATUSES.some((s) => s === status);
}

function orderBody(random: () => number) {
  return {
    customerId: `c-${Math.floor(random() * 10_000)}`,
    items: [{ sku: skuAt(random), quantity: 1 + Math.floor(random() * 3) }],
  };
}

/** A random catalog SKU, `SKU-0001` … `SKU-0020`. */
export function skuAt(random: () => number): string {
  const n = 1 + Math.floor(random() * CATALOG_SIZE);
  return `SKU-${String(n).padStart(4, '0')}`;
}

function randomKey(random: () => number): string {
  let key = 'fl-';
  for (let i = 0; i < 24; i++) key += Math.floor(random() * 16).toString(16);
  return key;
}
