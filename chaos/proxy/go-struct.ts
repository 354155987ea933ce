import { GoJsonError, type JsonValue } from './go-json.js';

/** Go field types the Toxiproxy API decodes into. */
export type GoFieldType = 'string' | 'bool' | 'int64' | 'int' | 'float32';

/** One struct field: its JSON tag and Go type. */
export interface GoField {
  readonly json: string;
  readonly type: GoFieldType;
}

const INT_RANGE: Record<'int64' | 'int', bigint> = { int64: 2n ** 63n, int: 2n ** 63n };

function typeError(what: string, struct: string, path: string, type: string): GoJsonError {
  return new GoJsonError(
    `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${type}`,
  );
}

function decodeField(v: JsonValue, field: GoField, struct: string, path: string): unknown {
  const t = field.type;
  if (t === 'string' && v.kind === 'string') return v.value;
  if (t === 'bool' && v.kind === 'bool') return v.value;
  if (v.kind !== 'number' || t === 'string' || t === 'bool') throw typeError(v.kind, struct, path, t);
  if (t === 'float32') {
    const f = Math.fround(Number(v.raw));
    if (!Number.isFinite(f)) throw typeError(`number ${v.raw}`, struct, path, t);
    return f;
  }
  if (!/^-?\d+$/.test(v.raw)) throw typeError(`number ${v.raw}`, struct, path, t);
  const big = BigInt(v.raw);
  if (big >= INT_RANGE[t] || big < -INT_RANGE[t]) throw typeError(`number ${v.raw}`, struct, path, t);
  return Number(big);
}

/**
 * Decodes a JSON object into the given fields the way Go's `encoding/json` does: keys match
 * case-insensitively, unknown keys and `null` values are ignored, the last duplicate wins, and the
 * first type mismatch is reported with Go's wording. Returns only the fields present.
 * @param struct Go struct name used in messages (e.g. `ToxicWrapper`).
 * @param goType Go type used when the value is not an object (e.g. `toxics.ToxicWrapper`).
 * @param prefix field path prefix for nested structs (e.g. `attributes.`).
 */
export function decodeStruct(
  value: JsonValue,
  fields: readonly GoField[],
  struct: string,
  goType: string,
  prefix = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value.kind === 'null') return out;
  if (value.kind !== 'object') {
    if (prefix) throw typeError(value.kind, struct, prefix.slice(0, -1), goType);
    throw new GoJsonError(`json: cannot unmarshal ${value.kind} into Go value of type ${goType}`);
  }
  let firstError: GoJsonError | undefined;
  for (const [key, v] of value.entries) {
    const field = fields.find((f) => f.json.toLowerCase() === key.toLowerCase());
    if (!field || v.kind === 'null') continue;
    try {
      out[field.json] = decodeField(v, field, struct, prefix + field.json);
    } catch (err) {
      firstError ??= err as GoJsonError;
    }
  }
  if (firstError) throw firstError;
  return out;
}

/** Finds a key case-insensitively (last match wins, like Go), for nested objects such as `attributes`. */
export function findKey(value: JsonValue, key: string): JsonValue | undefined {
  if (value.kind !== 'object') return undefined;
  let found: JsonValue | undefined;
  for (const [k, v] of value.entries) if (k.toLowerCase() === key.toLowerCase()) found = v;
  return found;
}
