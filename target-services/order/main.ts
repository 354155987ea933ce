import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar, switchVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { countInFlight } from './order-repository.js';
import { orderRoutes } from './order-routes.js';
import { createReplyHandler, startTimeoutSweeper } from './reply-handler.js';
import type { SagaSettings } from './saga-effects.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8081),
  ADMIN_PORT: portVar(9181),
  FAULTLINE_STEP_TIMEOUTS: switchVar(true),
  SAGA_STEP_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
});

runMain('order', async () => {
  const config = loadConfig(schema, process.env);
  const settings: SagaSettings = {
    stepTimeouts: config.FAULTLINE_STEP_TIMEOUTS,
    stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS,
  };
  await startBackend({
    service: 'order',
    config,
    migrations: MIGRATIONS,
    handle: (rt) => createReplyHandler(settings, rt),
    routes: (rt) => orderRoutes(rt, settings),
    jobs: (rt) => {
      void countInFlight(rt.pool).then((n) => {
        rt.recorder.add('sagaInFlight', n);
        rt.logger.info({ inFlight: n }, 'resuming in-flight sagas');
      });
      return startTimeoutSweeper(rt, settings);
    },
  });
});
