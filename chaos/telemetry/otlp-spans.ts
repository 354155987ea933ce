import { enumIndex, idToBigInt, keyValues, text, toInt64 } from './otlp-values.js';
import { SPAN_KINDS, STATUS_CODES, type SpanEventRow, type SpanRow } from './span-row.js';

/** The outcome of decoding one ExportTraceServiceRequest: accepted rows plus what was rejected. */
export interface DecodedSpans {
  rows: SpanRow[];
  rejected: number;
  /** The first rejection reason, for the partial-success `error_message`. */
  firstError?: string;
}

/** Thrown when the request itself (not one span) is malformed: the receiver answers 400. */
export class OtlpShapeError extends Error {}

type Obj = Record<string, unknown>;

function list(value: unknown, what: string): Obj[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpShapeError(`${what} must be an array`);
  return value as Obj[];
}

/**
 * Flattens an ExportTraceServiceRequest (decoded from JSON or protobuf, camelCase fields) into rows.
 * Spans with invalid ids or timestamps are rejected one by one; a wrongly shaped envelope throws
 * `OtlpShapeError`.
 */
export function requestToRows(request: unknown): DecodedSpans {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new OtlpShapeError('the body must be an ExportTraceServiceRequest object');
  }
  const out: DecodedSpans = { rows: [], rejected: 0 };
  for (const rs of list((request as Obj)['resourceSpans'], 'resourceSpans')) {
    if (rs === null || typeof rs !== 'object') throw new OtlpShapeError('resourceSpans[] must hold objects');
    const resourceAttributes = keyValues((rs['resource'] as Obj | undefined)?.['attributes']);
    const service = resourceAttributes['service.name'];
    const serviceName = typeof service === 'string' && service !== '' ? service : 'unknown_service';
    for (const ss of list(rs['scopeSpans'], 'scopeSpans')) {
      const scopeName = text((ss?.['scope'] as Obj | undefined)?.['name']);
      for (const span of list(ss?.['spans'], 'spans')) {
        const row = spanToRow(span, { serviceName, scopeName, resourceAttributes });
        if (typeof row === 'string') {
          out.rejected++;
          out.firstError ??= row;
        } else out.rows.push(row);
      }
    }
  }
  return out;
}

interface SpanContext {
  serviceName: string;
  scopeName: string;
  resourceAttributes: SpanRow['resourceAttributes'];
}

/** One span to a row, or the reason it was rejected. */
function spanToRow(span: Obj, ctx: SpanContext): SpanRow | string {
  if (span === null || typeof span !== 'object') return 'a span is not an object';
  const traceId = idToBigInt(span['traceId'], 16);
  const spanId = idToBigInt(span['spanId'], 8);
  const parent = idToBigInt(span['parentSpanId'], 8);
  if (!traceId) return 'invalid traceId (want 16 non-zero bytes)';
  if (!spanId) return 'invalid spanId (want 8 non-zero bytes)';
  if (parent === undefined) return 'invalid parentSpanId';
  const start = toInt64(span['startTimeUnixNano']);
  const end = toInt64(span['endTimeUnixNano']);
  if (start === undefined || end === undefined || start <= 0n) return 'invalid start/end time';
  const kind = enumIndex(span['kind'], SPAN_KINDS, 'SPAN_KIND_');
  const status = (span['status'] ?? {}) as Obj;
  const code = enumIndex(status['code'], STATUS_CODES, 'STATUS_CODE_');
  if (kind === undefined || code === undefined) return 'invalid kind or status code';
  return {
    traceId,
    spanId,
    parentSpanId: parent === null || parent === 0n ? null : parent,
    name: text(span['name']),
    kind: SPAN_KINDS[kind]!,
    serviceName: ctx.serviceName,
    scopeName: ctx.scopeName,
    startUnixNano: start,
    endUnixNano: end,
    durationMs: end > start ? Number(end - start) / 1e6 : 0,
    statusCode: STATUS_CODES[code]!,
    statusMessage: text(status['message']),
    attributes: keyValues(span['attributes']),
    resourceAttributes: ctx.resourceAttributes,
    events: list(span['events'], 'events').map(toEvent),
  };
}

function toEvent(event: Obj): SpanEventRow {
  return {
    name: text(event?.['name']),
    timeUnixNano: (toInt64(event?.['timeUnixNano']) ?? 0n).toString(),
    attributes: keyValues(event?.['attributes']),
  };
}
