import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { loadLinks, resolveLink } from '../platform/links.js';
import { runMain } from '../platform/run-main.js';
import { MIGRATIONS } from './migrations.js';
import { createPaymentHandler } from './payment-handler.js';

const schema = backendConfigSchema.extend({
  PORT: portVar(8082),
  PSP_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
});

runMain('payment', async () => {
  const config = loadConfig(schema, process.env);
  const psp = resolveLink(loadLinks(config.FAULTLINE_LINKS), 'payment-psp', config.FAULTLINE_VIA_PROXY);
  await startBackend({
    service: 'payment',
    config,
    migrations: MIGRATIONS,
    handle: () => createPaymentHandler(psp, config.PSP_TIMEOUT_MS),
  });
});
