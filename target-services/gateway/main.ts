import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { baseConfigSchema, loadConfig, portVar, redactConfig } from '../platform/config.js';
import { HttpProblem } from '../platform/errors.js';
import { callJson } from '../platform/http/client.js';
import { closeServer, createApp, listen } from '../platform/http/server.js';
import { loadLinks, resolveLink, type Address } from '../platform/links.js';
import { createLogger } from '../platform/logger.js';
import { runMain } from '../platform/run-main.js';
import { onShutdownSignal } from '../platform/shutdown.js';
import { forward } from './forward.js';

const schema = baseConfigSchema.extend({
  PORT: portVar(8080),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  /** Comma-separated accepted X-Api-Key values; empty = authentication off. */
  GATEWAY_API_KEYS: z.string().default(''),
  GATEWAY_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'like 64kb')
    .default('64kb'),
});

function apiKeyCheck(keys: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (keys.length === 0 || keys.includes(req.get('x-api-key') ?? '')) return next();
    next(new HttpProblem(401, 'Unauthorized', 'missing or unknown X-Api-Key'));
  };
}

function routes(order: Address, inventory: Address, timeoutMs: number, keys: readonly string[]): Router {
  const r = Router();
  r.use('/v1', apiKeyCheck(keys));
  r.post('/v1/orders', (req, res) => forward(order, timeoutMs, req, res));
  r.get('/v1/orders/:id', (req, res) => forward(order, timeoutMs, req, res));
  r.get('/v1/products', (req, res) => forward(inventory, timeoutMs, req, res));
  r.get('/v1/products/:sku', (req, res) => forward(inventory, timeoutMs, req, res));
  return r;
}

/** The API gateway: routing, API keys, body limits, problem+json. No business logic. */
runMain('gateway', async () => {
  const c = loadConfig(schema, process.env);
  const logger = createLogger('gateway', c.LOG_LEVEL);
  logger.info({ config: redactConfig(c) }, 'starting');
  const links = loadLinks(c.FAULTLINE_LINKS);
  const order = resolveLink(links, 'gateway-order', c.FAULTLINE_VIA_PROXY);
  const inventory = resolveLink(links, 'gateway-inventory', c.FAULTLINE_VIA_PROXY);
  const keys = c.GATEWAY_API_KEYS.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const healthy = async (a: Address) => {
    const r = await callJson(a, 'GET', '/healthz', undefined, 1000);
    return r.ok && r.status === 200;
  };
  const app = createApp({
    logger,
    bodyLimit: c.GATEWAY_BODY_LIMIT,
    readiness: { order: () => healthy(order), inventory: () => healthy(inventory) },
    routes: routes(order, inventory, c.GATEWAY_UPSTREAM_TIMEOUT_MS, keys),
  });
  const { server, port } = await listen(app, c.HOST, c.PORT);
  logger.info({ port }, 'listening');
  onShutdownSignal(
    () => [{ name: 'close http', run: () => closeServer(server) }],
    logger,
    c.SHUTDOWN_GRACE_MS,
  );
});
