import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { PeerClient } from '../platform/http/client.js';
import { loadLinks, resolveLink } from '../platform/links.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { createPaymentHandler } from './payment-handler.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8082),
  ADMIN_PORT: portVar(9182),
  /** Per-attempt timeout of a psp call (ms). */
  PSP_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
});

runMain('payment', async () => {
  const config = loadConfig(schema, process.env);
  const link = 'payment-psp';
  const address = resolveLink(loadLinks(config.FAULTLINE_LINKS), link, config.FAULTLINE_VIA_PROXY);
  await startBackend({
    service: 'payment',
    config,
    migrations: MIGRATIONS,
    handle: (rt) =>
      createPaymentHandler(
        new PeerClient({
          link,
          address,
          timeoutMs: config.PSP_TIMEOUT_MS,
          config,
          logger: rt.logger,
          recorder: rt.recorder,
        }),
      ),
  });
});
