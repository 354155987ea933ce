import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of the stand-in gateway used by load tests and the benchmark. */
export interface MiniGatewayOptions {
  /** Delay before every response (ms); default 0. */
  delayMs?: number;
  /** An order turns `completed` this long after creation (ms); default 50. */
  terminalAfterMs?: number;
  /** Required `X-Api-Key`; default `faultline-dev-key`. */
  apiKey?: string;
  /** Keep each request's method, path and headers (for assertions); default false. */
  record?: boolean;
}

/** A request the mini gateway saw. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/** A running mini gateway on 127.0.0.1 and an ephemeral port. */
export interface MiniGateway {
  baseUrl: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * The slice of docs/gateway-api.md the load journeys call (orders, order polls, products),
 * in-memory, so load tests need no fleet. Test and benchmark support only.
 */
export async function startMiniGateway(options: MiniGatewayOptions = {}): Promise<MiniGateway> {
  const orders = new Map<string, number>();
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    if (options.record) seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    req.once('end', () => {
      const respond = () => route(req, res, orders, options);
      if (options.delayMs) setTimeout(respond, options.delayMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  orders: Map<string, number>,
  options: MiniGatewayOptions,
) {
  if (req.headers['x-api-key'] !== (options.apiKey ?? 'faultline-dev-key'))
    return send(res, 401, { title: 'unauthorized' });
  // The query (`?wait=` on a status poll) is ignored: this stand-in answers at once.
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (req.method === 'POST' && path === '/v1/orders') {
    const id = randomUUID();
    orders.set(id, Date.now());
    return send(res, 202, { id, status: 'pending' });
  }
  const order = /^\/v1\/orders\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && order) {
    const createdAt = orders.get(order[1] ?? '');
    if (createdAt === undefined) return send(res, 404, { title: 'not found' });
    const done = Date.now() - createdAt >= (options.terminalAfterMs ?? 50);
    return send(res, 200, { id: order[1], status: done ? 'completed' : 'pending' });
  }
  if (req.method === 'GET' && path === '/v1/products')
    return send(res, 200, { items: [{ sku: 'SKU-0001' }] });
  const product = /^\/v1\/products\/(SKU-\d{4})$/.exec(path);
  if (req.method === 'GET' && product) return send(res, 200, { sku: product[1], name: 'x', priceCents: 100 });
  return send(res, 404, { title: 'not found' });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
