import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Test support: saga-shaped traces produced by the real OpenTelemetry JS SDK, one tracer provider
 * per service (so each span carries its service's resource), exported by whatever exporter the
 * test passes (OTLP/HTTP JSON, OTLP proto, in-memory).
 */

export const SAGA_SERVICES = ['gateway', 'order', 'payment', 'inventory', 'shipping'] as const;
export type SagaService = (typeof SAGA_SERVICES)[number];

/** One provider per service; `shutdown()` flushes every exporter. */
export interface SagaTracers {
  tracer(service: SagaService): Tracer;
  /** Exports every ended span now. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createSagaTracers(makeExporter: () => SpanExporter): SagaTracers {
  const providers = new Map(
    SAGA_SERVICES.map((service) => [
      service,
      new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': service, 'service.namespace': 'faultline-test' }),
        spanProcessors: [
          new BatchSpanProcessor(makeExporter(), { maxExportBatchSize: 512, scheduledDelayMillis: 50 }),
        ],
      }),
    ]),
  );
  return {
    tracer: (service) => providers.get(service)!.getTracer(`faultline-test-${service}`),
    flush: async () => {
      for (const p of providers.values()) await p.forceFlush();
    },
    shutdown: async () => {
      for (const p of providers.values()) await p.shutdown();
    },
  };
}

/** A clock that advances by fixed steps, so span order is deterministic. */
class StepClock {
  constructor(private ms: number) {}
  next(stepMs = 2): number {
    this.ms += stepMs;
    return this.ms;
  }
}

interface SpanSpec {
  service: SagaService;
  name: string;
  kind: SpanKind;
  attributes?: Record<string, string | number | boolean>;
  error?: string;
  durationMs?: number;
}

/** Starts and ends one span under `parent`; returns its context for children. */
function emit(
  t: SagaTracers,
  clock: StepClock,
  parent: Context,
  spec: SpanSpec,
  children?: (ctx: Context) => void,
): Context {
  const span: Span = t
    .tracer(spec.service)
    .startSpan(spec.name, { kind: spec.kind, attributes: spec.attributes, startTime: clock.next() }, parent);
  const ctx = trace.setSpan(parent, span);
  children?.(ctx);
  if (spec.error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    span.addEvent('exception', { 'exception.message': spec.error });
  }
  span.end(clock.next(spec.durationMs ?? 5));
  return ctx;
}

/** A PRODUCER span on `from` and its CONSUMER child on `to` (one AMQP hop). */
function hop(
  t: SagaTracers,
  clock: StepClock,
  parent: Context,
  from: SagaService,
  to: SagaService,
  message: string,
  consume?: Partial<SpanSpec>,
  then?: (ctx: Context) => void,
): void {
  const attrs = { 'messaging.system': 'rabbitmq', 'messaging.destination.name': message };
  emit(
    t,
    clock,
    parent,
    { service: from, name: `${message} publish`, kind: SpanKind.PRODUCER, attributes: attrs },
    (p) => {
      emit(
        t,
        clock,
        p,
        {
          service: to,
          name: `${message} process`,
          kind: SpanKind.CONSUMER,
          ...consume,
          attributes: { ...attrs, ...consume?.attributes },
        },
        then,
      );
    },
  );
}

/** `half-compensated` refunds but never releases the reservation (a saga bug to catch). */
export type SagaOutcome = 'completed' | 'compensated' | 'half-compensated';

/**
 * Emits one order saga: gateway -> order -> payment -> inventory -> shipping. `compensated` makes
 * the shipping step fail, after which order publishes the refund and release compensations.
 * `startMs` is the epoch time of the first span. Returns the trace id.
 */
export function emitSagaTrace(t: SagaTracers, outcome: SagaOutcome, startMs: number): string {
  const clock = new StepClock(startMs);
  let traceId = '';
  const root = context.active();
  emit(
    t,
    clock,
    root,
    {
      service: 'gateway',
      name: 'POST /orders',
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/orders',
        'http.response.status_code': 202,
      },
    },
    (g) => {
      traceId = trace.getSpan(g)!.spanContext().traceId;
      emit(
        t,
        clock,
        g,
        {
          service: 'order',
          name: 'POST /orders',
          kind: SpanKind.SERVER,
          attributes: { 'http.route': '/orders' },
        },
        (o) => {
          hop(
            t,
            clock,
            o,
            'order',
            'payment',
            'payment.authorize',
            { attributes: { 'saga.step': 'payment' } },
            (pay) => {
              hop(t, clock, pay, 'payment', 'order', 'payment.authorized', {}, (o2) => {
                hop(
                  t,
                  clock,
                  o2,
                  'order',
                  'inventory',
                  'inventory.reserve',
                  { attributes: { 'saga.step': 'inventory' } },
                  (inv) => {
                    hop(t, clock, inv, 'inventory', 'order', 'inventory.reserved', {}, (o3) => {
                      if (outcome === 'completed') {
                        hop(t, clock, o3, 'order', 'shipping', 'shipping.schedule', {
                          attributes: { 'saga.step': 'shipping' },
                          durationMs: 40,
                        });
                        return;
                      }
                      hop(
                        t,
                        clock,
                        o3,
                        'order',
                        'shipping',
                        'shipping.schedule',
                        { attributes: { 'saga.step': 'shipping' }, error: 'carrier unavailable' },
                        (sh) => {
                          hop(t, clock, sh, 'shipping', 'order', 'shipping.failed', {}, (o4) => {
                            hop(t, clock, o4, 'order', 'payment', 'payment.refund', {
                              attributes: { 'saga.step': 'payment', 'saga.compensation': true },
                            });
                            if (outcome === 'half-compensated') return;
                            hop(t, clock, o4, 'order', 'inventory', 'inventory.release', {
                              attributes: { 'saga.step': 'inventory', 'saga.compensation': true },
                            });
                          });
                        },
                      );
                    });
                  },
                );
              });
            },
          );
        },
      );
    },
  );
  return traceId;
}

/**
 * A CONSUMER span whose parent is a remote PRODUCER span that was never exported: an orphan and an
 * unlinked consumer, as when a publisher does not export its spans. Returns the trace id.
 */
export function emitOrphanConsumer(t: SagaTracers, startMs: number): string {
  const traceId = 'e'.repeat(31) + '1';
  const remote = trace.setSpanContext(context.active(), {
    traceId,
    spanId: 'f'.repeat(15) + '1',
    traceFlags: 1,
    isRemote: true,
  });
  emit(t, new StepClock(startMs), remote, {
    service: 'payment',
    name: 'payment.authorize process',
    kind: SpanKind.CONSUMER,
  });
  return traceId;
}

/**
 * A checkout entering the fleet from an uninstrumented client (the load engine, k6): the gateway's
 * SERVER span has a remote parent that is never exported, and it calls order. With `lostHop`, the
 * gateway's CLIENT span to order is missing too (say, dropped by an exporter), so order's SERVER
 * span is a second span with an absent parent.
 */
export function emitRemoteEntryTrace(t: SagaTracers, startMs: number, lostHop: boolean, n: number): string {
  const traceId = 'd'.repeat(30) + String(n).padStart(2, '0');
  const remote = trace.setSpanContext(context.active(), {
    traceId,
    spanId: 'c'.repeat(14) + String(n).padStart(2, '0'),
    traceFlags: 1,
    isRemote: true,
  });
  const clock = new StepClock(startMs);
  const server = { service: 'gateway', name: 'POST /v1/orders', kind: SpanKind.SERVER } as const;
  emit(t, clock, remote, server, (ctx) => {
    if (lostHop) {
      const lost = trace.setSpanContext(ctx, {
        traceId,
        spanId: 'b'.repeat(14) + String(n).padStart(2, '0'),
        traceFlags: 1,
        isRemote: true,
      });
      emit(t, clock, lost, { service: 'order', name: 'POST /v1/orders', kind: SpanKind.SERVER });
      return;
    }
    emit(t, clock, ctx, { service: 'gateway', name: 'POST', kind: SpanKind.CLIENT }, (c) =>
      emit(t, clock, c, { service: 'order', name: 'POST /v1/orders', kind: SpanKind.SERVER }),
    );
  });
  return traceId;
}
