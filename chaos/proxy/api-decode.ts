import { apiError } from './api-error.js';
import { GoJsonError, decodeFirstValue, type JsonValue } from './go-json.js';
import { decodeStruct, findKey, type GoField } from './go-struct.js';
import type { ToxicKind } from './toxics/toxic.js';

const PROXY_FIELDS: readonly GoField[] = [
  { json: 'name', type: 'string' },
  { json: 'listen', type: 'string' },
  { json: 'upstream', type: 'string' },
  { json: 'enabled', type: 'bool' },
];
const WRAPPER_FIELDS: readonly GoField[] = [
  { json: 'name', type: 'string' },
  { json: 'type', type: 'string' },
  { json: 'stream', type: 'string' },
  { json: 'toxicity', type: 'float32' },
];
const POPULATE_TYPE = '[]struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }';

/** Runs a decode step and turns Go decode errors into 400 `bad request body: ...`. */
function badBody<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof GoJsonError) throw apiError('badRequestBody', err.message, err);
    throw err;
  }
}

/** Parses the first JSON value of a request body (400 on a syntax error or empty body). */
export function parseBody(text: string): JsonValue {
  return badBody(() => decodeFirstValue(text));
}

/** Proxy fields present in a body (`name`, `listen`, `upstream`, `enabled`). */
export function decodeProxyFields(body: JsonValue): Partial<
  Record<'name' | 'listen' | 'upstream', string>
> & {
  enabled?: boolean;
} {
  return badBody(() => decodeStruct(body, PROXY_FIELDS, 'Proxy', 'toxiproxy.Proxy'));
}

/** The items of a /populate body: an array of proxy objects. */
export function decodePopulateItems(body: JsonValue): ReturnType<typeof decodeProxyFields>[] {
  return badBody(() => {
    if (body.kind === 'null') return [];
    if (body.kind !== 'array') {
      throw new GoJsonError(`json: cannot unmarshal ${body.kind} into Go value of type ${POPULATE_TYPE}`);
    }
    return body.items.map((item) => decodeStruct(item, PROXY_FIELDS, '', 'struct { toxiproxy.Proxy }'));
  });
}

/** The envelope of a toxic create: name, type, stream, toxicity (present keys only). */
export function decodeToxicEnvelope(body: JsonValue): {
  name?: string;
  type?: string;
  stream?: string;
  toxicity?: number;
} {
  return badBody(() => decodeStruct(body, WRAPPER_FIELDS, 'ToxicWrapper', 'toxics.ToxicWrapper'));
}

/** The `attributes` of a toxic body for its kind, merged over `base`, then validated (400). */
export function decodeAttributes(
  body: JsonValue,
  kind: ToxicKind,
  base: Readonly<Record<string, number>>,
): Record<string, number> {
  const fields: GoField[] = kind.attributes.map((a) => ({ json: a.name, type: a.goType }));
  const raw = findKey(body, 'attributes');
  const parsed = raw
    ? badBody(() => decodeStruct(raw, fields, kind.goStruct, `toxics.${kind.goStruct}`, 'attributes.'))
    : {};
  const attrs = { ...base, ...(parsed as Record<string, number>) };
  const reason = kind.validate(attrs);
  if (reason !== undefined) throw apiError('badRequestBody', `${kind.type}: ${reason}`);
  return attrs;
}

/** The `toxicity` of a toxic update body, if present (400 on a wrong type). */
export function decodeToxicity(body: JsonValue): number | undefined {
  const fields: GoField[] = [{ json: 'toxicity', type: 'float32' }];
  return badBody(() =>
    decodeStruct(body, fields, '', 'struct { Attributes interface {}; Toxicity float32 }'),
  )['toxicity'] as number | undefined;
}

/** Rejects a toxicity outside [0, 1] (the original accepts it; we refuse nonsense). */
export function checkToxicity(toxicity: number): void {
  if (!(toxicity >= 0 && toxicity <= 1)) {
    throw apiError('badRequestBody', `toxicity must be between 0 and 1, got ${toxicity}`);
  }
}
