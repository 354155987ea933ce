import type { Server } from 'node:http';
import { Router } from 'express';
import { redactConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { effectiveSwitches } from '../switches.js';
import { createApp, listen } from './server.js';

/** Body of `GET /v1/admin/config`. */
export interface AdminConfigView {
  service: string;
  /** Effective config, secrets redacted (see `redactConfig`). */
  config: Record<string, unknown>;
  /** Effective value of every pattern switch the service has (the list is in switches.ts). */
  switches: Record<string, boolean>;
}

/** `GET /v1/admin/config`: the service's effective config and switches, secrets redacted. */
export function adminConfigRoutes(service: string, config: Record<string, unknown>): Router {
  const view: AdminConfigView = {
    service,
    config: redactConfig(config),
    switches: effectiveSwitches(config),
  };
  const r = Router();
  r.get('/v1/admin/config', (_req, res) => void res.json(view));
  return r;
}

/** Where the admin listener binds (loopback by default) and what it serves besides the config. */
export interface AdminServerOptions {
  service: string;
  host: string;
  port: number;
  config: Record<string, unknown>;
  logger: Logger;
  /** Extra admin routes (e.g. the simulators' `/v1/admin/simulator`). */
  routes?: Router;
}

/**
 * Starts a service's admin listener (`ADMIN_HOST`, default 127.0.0.1; `ADMIN_PORT`) with
 * `GET /v1/admin/config`, problem+json errors and the health endpoints.
 */
export async function startAdminServer(o: AdminServerOptions): Promise<{ server: Server; port: number }> {
  const routes = Router();
  routes.use(adminConfigRoutes(o.service, o.config));
  if (o.routes) routes.use(o.routes);
  return listen(createApp({ logger: o.logger, readiness: {}, routes }), o.host, o.port);
}
