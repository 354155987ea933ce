import * as proxies from './api-proxies.js';
import type { ApiRequest, ApiResponse } from './api-proxies.js';
import * as toxics from './api-toxics.js';

type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;
export type { Handler };

/** One route: a path pattern (`{name}` matches one segment) and a handler per method. */
export interface Route {
  readonly pattern: readonly string[];
  readonly methods: Readonly<Record<string, Handler>>;
}

/** Toxiproxy's routes (gorilla/mux table of api.go). `/metrics` is added by the server when enabled. */
export const ROUTES: readonly Route[] = [
  { pattern: ['reset'], methods: { POST: proxies.reset } },
  { pattern: ['proxies'], methods: { GET: proxies.proxyIndex, POST: proxies.proxyCreate } },
  { pattern: ['populate'], methods: { POST: proxies.populate } },
  {
    pattern: ['proxies', '{proxy}'],
    methods: {
      GET: proxies.proxyShow,
      POST: proxies.proxyUpdate,
      PATCH: proxies.proxyUpdate,
      DELETE: proxies.proxyDelete,
    },
  },
  {
    pattern: ['proxies', '{proxy}', 'toxics'],
    methods: { GET: toxics.toxicIndex, POST: toxics.toxicCreate },
  },
  {
    pattern: ['proxies', '{proxy}', 'toxics', '{toxic}'],
    methods: {
      GET: toxics.toxicShow,
      POST: toxics.toxicUpdate,
      PATCH: toxics.toxicUpdate,
      DELETE: toxics.toxicDelete,
    },
  },
  { pattern: ['version'], methods: { GET: proxies.version } },
];

/** Matches a decoded path against the routes; returns the route and its parameters. */
export function matchRoute(
  routes: readonly Route[],
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  if (!path.startsWith('/')) return undefined;
  const segments = path.slice(1).split('/');
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.pattern.every((p, i) => {
      const s = segments[i] as string;
      if (p.startsWith('{')) {
        params[p.slice(1, -1)] = s;
        return s.length > 0;
      }
      return p === s;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
