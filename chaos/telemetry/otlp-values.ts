import type { AttributeValue } from './span-row.js';

/**
 * Field readers shared by the JSON and protobuf paths. Both arrive as camelCase objects; they differ
 * in ids (hex strings vs bytes), 64-bit integers (string/number vs Long) and absent fields
 * (undefined vs protobuf defaults).
 */

const HEX = /^[0-9a-fA-F]*$/;

/**
 * An id of `bytes` bytes given as hex text (JSON) or bytes (protobuf), as an unsigned big-endian
 * integer: null when absent or empty, undefined when malformed (wrong length or not hex). An
 * all-zero id is 0n; callers decide whether that is valid.
 */
export function idToBigInt(value: unknown, bytes: 8 | 16): bigint | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (value.length === 0) return null;
    return value.length === bytes * 2 && HEX.test(value) ? BigInt(`0x${value}`) : undefined;
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength === 0) return null;
    if (value.byteLength !== bytes) return undefined;
    const view = new DataView(value.buffer, value.byteOffset, bytes);
    const high = view.getBigUint64(0);
    return bytes === 8 ? high : (high << 64n) | view.getBigUint64(8);
  }
  // protobufjs' reflection default for an absent bytes field is an empty array.
  if (Array.isArray(value) && value.length === 0) return null;
  return undefined;
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

/** A 64-bit integer from a decimal string, a number or a protobufjs Long; undefined if invalid. */
export function toInt64(value: unknown): bigint | undefined {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
  if (typeof value === 'string') return /^-?\d+$/.test(value) ? BigInt(value) : undefined;
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    const long = value as LongLike;
    const high = long.unsigned ? BigInt(long.high >>> 0) : BigInt(long.high);
    return (high << 32n) + BigInt(long.low >>> 0);
  }
  return undefined;
}

/** An enum given as a number (protobuf, OTLP JSON) or a `PREFIX_NAME` string (lenient JSON). */
export function enumIndex(value: unknown, names: readonly string[], prefix: string): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value < names.length ? value : undefined;
  if (typeof value === 'string') {
    const index = names.indexOf(value.startsWith(prefix) ? value.slice(prefix.length) : value);
    return index >= 0 ? index : undefined;
  }
  return undefined;
}

type AnyValue = Record<string, unknown>;

/**
 * Decodes an OTLP AnyValue; int64 values become numbers when safe, else decimal strings. The set
 * member is the object's own key: protobufjs keeps defaults on the prototype, JSON has one key.
 */
export function anyValue(value: unknown): AttributeValue {
  if (value === null || typeof value !== 'object') return null;
  const v = value as AnyValue;
  const key = Object.keys(v).find((k) => v[k] !== null && v[k] !== undefined);
  const x = key === undefined ? undefined : v[key];
  switch (key) {
    case 'stringValue':
      return String(x);
    case 'boolValue':
      return Boolean(x);
    case 'intValue':
      return intValue(x);
    case 'doubleValue':
      return Number(x);
    case 'arrayValue':
      return ((x as { values?: unknown[] }).values ?? []).map(anyValue);
    case 'kvlistValue':
      return keyValues((x as { values?: unknown[] }).values);
    case 'bytesValue':
      return x instanceof Uint8Array ? Buffer.from(x).toString('base64') : String(x);
    case undefined:
    default:
      return null;
  }
}

/** A string field: strings as they are, numbers and booleans as text, anything else ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function intValue(x: unknown): AttributeValue {
  const n = toInt64(x);
  if (n === undefined) return null;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(n)
    : n.toString();
}

/** Decodes a repeated KeyValue into a plain object (later keys win). */
export function keyValues(list: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as { key?: unknown; value?: unknown }[]) {
    if (kv && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value);
  }
  return out;
}
