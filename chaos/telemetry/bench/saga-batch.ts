import { randomBytes } from 'node:crypto';
import { encodeTraceRequest } from '../otlp-codec.js';

/**
 * Benchmark input: OTLP ExportTraceServiceRequests of realistic saga spans (16 per trace: HTTP
 * server spans, publish/process pairs, compensations in every 4th trace), grouped per service as
 * an SDK exporter would send them, in both encodings.
 */

interface Shape {
  service: string;
  name: string;
  kind: number;
  attrs: Record<string, string | number | boolean>;
}

const HOPS = [
  'payment.authorize',
  'payment.authorized',
  'inventory.reserve',
  'inventory.reserved',
  'shipping.schedule',
  'shipping.scheduled',
  'payment.refund',
];
const OWNER: Record<string, [string, string]> = {
  'payment.authorize': ['order', 'payment'],
  'payment.authorized': ['payment', 'order'],
  'inventory.reserve': ['order', 'inventory'],
  'inventory.reserved': ['inventory', 'order'],
  'shipping.schedule': ['order', 'shipping'],
  'shipping.scheduled': ['shipping', 'order'],
  'payment.refund': ['order', 'payment'],
};

const SHAPES: Shape[] = [
  {
    service: 'gateway',
    name: 'POST /orders',
    kind: 2,
    attrs: { 'http.request.method': 'POST', 'http.route': '/orders', 'http.response.status_code': 202 },
  },
  {
    service: 'order',
    name: 'POST /orders',
    kind: 2,
    attrs: { 'http.request.method': 'POST', 'http.route': '/orders' },
  },
  ...HOPS.flatMap((hop): Shape[] => {
    const [from, to] = OWNER[hop]!;
    const attrs = {
      'messaging.system': 'rabbitmq',
      'messaging.destination.name': hop,
      'saga.step': hop.split('.')[0]!,
    };
    return [
      { service: from, name: `${hop} publish`, kind: 4, attrs },
      { service: to, name: `${hop} process`, kind: 5, attrs },
    ];
  }),
];

type KeyValue = { key: string; value: Record<string, unknown> };

function kv(attrs: Record<string, string | number | boolean>): KeyValue[] {
  return Object.entries(attrs).map(([key, v]) => ({
    key,
    value:
      typeof v === 'string'
        ? { stringValue: v }
        : typeof v === 'boolean'
          ? { boolValue: v }
          : { intValue: v },
  }));
}

/** One request of `traces` x 16 spans; `hex` ids for JSON, Buffers for protobuf. */
function buildRequest(traces: number, startMs: number, ids: 'hex' | 'bytes'): object {
  const byService = new Map<string, object[]>();
  const id = (b: Buffer): string | Buffer => (ids === 'hex' ? b.toString('hex') : b);
  for (let t = 0; t < traces; t++) {
    const traceId = randomBytes(16);
    let parent: Buffer | undefined;
    const failed = t % 4 === 0;
    SHAPES.forEach((shape, i) => {
      const spanId = randomBytes(8);
      const start = BigInt(startMs + t) * 1_000_000n + BigInt(i) * 100_000n;
      const durationNs = BigInt(200_000 + ((i * 7919 + t * 104729) % 5_000_000));
      const error = failed && shape.name === 'shipping.schedule process';
      const spans = byService.get(shape.service) ?? [];
      spans.push({
        traceId: id(traceId),
        spanId: id(spanId),
        ...(parent ? { parentSpanId: id(parent) } : {}),
        name: shape.name,
        kind: shape.kind,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + durationNs).toString(),
        attributes: kv({
          ...shape.attrs,
          ...(shape.name.startsWith('payment.refund') ? { 'saga.compensation': true } : {}),
        }),
        status: error ? { code: 2, message: 'carrier unavailable' } : { code: 0 },
      });
      byService.set(shape.service, spans);
      parent = spanId;
    });
  }
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: {
        attributes: kv({ 'service.name': service, 'service.version': '0.1.0', 'host.name': 'bench' }),
      },
      scopeSpans: [{ scope: { name: '@faultline/bench' }, spans }],
    })),
  };
}

/** Spans per trace in these batches. */
export const SPANS_PER_TRACE = SHAPES.length;

/** `count` pre-encoded batches of 32 traces x 16 spans = 512 spans each. */
export function encodedBatches(
  count: number,
  encoding: 'json' | 'protobuf',
): { body: Uint8Array | string; spans: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const startMs = Date.now() + i * 32;
    const body =
      encoding === 'json'
        ? JSON.stringify(buildRequest(32, startMs, 'hex'))
        : encodeTraceRequest(buildRequest(32, startMs, 'bytes'));
    return { body, spans: 32 * SHAPES.length };
  });
}
