import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { formatAddress } from './address.js';
import { toApiError } from './api-error.js';
import { populate, type ApiResponse } from './api-proxies.js';
import { ROUTES, matchRoute, type Route } from './api-routes.js';
import { ProxyCollection } from './collection.js';
import { ProxyMetrics, renderRuntimeMetrics } from './metrics.js';
import { goString } from './render.js';
import { requestId } from './request-id.js';
import { TOXIPROXY_VERSION } from './api-proxies.js';
import { ToxicLeases } from './toxic-lease.js';

/** Options of the embeddable server. */
export interface ProxyServerOptions {
  /** API host; default `127.0.0.1` (loopback only). */
  host?: string;
  /** API port; default 8474; 0 picks a free port. */
  port?: number;
  /** A /populate array (or the path of a JSON file holding one) applied at startup. */
  populate?: unknown[] | string;
  /** Enables the byte counters and `GET /metrics`. */
  proxyMetrics?: boolean;
  /** Enables process metrics and `GET /metrics`. */
  runtimeMetrics?: boolean;
  /** Random source for toxicity, jitter and slicer (default `Math.random`). */
  random?: () => number;
  /** Receives one line per notable event (populate result, errors); default: silent. */
  log?: (event: Record<string, unknown>) => void;
}

/** A running server. */
export interface ProxyServer {
  url: string;
  port: number;
  /** Stops the API and every proxy; resolves when the API socket is closed. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else parts.push(b);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function send(res: ServerResponse, r: ApiResponse): void {
  if (r.contentType) res.setHeader('Content-Type', r.contentType);
  if (r.status !== 204) res.setHeader('Content-Length', Buffer.byteLength(r.body));
  res.writeHead(r.status);
  res.end(r.body);
}

function decodePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Starts a Toxiproxy-compatible API server (v2 HTTP API) plus its proxies.
 * Binds loopback by default; `close()` shuts everything down.
 */
export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const metrics = options.proxyMetrics ? new ProxyMetrics() : undefined;
  const collection = new ProxyCollection({ random: options.random ?? Math.random, metrics });
  const log = options.log ?? ((): void => undefined);
  const leases = new ToxicLeases((proxyName, toxicName) => {
    const proxy = collection.list().find((p) => p.name === proxyName);
    const toxic = proxy?.findToxic(toxicName);
    if (!proxy || !toxic) return;
    proxy.removeToxic(toxic);
    log({ level: 'info', msg: 'toxic lease expired; toxic removed', proxy: proxyName, toxic: toxicName });
  });
  const routes: Route[] = [...ROUTES];
  if (options.proxyMetrics || options.runtimeMetrics) {
    const render = (): ApiResponse => ({
      status: 200,
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
      body:
        (metrics?.render() ?? '') + (options.runtimeMetrics ? renderRuntimeMetrics(TOXIPROXY_VERSION) : ''),
    });
    routes.push({ pattern: ['metrics'], methods: { GET: render, POST: render, HEAD: render } });
  }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = matchRoute(routes, decodePath(req.url ?? '/'));
    if (!match) return sendError(res, 404, '404 page not found');
    const handler = match.route.methods[req.method ?? ''];
    if (!handler) {
      res.writeHead(405, { 'Content-Length': 0 });
      return void res.end();
    }
    res.setHeader('X-Toxiproxy-Request-Id', requestId());
    if ((req.headers['user-agent'] ?? '').startsWith('Mozilla/'))
      return sendError(res, 403, 'User agent not allowed');
    const body = await readBody(req);
    try {
      send(res, await handler({ collection, params: match.params, body, leases }));
    } catch (err) {
      const e = toApiError(err);
      if (e.status >= 500) log({ level: 'warn', msg: 'api error', error: e.message });
      sendError(res, e.status, `{"error":${goString(e.message)},"status":${e.status}}`);
    }
  };
  const http = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      log({ level: 'error', msg: 'request failed', error: String(err) });
      if (!res.headersSent) sendError(res, 500, '{"error":"internal error","status":500}');
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  // Like toxiproxy-server: the proxies exist before the API answers.
  if (options.populate !== undefined) await populateAtStart(options.populate, collection, log);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8474, host, () => resolve());
  });
  const address = http.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://${formatAddress(host, port)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        leases.cancelAll();
        collection.stopAll();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

// Like toxiproxy-server -config: errors are logged, never fatal.
async function populateAtStart(
  source: unknown[] | string,
  collection: ProxyCollection,
  log: (e: Record<string, unknown>) => void,
): Promise<void> {
  try {
    const body = typeof source === 'string' ? await readFile(source, 'utf8') : JSON.stringify(source);
    const r = await populate({ collection, params: {}, body });
    if (r.status >= 400) log({ level: 'error', msg: 'failed to populate proxies from file', detail: r.body });
    else log({ level: 'info', msg: 'populated proxies from file', proxies: collection.list().length });
  } catch (err) {
    log({ level: 'error', msg: 'error reading config file', error: toApiError(err).message });
  }
}
