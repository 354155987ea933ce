import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.js';
import { serveMetrics } from '../telemetry/prometheus.js';
import { notFound, problemHandler } from './problem.js';

export interface HttpServerOptions {
  logger: Logger;
  /** Readiness probes; `/readyz` is 200 only when all return true. */
  readiness: Record<string, () => boolean | Promise<boolean>>;
  /** Business routes, mounted at `/`. */
  routes?: Router;
  /** JSON body limit (default `64kb`). */
  bodyLimit?: string;
}

/** Builds the service app: JSON bodies, health/readiness/metrics, routes, 404 and problem+json. */
export function createApp(opts: HttpServerOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: opts.bodyLimit ?? '64kb' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, boolean> = {};
    for (const [name, probe] of Object.entries(opts.readiness))
      checks[name] = await Promise.resolve(probe()).catch(() => false);
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', (req, res) => serveMetrics(req, res));
  if (opts.routes) app.use(opts.routes);
  app.use(notFound);
  app.use(problemHandler(opts.logger));
  return app;
}

/** Listens on host:port (0 = any) and resolves with the server and its bound port. */
export function listen(app: Express, host: string, port: number): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => {
      if (err) reject(err);
      else resolve({ server, port: (server.address() as AddressInfo).port });
    });
    server.keepAliveTimeout = 5000;
  });
}

/** Stops accepting connections, lets in-flight requests finish, closes idle keep-alives. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
