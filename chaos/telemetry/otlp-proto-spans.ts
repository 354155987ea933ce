import type { DecodedSpans } from './otlp-spans.js';
import { attributesOf, keyValue, stringField } from './otlp-proto-values.js';
import { ProtoReader, ProtoWireError, WIRE } from './proto-reader.js';
import {
  SPAN_KINDS,
  STATUS_CODES,
  type AttributeValue,
  type SpanEventRow,
  type SpanRow,
} from './span-row.js';

/**
 * Decodes a protobuf ExportTraceServiceRequest straight from its bytes into span rows, with the
 * rules of `requestToRows` (same rows, same rejections, same first error), but without building
 * protobufjs messages, Longs and per-field objects first: the receiver's protobuf path.
 *
 *   request ─► resourceSpans ─► (resource attributes, service.name)
 *                    └─► scopeSpans ─► (scope name) ─► spans ─► SpanRow | rejection
 *
 * Field numbers follow opentelemetry-proto v1 (`otlp-trace.proto`); unknown fields are skipped.
 * Resource and scope may follow their spans on the wire, so each envelope is read in two passes:
 * its resource or scope first, then its spans. Throws `ProtoWireError` on malformed bytes.
 */
export function decodeProtoSpans(body: Uint8Array): DecodedSpans {
  const r = ProtoReader.of(body);
  const out: DecodedSpans = { rows: [], rejected: 0 };
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 !== 1) {
      r.skip(tag & 7);
      continue;
    }
    r.expect(tag & 7, WIRE.bytes, 'resource_spans');
    const end = r.delimited();
    resourceSpans(new ProtoReader(r.buf, r.pos, end), out);
    r.pos = end;
  }
  return out;
}

interface Envelope {
  serviceName: string;
  scopeName: string;
  resourceAttributes: Record<string, AttributeValue>;
}

function resourceSpans(r: ProtoReader, out: DecodedSpans): void {
  let resourceAttributes: Record<string, AttributeValue> = {};
  const scopes: [number, number][] = [];
  while (!r.done) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      r.expect(tag & 7, WIRE.bytes, 'resource');
      const outer = r.enter();
      resourceAttributes = attributesOf(r, 1);
      r.leave(outer);
    } else if (field === 2) {
      r.expect(tag & 7, WIRE.bytes, 'scope_spans');
      const end = r.delimited();
      scopes.push([r.pos, end]);
      r.pos = end;
    } else r.skip(tag & 7);
  }
  const service = resourceAttributes['service.name'];
  const serviceName = typeof service === 'string' && service !== '' ? service : 'unknown_service';
  for (const [start, end] of scopes)
    scopeSpans(new ProtoReader(r.buf, start, end), { serviceName, scopeName: '', resourceAttributes }, out);
}

/** Two passes over one ScopeSpans: its scope name first, then its spans (no per-span ranges). */
function scopeSpans(r: ProtoReader, envelope: Envelope, out: DecodedSpans): void {
  const start = r.pos;
  let scopeName = '';
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) {
      r.expect(tag & 7, WIRE.bytes, 'scope');
      const outer = r.enter();
      scopeName = stringField(r, 1);
      r.leave(outer);
    } else r.skip(tag & 7);
  }
  const ctx = { ...envelope, scopeName };
  r.pos = start;
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 !== 2) {
      r.skip(tag & 7);
      continue;
    }
    r.expect(tag & 7, WIRE.bytes, 'spans');
    const outer = r.enter();
    const row = span(r, ctx);
    r.leave(outer);
    if (typeof row === 'string') {
      out.rejected++;
      out.firstError ??= row;
    } else out.rows.push(row);
  }
}

/** Shared by every span without events (rows are read, never changed). */
const NO_EVENTS: SpanEventRow[] = [];

/** One span's fields, then the checks of `spanToRow`; ids are kept as offsets until then. */
function span(r: ProtoReader, ctx: Envelope): SpanRow | string {
  let traceAt = -1;
  let traceLength = 0;
  let spanAt = -1;
  let spanLength = 0;
  let parentAt = -1;
  let parentLength = 0;
  let name = '';
  let kindIndex = 0;
  let start = 0n;
  let end = 0n;
  const st = { code: 0, message: '' };
  const attributes: Record<string, AttributeValue> = {};
  let events = NO_EVENTS;
  while (!r.done) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        traceLength = bytesField(r, wire, 'trace_id');
        traceAt = r.pos - traceLength;
        break;
      case 2:
        spanLength = bytesField(r, wire, 'span_id');
        spanAt = r.pos - spanLength;
        break;
      case 4:
        parentLength = bytesField(r, wire, 'parent_span_id');
        parentAt = r.pos - parentLength;
        break;
      case 5:
        r.expect(wire, WIRE.bytes, 'name');
        name = r.string();
        break;
      case 6:
        r.expect(wire, WIRE.varint, 'kind');
        kindIndex = r.uint32() | 0;
        break;
      case 7:
        r.expect(wire, WIRE.fixed64, 'start_time_unix_nano');
        start = r.fixed64();
        break;
      case 8:
        r.expect(wire, WIRE.fixed64, 'end_time_unix_nano');
        end = r.fixed64();
        break;
      case 9:
        keyValue(r, wire, attributes);
        break;
      case 11:
        if (events === NO_EVENTS) events = [];
        events.push(event(r, wire));
        break;
      case 15:
        status(r, wire, st);
        break;
      default:
        r.skip(wire);
    }
  }
  const traceId = id(r.buf, traceAt, traceLength, 16);
  const spanId = id(r.buf, spanAt, spanLength, 8);
  const parent = id(r.buf, parentAt, parentLength, 8);
  if (!traceId) return 'invalid traceId (want 16 non-zero bytes)';
  if (!spanId) return 'invalid spanId (want 8 non-zero bytes)';
  if (parent === undefined) return 'invalid parentSpanId';
  if (start <= 0n) return 'invalid start/end time';
  const kind = SPAN_KINDS[kindIndex];
  const statusCode = STATUS_CODES[st.code];
  if (kind === undefined || statusCode === undefined) return 'invalid kind or status code';
  return {
    traceId,
    spanId,
    parentSpanId: parent === null || parent === 0n ? null : parent,
    name,
    kind,
    serviceName: ctx.serviceName,
    scopeName: ctx.scopeName,
    startUnixNano: start,
    endUnixNano: end,
    durationMs: end > start ? Number(end - start) / 1e6 : 0,
    statusCode,
    statusMessage: st.message,
    attributes,
    resourceAttributes: ctx.resourceAttributes,
    events,
  };
}

/** Skips over a bytes field and returns its length (it ends at the new `pos`). */
function bytesField(r: ProtoReader, wire: number, field: string): number {
  r.expect(wire, WIRE.bytes, field);
  const end = r.delimited();
  const length = end - r.pos;
  r.pos = end;
  return length;
}

/** An id as `idToBigInt` reads it: null when absent or empty, undefined when the length is wrong. */
function id(buf: Buffer, at: number, length: number, bytes: 8 | 16): bigint | null | undefined {
  if (at < 0 || length === 0) return null;
  if (length !== bytes) return undefined;
  const high = buf.readBigUInt64BE(at);
  return bytes === 8 ? high : (high << 64n) | buf.readBigUInt64BE(at + 8);
}

function status(r: ProtoReader, wire: number, s: { code: number; message: string }): void {
  r.expect(wire, WIRE.bytes, 'status');
  const outer = r.enter();
  // A repeated status replaces the earlier one, as protobufjs does.
  s.code = 0;
  s.message = '';
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 === 2) {
      r.expect(tag & 7, WIRE.bytes, 'status.message');
      s.message = r.string();
    } else if (tag >>> 3 === 3) {
      r.expect(tag & 7, WIRE.varint, 'status.code');
      s.code = r.uint32() | 0;
    } else r.skip(tag & 7);
  }
  r.leave(outer);
}

function event(r: ProtoReader, wire: number): SpanEventRow {
  r.expect(wire, WIRE.bytes, 'events');
  const outer = r.enter();
  const e: SpanEventRow = { name: '', timeUnixNano: '0', attributes: {} };
  while (!r.done) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      r.expect(tag & 7, WIRE.fixed64, 'event.time_unix_nano');
      e.timeUnixNano = r.fixed64().toString();
    } else if (field === 2) {
      r.expect(tag & 7, WIRE.bytes, 'event.name');
      e.name = r.string();
    } else if (field === 3) keyValue(r, tag & 7, e.attributes);
    else r.skip(tag & 7);
  }
  r.leave(outer);
  return e;
}

export { ProtoWireError };
