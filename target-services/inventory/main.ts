import { z } from 'zod';
import { backendConfigSchema, loadConfig, portVar } from '../platform/config.js';
import { startBackend } from '../platform/backend.js';
import { runMain } from '../platform/run-main.js';
import { handleInventory } from './inventory-handler.js';
import { MIGRATIONS } from './migrations.js';
import { productRoutes } from './product-routes.js';

runMain('inventory', async () => {
  const config = loadConfig(
    backendConfigSchema.extend({
      PORT: portVar(8083),
      ADMIN_PORT: portVar(9183),
      /**
       * inventory only queries (no outbound call inside a transaction): bench:fleet measured at
       * most 3 busy at the highest sustained rate (docs/performance.md).
       */
      DB_POOL_MAX: z.coerce.number().int().positive().max(100).default(5),
    }),
    process.env,
  );
  await startBackend({
    service: 'inventory',
    config,
    migrations: MIGRATIONS,
    handle: () => handleInventory,
    routes: (rt) => productRoutes(rt.pool),
  });
});
