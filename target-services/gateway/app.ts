import cors from 'cors';
import express, { Router, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { createApp } from '../platform/http/server.js';
import { problemHandler } from '../platform/http/problem.js';
import type { Logger } from '../platform/logger.js';
import { authenticate } from './authenticate.js';
import type { GatewayConfig } from './config.js';
import { forward, type Upstream } from './forward.js';
import { rateLimit } from './rate-limit.js';
import { requestId } from './request-id.js';
import { shedNewOrders, type Shedding } from './shed.js';
import { TokenBuckets } from './token-bucket.js';
import type { RetryAfterSettings } from './upstream-problem.js';
import { rejectUnknownVersion } from './versioning.js';

/** What the gateway app is built from (the entry point passes real clients and the clock). */
export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  order: Upstream;
  /** Order-status long polls (`?wait=`), under their own bulkhead; default: `order`. */
  orderWaits?: Upstream;
  inventory: Upstream;
  retryAfter: RetryAfterSettings;
  readiness: Record<string, () => Promise<boolean>>;
  /** Load shedding of new orders; absent when the switch is off. */
  shedding?: Shedding;
  nowMs: () => number;
}

/** Headers a browser may send and read when CORS is on. */
const CORS_REQUEST_HEADERS = [
  'Authorization',
  'X-API-Key',
  'Content-Type',
  'Idempotency-Key',
  'X-Request-Id',
  'traceparent',
  'tracestate',
];
const CORS_EXPOSED_HEADERS = ['Location', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'];

/**
 * One JSON line per answered request, bound to its `request_id` (and `api_key_label` once
 * authenticated): 5xx at warn, 4xx at info, the rest at debug. No headers are logged.
 */
function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req) => String(req.headers['x-request-id']),
    customAttributeKeys: { reqId: 'request_id' },
    customProps: (_req, res) => {
      const label = (res as unknown as { locals?: { apiKey?: string } }).locals?.apiKey;
      return label === undefined ? {} : { api_key_label: label };
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'warn' : res.statusCode >= 400 ? 'info' : 'debug',
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: { message?: string }) => ({ message: err.message }),
    },
  });
}

function routes(d: GatewayDeps): Router {
  const r = Router();
  r.post('/v1/orders', (req, res) => forward(d.order, d.retryAfter, req, res));
  r.get('/v1/orders/:id', (req, res) =>
    forward(req.query['wait'] === undefined ? d.order : (d.orderWaits ?? d.order), d.retryAfter, req, res),
  );
  r.get('/v1/products', (req, res) => forward(d.inventory, d.retryAfter, req, res));
  r.get('/v1/products/:sku', (req, res) => forward(d.inventory, d.retryAfter, req, res));
  return r;
}

/**
 * The gateway's HTTP pipeline. Edge concerns run before the body is read, so a request without a
 * key or over its rate never costs a body parse:
 *
 * ```
 * request id ─► access log ─► CORS (when origins are set) ─► API version ─► /v1: API key ─►
 *   /v1: rate limit ─► POST /v1/orders: shed (when on) ─► body (size limit, JSON) ─►
 *   platform app (health, metrics, routes, 404)
 *   any error ─► problem+json
 * ```
 */
export function createGatewayApp(d: GatewayDeps): Express {
  const c = d.config;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId());
  app.use(accessLog(d.logger));
  if (c.GATEWAY_CORS_ORIGINS.length > 0)
    app.use(
      cors({
        origin: c.GATEWAY_CORS_ORIGINS.includes('*') ? '*' : c.GATEWAY_CORS_ORIGINS,
        methods: ['GET', 'POST'],
        allowedHeaders: CORS_REQUEST_HEADERS,
        exposedHeaders: CORS_EXPOSED_HEADERS,
        maxAge: 600,
      }),
    );
  app.use(rejectUnknownVersion);
  if (c.apiKeys.length > 0) app.use('/v1', authenticate(c.apiKeys));
  if (c.rateLimit) app.use('/v1', rateLimit(new TokenBuckets(c.rateLimit), d.nowMs));
  // Only new orders are shed: a status read costs the fleet little and tells a client its order's fate.
  if (d.shedding) app.post('/v1/orders', shedNewOrders(d.shedding, d.nowMs));
  // Every body counts against the limit, whatever its content type; the API speaks JSON only.
  app.use(express.json({ limit: c.bodyLimitBytes, type: () => true }));
  app.use(
    createApp({
      logger: d.logger,
      bodyLimit: c.GATEWAY_BODY_LIMIT,
      readiness: d.readiness,
      routes: routes(d),
    }),
  );
  app.use(problemHandler(d.logger));
  return app;
}
