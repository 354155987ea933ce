import { Router } from 'express';
import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar, switchVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { countInFlight } from './order-repository.js';
import { orderRoutes } from './order-routes.js';
import { OrderWatch } from './order-watch.js';
import { createReplyHandler, startTimeoutSweeper } from './reply-handler.js';
import { sagaLoadRoutes } from './saga-load.js';
import { startOutcomeSeries, type SagaSettings } from './saga-effects.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8081),
  ADMIN_PORT: portVar(9181),
  FAULTLINE_STEP_TIMEOUTS: switchVar(true),
  SAGA_STEP_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /**
   * order is the hub: order creation, saga replies, status reads and the outbox marks each take a
   * connection. bench:fleet measured at most 10 busy at the highest sustained rate (24 orders/s
   * through the proxy with tracing on, docs/performance.md). With status polls every 200 ms, 10
   * connections under 30 ms of database latency queued requests 0.5-0.7 s and pushed
   * time-to-terminal p95 to 9.6 s at 10 orders/s (experiments/order-postgres-latency.yaml); long
   * polls removed most of those reads, and 15 keeps headroom for that latency.
   */
  DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(15),
  /** Longest `GET /v1/orders/:id?wait=` long poll (ms); below the gateway's upstream timeout. */
  ORDER_WAIT_MAX_MS: z.coerce.number().int().nonnegative().max(60000).default(5000),
});

runMain('order', async () => {
  const config = loadConfig(schema, process.env);
  const watch = new OrderWatch();
  const settings: SagaSettings = {
    stepTimeouts: config.FAULTLINE_STEP_TIMEOUTS,
    stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS,
    onTerminal: (id) => watch.notify(id),
  };
  await startBackend({
    service: 'order',
    config,
    migrations: MIGRATIONS,
    handle: (rt) => createReplyHandler(settings, rt),
    routes: (rt) =>
      Router()
        .use(orderRoutes(rt, settings, { watch, maxWaitMs: config.ORDER_WAIT_MAX_MS }))
        .use(sagaLoadRoutes(rt.pool, settings.stepTimeouts ? settings.stepTimeoutMs : null)),
    jobs: (rt) => {
      startOutcomeSeries(rt.recorder);
      void countInFlight(rt.pool).then((n) => {
        rt.recorder.add('sagaInFlight', n);
        rt.logger.info({ inFlight: n }, 'resuming in-flight sagas');
      });
      return startTimeoutSweeper(rt, settings);
    },
  });
});
