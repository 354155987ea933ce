import { resolveListen } from './address.js';
import { decodePopulateItems, decodeProxyFields, parseBody } from './api-decode.js';
import { apiError, type ApiError } from './api-error.js';
import type { ProxyCollection, ProxyInput } from './collection.js';
import type { Proxy } from './proxy.js';
import { goString, renderProxy, renderProxyList, renderProxyMap } from './render.js';
import type { ToxicLeases } from './toxic-lease.js';

/** A handler's answer; errors are thrown as `ApiError` instead. */
export interface ApiResponse {
  status: number;
  body: string;
  contentType?: string;
}

/** What a handler gets: the collection, the path parameters and the raw request body. */
export interface ApiRequest {
  collection: ProxyCollection;
  params: Record<string, string>;
  body: string;
  /** Faultline's proxy-side toxic leases (`lease_ms`); absent when embedded without them. */
  leases?: ToxicLeases;
}

const json = (body: string, status = 200): ApiResponse => ({ status, body, contentType: 'application/json' });

export function proxyIndex(req: ApiRequest): ApiResponse {
  return json(renderProxyMap(req.collection.list()));
}

export async function proxyCreate(req: ApiRequest): Promise<ApiResponse> {
  const input = decodeProxyFields(parseBody(req.body));
  if (!input.name) throw apiError('missingField', 'name');
  if (!input.upstream) throw apiError('missingField', 'upstream');
  const proxy = await req.collection.create({
    name: input.name,
    listen: input.listen ?? '',
    upstream: input.upstream,
    enabled: input.enabled ?? true,
  });
  return json(renderProxy(proxy), 201);
}

export function proxyShow(req: ApiRequest): ApiResponse {
  return json(renderProxy(req.collection.get(req.params['proxy'] ?? '')));
}

/** PATCH (or deprecated POST): fields left out keep their values; a move restarts the proxy. */
export async function proxyUpdate(req: ApiRequest): Promise<ApiResponse> {
  const proxy = req.collection.get(req.params['proxy'] ?? '');
  const input = decodeProxyFields(parseBody(req.body));
  await applyUpdate(proxy, {
    name: proxy.name,
    listen: input.listen ?? proxy.listen,
    upstream: input.upstream ?? proxy.upstream,
    enabled: input.enabled ?? proxy.enabled,
  });
  return json(renderProxy(proxy));
}

async function applyUpdate(proxy: Proxy, input: ProxyInput): Promise<void> {
  const next = await resolveListen(input.listen);
  const current = await resolveListen(proxy.listen).catch(() => undefined);
  const moved =
    input.upstream !== proxy.upstream ||
    next.port === 0 ||
    current === undefined ||
    current.host !== next.host ||
    current.port !== next.port;
  if (moved) {
    proxy.stop();
    proxy.listen = input.listen;
    proxy.upstream = input.upstream;
  }
  if (input.enabled && !proxy.enabled) await proxy.start();
  else if (!input.enabled && proxy.enabled) proxy.stop();
}

export function proxyDelete(req: ApiRequest): ApiResponse {
  const name = req.params['proxy'] ?? '';
  req.collection.remove(name);
  req.leases?.cancelProxy(name);
  return { status: 204, body: '' };
}

/** /populate: validate every item first, then apply in order; errors are JSON with `proxies`. */
export async function populate(req: ApiRequest): Promise<ApiResponse> {
  let items: ProxyInput[];
  try {
    const raw = decodePopulateItems(parseBody(req.body));
    items = raw.map((r, i) => {
      if (!r.name) throw apiError('missingField', `name at proxy ${i + 1}`);
      if (!r.upstream) throw apiError('missingField', `upstream at proxy ${i + 1}`);
      return { name: r.name, listen: r.listen ?? '', upstream: r.upstream, enabled: r.enabled ?? true };
    });
  } catch (err) {
    return populateError(err as ApiError, 'null');
  }
  const result = await req.collection.populate(items);
  if (result.error) return populateError(result.error, renderProxyList(result.proxies));
  return json(`{"proxies":${renderProxyList(result.proxies)}}`, 201);
}

function populateError(err: ApiError, proxies: string): ApiResponse {
  if (typeof err.status !== 'number') throw err;
  return json(`{"error":${goString(err.message)},"status":${err.status},"proxies":${proxies}}`, err.status);
}

export async function reset(req: ApiRequest): Promise<ApiResponse> {
  await req.collection.reset();
  req.leases?.cancelAll();
  return { status: 204, body: '' };
}

/** The Toxiproxy version this server emulates, spelled as `toxiproxy-server` 2.12.0 reports it (no "v"). */
export const TOXIPROXY_VERSION = '2.12.0';

export function version(): ApiResponse {
  return {
    status: 200,
    body: `{"version": "${TOXIPROXY_VERSION}"}\n`,
    contentType: 'application/json;charset=utf-8',
  };
}
