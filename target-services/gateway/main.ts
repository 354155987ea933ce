import { readFileSync } from 'node:fs';
import { startAdminServer } from '../platform/http/admin-server.js';
import { callJson, PeerClient } from '../platform/http/client.js';
import { closeServer, listen } from '../platform/http/server.js';
import { loadLinks, resolveLink, type Address } from '../platform/links.js';
import { createLogger } from '../platform/logger.js';
import { runMain } from '../platform/run-main.js';
import { createRecorder } from '../platform/telemetry/metrics.js';
import { onShutdownSignal } from '../platform/shutdown.js';
import { createGatewayApp } from './app.js';
import { describeGatewayConfig, loadGatewayConfig } from './config.js';
import { SagaLoadProbe, sagaLoadReader } from './saga-load-probe.js';

/** The API gateway: routing, API keys, rate limits, body limits, request ids, CORS, problem+json. No business logic. */
runMain('gateway', async () => {
  const c = loadGatewayConfig(process.env, (path) => readFileSync(path, 'utf8'));
  const logger = createLogger('gateway', c.LOG_LEVEL);
  const shown = describeGatewayConfig(c);
  logger.info({ config: shown }, 'starting');
  if (c.apiKeys.length === 0)
    logger.warn(
      { GATEWAY_AUTH: c.GATEWAY_AUTH },
      'API-key authentication is off: every client is let in (set GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE)',
    );
  const links = loadLinks(c.FAULTLINE_LINKS);
  const peer = (link: string, address: Address) =>
    new PeerClient({ link, address, timeoutMs: c.GATEWAY_UPSTREAM_TIMEOUT_MS, config: c, logger });
  const orderAddress = resolveLink(links, 'gateway-order', c.FAULTLINE_VIA_PROXY);
  const inventoryAddress = resolveLink(links, 'gateway-inventory', c.FAULTLINE_VIA_PROXY);
  const healthy = async (a: Address) => {
    const r = await callJson(a, 'GET', '/healthz', undefined, 1000);
    return r.ok && r.status === 200;
  };
  const nowMs = (): number => performance.now();
  const recorder = createRecorder('gateway');
  recorder.add('gatewayShed', 0); // the series exists from the start: "nothing shed" reads as 0
  const probe = c.shedding
    ? new SagaLoadProbe(sagaLoadReader(orderAddress, 1000), nowMs, c.GATEWAY_SHED_POLL_MS, logger)
    : undefined;
  probe?.start();
  const app = createGatewayApp({
    config: c,
    logger,
    order: peer('gateway-order', orderAddress),
    orderWaits: new PeerClient({
      link: 'gateway-order',
      address: orderAddress,
      timeoutMs: c.GATEWAY_UPSTREAM_TIMEOUT_MS,
      config: { ...c, BULKHEAD_LIMIT: c.GATEWAY_WAIT_BULKHEAD_LIMIT, BULKHEAD_QUEUE: 0 },
      logger,
    }),
    inventory: peer('gateway-inventory', inventoryAddress),
    retryAfter: { breakerSec: Math.ceil(c.BREAKER_HALF_OPEN_MS / 1000), bulkheadSec: 1 },
    readiness: { order: () => healthy(orderAddress), inventory: () => healthy(inventoryAddress) },
    ...(probe && c.shedding
      ? {
          shedding: {
            settings: c.shedding,
            latest: () => probe.latest(),
            onAdmit: () => probe.noteAdmitted(),
            onShed: () => recorder.add('gatewayShed', 1),
          },
        }
      : {}),
    nowMs,
  });
  const { server, port } = await listen(app, c.HOST, c.PORT);
  const admin = await startAdminServer({
    service: 'gateway',
    host: c.ADMIN_HOST,
    port: c.ADMIN_PORT,
    config: shown,
    logger,
  });
  logger.info({ port, adminPort: admin.port }, 'listening');
  onShutdownSignal(
    () => [
      {
        name: 'stop saga-load probe',
        run: () => {
          probe?.stop();
          return Promise.resolve();
        },
      },
      { name: 'close http', run: () => closeServer(server) },
      { name: 'close admin', run: () => closeServer(admin.server) },
    ],
    logger,
    c.SHUTDOWN_GRACE_MS,
  );
});
