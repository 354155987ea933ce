import { context, propagation, trace, SpanKind } from '@opentelemetry/api';
import type pg from 'pg';
import { ATTRIBUTES, SPANS } from '../contracts/telemetry-names.js';
import { FAILURE_REASONS, type CommandType } from '../contracts/messages.js';
import { onCommit } from '../platform/db/transaction.js';
import type { Outgoing } from '../platform/messaging/outgoing.js';
import type { Recorder } from '../platform/telemetry/metrics.js';
import { saveSaga, type OrderRecord } from './order-repository.js';
import { stepTimeoutMs } from './resend-backoff.js';
import { SAGA_STEPS, type Transition } from './saga.js';

const tracer = trace.getTracer('faultline-order-saga');

/**
 * Starts every saga-outcome series at 0. A series that first appears with the value 25 (the
 * compensations a stall released within one scrape) reads to Prometheus' `increase()` as no
 * increase at all; one that was 0 before reads as 25.
 */
export function startOutcomeSeries(recorder: Recorder): void {
  recorder.add('sagaOutcomes', 0, { [ATTRIBUTES.sagaOutcome]: 'completed', [ATTRIBUTES.sagaReason]: 'none' });
  for (const reason of FAILURE_REASONS)
    recorder.add('sagaOutcomes', 0, {
      [ATTRIBUTES.sagaOutcome]: 'compensated',
      [ATTRIBUTES.sagaReason]: reason,
    });
}

/** Saga timing config, and who is told when an order ends. */
export interface SagaSettings {
  stepTimeouts: boolean;
  stepTimeoutMs: number;
  /** Called after the commit that made an order terminal (wakes waiting status requests). */
  onTerminal?: (orderId: string) => void;
}

/**
 * Applies a pure transition to the world: persists it, and turns each command to send into an
 * outgoing message published under its own manual span (`saga.step <cmd>` or
 * `saga.compensate <cmd>`, with saga.* attributes), so the AMQP hop is that span's child.
 */
export async function persistTransition(
  tx: pg.PoolClient,
  order: OrderRecord,
  t: Transition,
  settings: SagaSettings,
  recorder: Recorder,
  now: Date,
): Promise<Outgoing[]> {
  const deadline =
    t.state.current && settings.stepTimeouts
      ? new Date(now.getTime() + stepTimeoutMs(t.state, settings.stepTimeoutMs, Math.random()))
      : null;
  await saveSaga(tx, order.id, t.state, deadline, t.history);
  const out = t.send.map((command) =>
    commandMessage(order, command, t.state.status === 'compensating', recorder),
  );
  if (
    order.saga.status !== t.state.status &&
    (t.state.status === 'completed' || t.state.status === 'compensated')
  ) {
    const seconds = (now.getTime() - order.createdAt.getTime()) / 1000;
    const outcome = { [ATTRIBUTES.sagaOutcome]: t.state.status };
    recorder.add('sagaOutcomes', 1, { ...outcome, [ATTRIBUTES.sagaReason]: t.state.reason ?? 'none' });
    recorder.record('sagaDuration', seconds, outcome);
    recorder.record('sagaTimeToConsistency', seconds, outcome);
    recorder.add('sagaInFlight', -1);
    const onTerminal = settings.onTerminal;
    if (onTerminal) onCommit(tx, () => onTerminal(order.id));
  }
  return out;
}

function commandMessage(
  order: OrderRecord,
  command: CommandType,
  compensating: boolean,
  recorder: Recorder,
): Outgoing {
  const step = compensating ? undoneStep(command) : command;
  const span = tracer.startSpan(`${compensating ? SPANS.sagaCompensate : SPANS.sagaStep} ${command}`, {
    kind: SpanKind.INTERNAL,
    attributes: {
      [ATTRIBUTES.sagaId]: order.id,
      [ATTRIBUTES.orderId]: order.id,
      [ATTRIBUTES.sagaStep]: step,
      [ATTRIBUTES.sagaCompensation]: compensating,
    },
  });
  const traceHeaders: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), traceHeaders);
  span.end();
  if (compensating) recorder.add('sagaCompensations', 1, { [ATTRIBUTES.sagaStep]: step });
  return { type: command, orderId: order.id, payload: payloadFor(order, command), traceHeaders };
}

function undoneStep(compensation: CommandType): string {
  const map: Record<string, string> = {
    'payment.refund': SAGA_STEPS[0],
    'inventory.release': SAGA_STEPS[1],
    'shipping.cancel': SAGA_STEPS[2],
  };
  return map[compensation] ?? compensation;
}

function payloadFor(order: OrderRecord, command: CommandType): Record<string, unknown> {
  if (command === 'payment.authorize')
    return { amountCents: order.amountCents, customerId: order.customerId };
  if (command === 'inventory.reserve') return { items: order.items };
  if (command === 'shipping.schedule') return { customerId: order.customerId, items: order.items };
  return {};
}
