import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { PeerClient } from '../platform/http/client.js';
import { loadLinks, resolveLink } from '../platform/links.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { createShippingHandler } from './shipping-handler.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8084),
  ADMIN_PORT: portVar(9184),
  /** Per-attempt timeout of a carrier call (ms). */
  CARRIER_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
});

runMain('shipping', async () => {
  const config = loadConfig(schema, process.env);
  const link = 'shipping-carrier';
  const address = resolveLink(loadLinks(config.FAULTLINE_LINKS), link, config.FAULTLINE_VIA_PROXY);
  await startBackend({
    service: 'shipping',
    config,
    migrations: MIGRATIONS,
    handle: (rt) =>
      createShippingHandler(
        new PeerClient({
          link,
          address,
          timeoutMs: config.CARRIER_TIMEOUT_MS,
          config,
          logger: rt.logger,
          recorder: rt.recorder,
        }),
      ),
  });
});
