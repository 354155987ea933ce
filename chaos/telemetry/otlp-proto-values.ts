import type { AttributeValue } from './span-row.js';
import { WIRE, type ProtoReader } from './proto-reader.js';

/**
 * OTLP common messages read straight from protobuf bytes (the protobuf side of `otlp-values.ts`):
 * KeyValue lists into plain objects and AnyValue into JSON values, with the same results as
 * `keyValues`/`anyValue` over protobufjs messages, except that in a malformed AnyValue holding
 * several members the last one wins (protobuf's oneof rule).
 */

/** The repeated KeyValue field `field` of a message (Resource.attributes is field 1). */
export function attributesOf(r: ProtoReader, field: number): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 === field) keyValue(r, tag & 7, out);
    else r.skip(tag & 7);
  }
  return out;
}

/** A string field of a small message (InstrumentationScope.name is field 1); '' when absent. */
export function stringField(r: ProtoReader, field: number): string {
  let value = '';
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 === field) {
      r.expect(tag & 7, WIRE.bytes, 'string');
      value = r.string();
    } else r.skip(tag & 7);
  }
  return value;
}

/** One KeyValue into `out` (later keys win; a missing key is '', a missing value null). */
export function keyValue(r: ProtoReader, wire: number, out: Record<string, AttributeValue>): void {
  r.expect(wire, WIRE.bytes, 'KeyValue');
  const outer = r.enter();
  let key = '';
  let value: AttributeValue = null;
  while (!r.done) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      r.expect(tag & 7, WIRE.bytes, 'KeyValue.key');
      key = r.string();
    } else if (field === 2) {
      r.expect(tag & 7, WIRE.bytes, 'KeyValue.value');
      const valueOuter = r.enter();
      value = anyValue(r);
      r.leave(valueOuter);
    } else r.skip(tag & 7);
  }
  out[key] = value;
  r.leave(outer);
}

/** An AnyValue as `anyValue` decodes it; the last member on the wire wins (oneof). */
function anyValue(r: ProtoReader): AttributeValue {
  let value: AttributeValue = null;
  while (!r.done) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE.bytes, 'string_value');
        value = r.string();
        break;
      case 2:
        r.expect(wire, WIRE.varint, 'bool_value');
        value = r.uint32() !== 0;
        break;
      case 3:
        r.expect(wire, WIRE.varint, 'int_value');
        value = safeInt(r.int64());
        break;
      case 4:
        r.expect(wire, WIRE.fixed64, 'double_value');
        value = r.double();
        break;
      case 5:
      case 6:
        value = nested(r, wire, tag >>> 3 === 5);
        break;
      case 7: {
        r.expect(wire, WIRE.bytes, 'bytes_value');
        const end = r.delimited();
        value = r.buf.toString('base64', r.pos, end);
        r.pos = end;
        break;
      }
      default:
        r.skip(wire);
    }
  }
  return value;
}

/** ArrayValue (a list) or KeyValueList (an object); both hold their entries in field 1. */
function nested(r: ProtoReader, wire: number, array: boolean): AttributeValue {
  r.expect(wire, WIRE.bytes, array ? 'array_value' : 'kvlist_value');
  const outer = r.enter();
  if (!array) {
    const object = attributesOf(r, 1);
    r.leave(outer);
    return object;
  }
  const values: AttributeValue[] = [];
  while (!r.done) {
    const tag = r.uint32();
    if (tag >>> 3 !== 1) {
      r.skip(tag & 7);
      continue;
    }
    r.expect(tag & 7, WIRE.bytes, 'ArrayValue.values');
    const valueOuter = r.enter();
    values.push(anyValue(r));
    r.leave(valueOuter);
  }
  r.leave(outer);
  return values;
}

/** int64 attribute values: numbers when safe, else decimal strings (as `anyValue` does). */
function safeInt(v: number | bigint): number | string {
  if (typeof v === 'number') return v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v.toString();
}
