import {
  checkToxicity,
  decodeAttributes,
  decodeToxicEnvelope,
  decodeToxicity,
  parseBody,
} from './api-decode.js';
import { apiError } from './api-error.js';
import type { ApiRequest, ApiResponse } from './api-proxies.js';
import { renderToxic } from './render.js';
import { readLeaseMs } from './toxic-lease.js';
import { DIRECTIONS, type Direction, type ToxicConfig } from './toxic-config.js';
import { toxicKind } from './toxics/registry.js';

const json = (body: string): ApiResponse => ({ status: 200, body, contentType: 'application/json' });

function parseStream(stream: string): Direction {
  const d = stream.toLowerCase();
  if (!(DIRECTIONS as readonly string[]).includes(d)) throw apiError('invalidStream');
  return d as Direction;
}

export function toxicIndex(req: ApiRequest): ApiResponse {
  const proxy = req.collection.get(req.params['proxy'] ?? '');
  return json(`[${proxy.toxicList().map(renderToxic).join(',')}]`);
}

/** Creates a toxic in Toxiproxy's validation order: body, stream, name, type, duplicate, attributes. */
export function toxicCreate(req: ApiRequest): ApiResponse {
  const proxy = req.collection.get(req.params['proxy'] ?? '');
  const body = parseBody(req.body);
  const env = decodeToxicEnvelope(body);
  const stream = env.stream ?? 'downstream';
  const direction = parseStream(stream);
  const type = env.type ?? '';
  const name = env.name ? env.name : `${type}_${stream}`;
  const kind = toxicKind(type);
  if (!kind) throw apiError('invalidToxicType');
  if (proxy.findToxic(name)) throw apiError('toxicAlreadyExists');
  const attributes = decodeAttributes(body, kind, {});
  const toxicity = env.toxicity ?? 1;
  checkToxicity(toxicity);
  const toxic: ToxicConfig = { name, type, stream, direction, toxicity, attributes, kind };
  proxy.addToxic(toxic);
  const leaseMs = req.leases ? readLeaseMs(req.body) : undefined;
  if (leaseMs !== undefined) req.leases?.schedule(proxy.name, name, leaseMs);
  return json(renderToxic(toxic));
}

function findToxic(req: ApiRequest): {
  proxy: ReturnType<ApiRequest['collection']['get']>;
  toxic: ToxicConfig;
} {
  const proxy = req.collection.get(req.params['proxy'] ?? '');
  const toxic = proxy.findToxic(req.params['toxic'] ?? '');
  if (!toxic) throw apiError('toxicNotFound');
  return { proxy, toxic };
}

export function toxicShow(req: ApiRequest): ApiResponse {
  return json(renderToxic(findToxic(req).toxic));
}

/** PATCH (or deprecated POST): merges attributes, keeps toxicity if absent, restarts live stages. */
export function toxicUpdate(req: ApiRequest): ApiResponse {
  const { proxy, toxic } = findToxic(req);
  const body = parseBody(req.body);
  const toxicity = decodeToxicity(body) ?? toxic.toxicity;
  const attributes = decodeAttributes(body, toxic.kind, toxic.attributes);
  checkToxicity(toxicity);
  const updated: ToxicConfig = { ...toxic, toxicity, attributes };
  proxy.updateToxic(updated);
  return json(renderToxic(updated));
}

export function toxicDelete(req: ApiRequest): ApiResponse {
  const { proxy, toxic } = findToxic(req);
  proxy.removeToxic(toxic);
  req.leases?.cancel(proxy.name, toxic.name);
  return { status: 204, body: '' };
}
