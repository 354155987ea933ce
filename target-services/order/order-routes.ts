import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { Router } from 'express';
import { z } from 'zod';
import { priceOf } from '../contracts/catalog.js';
import { itemSchema } from '../contracts/messages.js';
import { HttpProblem } from '../platform/errors.js';
import { parseOrProblem } from '../platform/http/problem.js';
import type { BackendRuntime } from '../platform/backend.js';
import { findIdByKey, insertOrder, readOrder, type OrderRecord } from './order-repository.js';
import { startSaga } from './saga.js';
import { persistTransition, type SagaSettings } from './saga-effects.js';

const orderSchema = z.object({
  customerId: z.string().min(1).max(100),
  items: z.array(itemSchema).min(1).max(50),
});
const keySchema = z.string().min(1).max(200).optional();

/** POST /v1/orders (202 + saga started; Idempotency-Key aware) and GET /v1/orders/:id. */
export function orderRoutes(rt: BackendRuntime, settings: SagaSettings): Router {
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
    const order = id.success ? await readOrder(rt.pool, id.data) : null;
    if (!order) throw new HttpProblem(404, 'Not found', `unknown order ${req.params.id}`);
    res.json(order);
  });
  return r;
}

async function createOrder(
  rt: BackendRuntime,
  settings: SagaSettings,
  body: z.infer<typeof orderSchema>,
  key: string | null,
): Promise<string> {
  if (key) {
    const existing = await findIdByKey(rt.pool, key);
    if (existing) return existing;
  }
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
