import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { loadLinks, resolveLink } from '../platform/links.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { createShippingHandler } from './shipping-handler.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8084),
  CARRIER_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
});

runMain('shipping', async () => {
  const config = loadConfig(schema, process.env);
  const carrier = resolveLink(
    loadLinks(config.FAULTLINE_LINKS),
    'shipping-carrier',
    config.FAULTLINE_VIA_PROXY,
  );
  await startBackend({
    service: 'shipping',
    config,
    migrations: MIGRATIONS,
    handle: () => createShippingHandler(carrier, config.CARRIER_TIMEOUT_MS),
  });
});
