import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { baseConfigSchema, loadConfig, portVar, redactConfig, switchVar } from '../config.js';
import { HttpProblem } from '../errors.js';
import { startAdminServer } from '../http/admin-server.js';
import { closeServer, createApp, listen } from '../http/server.js';
import { parseOrProblem } from '../http/problem.js';
import { createLogger } from '../logger.js';
import { onShutdownSignal } from '../shutdown.js';
import { idempotencyReplay } from './idempotency.js';
import { behaviourSchema, drawVerdict, type Behaviour, type Verdict } from './behaviour.js';
import { seededRandom } from './rng.js';

/** Start-time config of a simulator (run-time changes go through the admin endpoint). */
export const simulatorConfigSchema = (port: number, adminPort: number) =>
  baseConfigSchema.extend({
    PORT: portVar(port),
    ADMIN_PORT: portVar(adminPort),
    SIM_LATENCY_MS: z.coerce.number().int().min(0).max(60000).default(20),
    SIM_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    SIM_DECLINE_RATE: z.coerce.number().min(0).max(1).default(0),
    SIM_OUTAGE: switchVar(false),
    SIM_SEED: z.coerce.number().int().default(1),
  });

/** Draws a verdict for a request after the configured latency. */
export type Simulate = () => Promise<Verdict>;

/**
 * Runs a simulator: public routes on PORT; `GET|PUT /v1/admin/simulator` and `GET /v1/admin/config`
 * on ADMIN_PORT, bound to ADMIN_HOST (127.0.0.1 by default).
 */
export async function runSimulator(
  name: string,
  defaults: { port: number; adminPort: number },
  env: Record<string, string | undefined>,
  routes: (simulate: Simulate) => Router,
): Promise<void> {
  const c = loadConfig(simulatorConfigSchema(defaults.port, defaults.adminPort), env);
  const logger = createLogger(name, c.LOG_LEVEL);
  logger.info({ config: redactConfig(c) }, 'starting');
  let behaviour: Behaviour = {
    latencyMs: c.SIM_LATENCY_MS,
    errorRate: c.SIM_ERROR_RATE,
    declineRate: c.SIM_DECLINE_RATE,
    outage: c.SIM_OUTAGE,
  };
  const random = seededRandom(c.SIM_SEED);
  const simulate: Simulate = async () => {
    const b = behaviour;
    if (b.latencyMs > 0) await new Promise((r) => setTimeout(r, b.latencyMs));
    return drawVerdict(b, random);
  };
  const admin = Router();
  admin.get('/v1/admin/simulator', (_req: Request, res: Response) => void res.json(behaviour));
  admin.put('/v1/admin/simulator', (req: Request, res: Response) => {
    const patch = parseOrProblem(behaviourSchema.partial(), req.body ?? {});
    behaviour = { ...behaviour, ...patch };
    logger.info({ behaviour }, 'simulator behaviour changed');
    res.json(behaviour);
  });
  const publicRoutes = Router();
  publicRoutes.use(idempotencyReplay(), routes(simulate));
  const app = createApp({ logger, readiness: {}, routes: publicRoutes });
  const main = await listen(app, c.HOST, c.PORT);
  const adm = await startAdminServer({
    service: name,
    host: c.ADMIN_HOST,
    port: c.ADMIN_PORT,
    config: c,
    logger,
    routes: admin,
  });
  logger.info({ port: main.port, adminPort: adm.port }, 'listening');
  onShutdownSignal(
    () => [
      { name: 'close http', run: () => closeServer(main.server) },
      { name: 'close admin', run: () => closeServer(adm.server) },
    ],
    logger,
    c.SHUTDOWN_GRACE_MS,
  );
}

/** Throws the HTTP problem a non-ok verdict maps to (outage/error → 503). */
export function failUnavailable(v: Verdict): void {
  if (v === 'outage' || v === 'error')
    throw new HttpProblem(
      503,
      'Service unavailable',
      v === 'outage' ? 'simulated outage' : 'simulated error',
    );
}
