import { createServer, type Server } from 'node:http';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer, type ProxyServer } from '../../proxy/index.js';
import { namespaceObject, podList } from './api-responses.js';
import type { FakeRoute } from './fake-api-server.js';

/**
 * What a `faultline run --namespace` from a workstation reaches through port-forwards, stood in on
 * loopback: a Toxiproxy-compatible proxy with the `payment-psp` link, a gateway answering the
 * browse journey, and a Prometheus holding no series. Test support.
 */
export interface StandIns {
  proxy: ProxyServer;
  gateway: Server;
  prometheus: Server;
  /**
   * The fake API server's routes for them, in namespace `ns`: the namespace, the toxiproxy,
   * gateway and prometheus pods with their port-forwards, and lease ConfigMaps that accept every
   * write. `extra` routes come first (the first match wins).
   */
  routes(ns: string, extra?: readonly FakeRoute[]): FakeRoute[];
  close(): Promise<void>;
}

/** A small HTTP server on 127.0.0.1 answering every request with `answer(path)`. */
export async function httpServer(
  answer: (path: string) => { status: number; body: unknown },
): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The loopback port a server listens on. */
export function portOf(s: Server): number {
  const a = s.address();
  return typeof a === 'object' && a !== null ? a.port : 0;
}

/** The pod list path the runner asks for `app.kubernetes.io/name=<name>`. */
export const podsPath = (ns: string, name: string): RegExp =>
  new RegExp(`^/api/v1/namespaces/${ns}/pods\\?labelSelector=app\\.kubernetes\\.io%2Fname%3D${name}(%2C|$)`);

/** The port-forward path of a pod. */
export const forwardPath = (ns: string, pod: string): RegExp =>
  new RegExp(`^/api/v1/namespaces/${ns}/pods/${pod}/portforward\\?`);

export async function startStandIns(): Promise<StandIns> {
  const proxy = await startProxyServer({ port: 0 });
  await new Toxiproxy(proxy.url).createProxy({
    name: 'payment-psp',
    listen: '127.0.0.1:0',
    upstream: '127.0.0.1:1',
  });
  const gateway = await httpServer((path) => ({
    status: 200,
    body: path.startsWith('/v1/products/') ? { sku: 'x' } : [{ sku: 'a' }],
  }));
  const prometheus = await httpServer(() => ({
    status: 200,
    body: { status: 'success', data: { resultType: 'vector', result: [] } },
  }));
  return {
    proxy,
    gateway,
    prometheus,
    routes: (ns, extra = []) => [
      { method: 'GET', path: `/api/v1/namespaces/${ns}`, status: 200, body: namespaceObject(ns) },
      ...extra,
      { method: 'GET', path: podsPath(ns, 'toxiproxy'), status: 200, body: podList(['toxiproxy-0'], ns) },
      { method: 'GET', path: podsPath(ns, 'gateway'), status: 200, body: podList(['gateway-0'], ns) },
      {
        method: 'GET',
        path: podsPath(ns, 'prometheus'),
        status: 200,
        body: podList(['prometheus-main-0'], ns),
      },
      { method: 'GET', path: forwardPath(ns, 'toxiproxy-0'), forwardTo: Number(new URL(proxy.url).port) },
      { method: 'GET', path: forwardPath(ns, 'gateway-0'), forwardTo: portOf(gateway) },
      { method: 'GET', path: forwardPath(ns, 'prometheus-main-0'), forwardTo: portOf(prometheus) },
      {
        method: 'GET',
        path: new RegExp(`^/api/v1/namespaces/${ns}/configmaps\\?`),
        status: 200,
        body: { items: [] },
      },
      { method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, status: 201, body: {} },
      { method: 'PUT', path: /\/configmaps\//, status: 200, body: {} },
      { method: 'DELETE', path: /\/configmaps\//, status: 200, body: {} },
    ],
    close: async () => {
      await proxy.close();
      await new Promise((r) => gateway.close(r));
      await new Promise((r) => prometheus.close(r));
    },
  };
}
