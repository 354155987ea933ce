import type { z } from 'zod';
import type { DocPath } from './problem.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ; def = defOf(current)) {
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** True when a union option (possibly itself a discriminated union) accepts the discriminator value. */
function accepts(option: z.ZodType, key: string, wanted: unknown): boolean {
  const def = defOf(unwrap(option));
  if (def.type === 'union') return (def.options ?? []).some((o) => accepts(o, key, wanted));
  const field = def.shape?.[key];
  return field !== undefined && (defOf(unwrap(field)).values ?? []).includes(wanted);
}

/** For a discriminated union, the option whose discriminator literal matches the data. */
function pickOption(def: Def, data: unknown): z.ZodType | undefined {
  if (def.discriminator === undefined || typeof data !== 'object' || data === null) return undefined;
  const wanted = (data as Record<string, unknown>)[def.discriminator];
  return def.options?.find((option) => accepts(option, def.discriminator as string, wanted));
}

function step(schema: z.ZodType, data: unknown, part: string | number): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape?.[String(part)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    const option = pickOption(def, data);
    return option === undefined ? undefined : step(unwrap(option), data, part);
  }
  return undefined;
}

/**
 * The keys the schema allows in the object at `path` of `data` (for "did you mean" hints on
 * unknown keys). Empty when the path does not lead to an object schema.
 */
export function allowedKeysAt(root: z.ZodType, data: unknown, path: DocPath): string[] {
  let schema: z.ZodType | undefined = unwrap(root);
  let value = data;
  for (const part of path) {
    schema = step(schema, value, part);
    if (schema === undefined) return [];
    schema = unwrap(schema);
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  let def = defOf(schema);
  for (let depth = 0; def.type === 'union' && depth < 4; depth++) {
    const option = pickOption(def, value);
    if (option === undefined) return [];
    def = defOf(unwrap(option));
  }
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
