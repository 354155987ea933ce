import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { priceOf } from '../contracts/catalog.js';
import { itemSchema } from '../contracts/messages.js';
import { HttpProblem } from '../platform/errors.js';
import { parseOrProblem } from '../platform/http/problem.js';
import type { BackendRuntime } from '../platform/backend.js';
import { findIdByKey, insertOrder, readOrder, type OrderRecord } from './order-repository.js';
import { parseWaitMs, type OrderWatch } from './order-watch.js';
import { startSaga } from './saga.js';
import { persistTransition, type SagaSettings } from './saga-effects.js';

const orderSchema = z.object({
  customerId: z.string().min(1).max(100),
  items: z.array(itemSchema).min(1).max(50),
});
const keySchema = z.string().min(1).max(200).optional();

/** How often a waiting status request re-reads the order when no wake-up came (ms). */
const RECHECK_MS = 1000;

/** Where the order routes wait for terminal orders: the watch, and the longest wait allowed (ms). */
export interface WaitSettings {
  watch: OrderWatch;
  maxWaitMs: number;
}

/**
 * POST /v1/orders (202 + saga started; Idempotency-Key aware) and GET /v1/orders/:id, which with
 * `?wait=<ms>` (a long poll, capped at `maxWaitMs`) answers as soon as the order is terminal or
 * when the wait is over, whichever comes first.
 */
export function orderRoutes(rt: BackendRuntime, settings: SagaSettings, wait: WaitSettings): Router {
  const r = Router();
  r.post('/v1/orders', async (req, res) => {
    const body = parseOrProblem(orderSchema, req.body);
    const key = parseOrProblem(keySchema, req.get('idempotency-key'));
    const id = await createOrder(rt, settings, body, key ?? null);
    res
      .status(202)
      .location(`/v1/orders/${id}`)
      .json(await readOrder(rt.pool, id));
  });
  r.get('/v1/orders/:id', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const waitMs = parseWaitMs(req.query['wait'], wait.maxWaitMs);
    if (waitMs === undefined)
      throw new HttpProblem(400, 'Bad request', 'wait must be a whole number of milliseconds');
    const order = id.success ? await readWhenTerminal(rt, wait.watch, id.data, waitMs, res) : null;
    if (!order) throw new HttpProblem(404, 'Not found', `unknown order ${req.params.id}`);
    res.json(order);
  });
  return r;
}

/**
 * Reads the order; with `waitMs` > 0 and the order not terminal, waits for the commit that makes
 * it terminal (woken by the watch, re-reading every second in case a wake-up was missed) until
 * the wait is over or the client has gone. Holds no database connection while it waits.
 */
async function readWhenTerminal(
  rt: BackendRuntime,
  watch: OrderWatch,
  id: string,
  waitMs: number,
  res: Response,
): Promise<Record<string, unknown> | null> {
  if (waitMs === 0) return readOrder(rt.pool, id);
  const deadline = Date.now() + waitMs;
  const waiter = watch.watch(id); // before the first read, so no commit slips between
  let gone = false;
  const onClose = (): void => {
    gone = true;
    waiter.close();
  };
  res.once('close', onClose);
  try {
    let order = await readOrder(rt.pool, id);
    while (order && !isTerminalStatus(order['status']) && !gone) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await waiter.next(Math.min(left, RECHECK_MS));
      if (!gone) order = await readOrder(rt.pool, id);
    }
    return order;
  } finally {
    res.off('close', onClose);
    waiter.close();
  }
}

function isTerminalStatus(status: unknown): boolean {
  return status === 'completed' || status === 'compensated';
}

async function createOrder(
  rt: BackendRuntime,
  settings: SagaSettings,
  body: z.infer<typeof orderSchema>,
  key: string | null,
): Promise<string> {
  // No look-up of the key first: the insert's `on conflict (idempotency_key) do nothing` finds a
  // repeat (waiting for a concurrent first attempt to commit), so only a repeat pays the second query.
  const t = startSaga();
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  const order: OrderRecord = {
    id: randomUUID(),
    customerId: body.customerId,
    items: body.items,
    amountCents: body.items.reduce((sum, i) => sum + priceOf(i.sku) * i.quantity, 0),
    status: t.state.status,
    reason: null,
    saga: t.state,
    traceHeaders,
    createdAt: new Date(),
  };
  const created = await rt.messenger.transact(async (tx) => {
    if (!(await insertOrder(tx, order, key))) return { result: false, send: [] };
    return {
      result: true,
      send: await persistTransition(tx, order, t, settings, rt.recorder, order.createdAt),
    };
  });
  if (!created) return (await findIdByKey(rt.pool, key!))!;
  rt.recorder.add('sagaInFlight', 1);
  return order.id;
}
