import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import type { ReplyPayload } from '../contracts/messages.js';
import { ServiceError } from '../platform/errors.js';
import type { TransactionalHandler } from '../platform/messaging/inbox-handler.js';
import type { BackendRuntime } from '../platform/backend.js';
import { dueOrderIds, lockOrder } from './order-repository.js';
import { applyEvent } from './saga.js';
import { persistTransition, type SagaSettings } from './saga-effects.js';

/** Advances the order's saga with a participant's reply (in the inbox transaction). */
export function createReplyHandler(settings: SagaSettings, rt: BackendRuntime): TransactionalHandler {
  return async (tx, m) => {
    if (m.type !== 'saga.reply')
      throw new ServiceError('ERR_ORDER_UNEXPECTED', `order cannot handle ${m.type}`);
    const order = await lockOrder(tx, m.orderId);
    if (!order) return []; // a reply for an order this database never had: nothing to advance
    const p = m.payload as ReplyPayload;
    const t = applyEvent(order.saga, {
      kind: 'reply',
      command: p.command,
      ok: p.ok,
      ...(p.reason ? { reason: p.reason } : {}),
    });
    if (t.send.length === 0 && t.state === order.saga) return [];
    const send = await persistTransition(tx, order, t, settings, rt.recorder, new Date());
    if (t.state.current === null)
      rt.logger.info({ orderId: order.id, status: t.state.status, reason: t.state.reason }, 'saga finished');
    return send;
  };
}

/**
 * Sweeps sagas whose step deadline passed (every `intervalMs`, default 500) and applies a
 * timeout to each in its own transaction, in the order's own trace. This is also what resumes
 * sagas after a restart: their deadlines are persisted.
 */
export function startTimeoutSweeper(
  rt: BackendRuntime,
  settings: SagaSettings,
  intervalMs = 500,
): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const sweep = async (): Promise<void> => {
    for (const id of await dueOrderIds(rt.pool, 50)) {
      if (stopped) return;
      await rt.messenger.transact(async (tx) => {
        const order = await lockOrder(tx, id, true);
        if (!order || !order.saga.current) return { result: undefined, send: [] };
        const t = applyEvent(order.saga, { kind: 'timeout', command: order.saga.current });
        const parent = propagation.extract(ROOT_CONTEXT, order.traceHeaders);
        const send = await context.with(parent, () =>
          persistTransition(tx, order, t, settings, rt.recorder, new Date()),
        );
        return { result: undefined, send };
      });
    }
  };
  const timer = setInterval(() => {
    running = running.then(() =>
      stopped ? undefined : sweep().catch((err: unknown) => rt.logger.warn({ err }, 'timeout sweep failed')),
    );
  }, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
