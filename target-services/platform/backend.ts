import type { Router } from 'express';
import type pg from 'pg';
import { QUEUES, type ConsumingService } from '../contracts/topology.js';
import type { BackendConfig } from './config.js';
import { redactConfig } from './config.js';
import { AmqpConnection } from './amqp/connection.js';
import { startConsumer } from './amqp/consumer.js';
import { declareConsumerQueues, declareExchange } from './amqp/topology.js';
import { PLATFORM_MIGRATIONS } from './db/platform-migrations.js';
import { migrate, type Migration } from './db/migrate.js';
import { createPool, ensureDatabase, pingDatabase } from './db/pool.js';
import { startAdminServer } from './http/admin-server.js';
import { closeServer, createApp, listen } from './http/server.js';
import { loadLinks, resolveLink } from './links.js';
import { createLogger, type Logger } from './logger.js';
import { createInboxHandler, type TransactionalHandler } from './messaging/inbox-handler.js';
import { Messenger } from './messaging/messenger.js';
import { OutboxRelay } from './messaging/outbox-relay.js';
import { onShutdownSignal, type ShutdownStep } from './shutdown.js';
import { createRecorder, type Recorder } from './telemetry/metrics.js';

/** What a backend service (order, payment, inventory, shipping) plugs into the runtime. */
export interface BackendSpec {
  service: ConsumingService;
  /** The service's whole config (shown, redacted, on the admin port). */
  config: BackendConfig & { PORT: number; ADMIN_PORT: number };
  migrations: readonly Migration[];
  /** Builds the handler of one command/reply (runs inside the inbox transaction). */
  handle: (rt: BackendRuntime) => TransactionalHandler;
  /** Extra HTTP routes (built once the runtime exists). */
  routes?: (rt: BackendRuntime) => Router;
  /** Background jobs started after readiness (e.g. the saga timeout sweeper); stopped first. */
  jobs?: (rt: BackendRuntime) => { stop: () => Promise<void> };
}

/** Handles shared by a service's modules. */
export interface BackendRuntime {
  logger: Logger;
  pool: pg.Pool;
  messenger: Messenger;
  recorder: Recorder;
}

/**
 * Composition root shared by the messaging services: creates and migrates the database, connects
 * to the broker (declaring topology on every reconnect), starts the outbox relay, the consumer and
 * the HTTP server, and installs graceful shutdown. Resolves once listening.
 */
export async function startBackend(spec: BackendSpec): Promise<void> {
  const c = spec.config;
  const logger = createLogger(spec.service, c.LOG_LEVEL);
  logger.info({ config: redactConfig(c) }, 'starting');
  const links = loadLinks(c.FAULTLINE_LINKS);
  const database = `${c.FAULTLINE_DB_PREFIX}${spec.service}_db`;
  const db = {
    address: resolveLink(links, `${spec.service}-postgres`, c.FAULTLINE_VIA_PROXY),
    user: c.PGUSER,
    password: c.PGPASSWORD,
    database,
  };
  await ensureDatabase(db);
  const pool = createPool(db, logger, c.DB_POOL_MAX);
  await migrate(pool, [...PLATFORM_MIGRATIONS, ...spec.migrations]);
  const recorder = createRecorder(spec.service);
  const amqpAddr = resolveLink(links, `${spec.service}-amqp`, c.FAULTLINE_VIA_PROXY);
  const vhost = encodeURIComponent(c.AMQP_VHOST);
  const url = `amqp://${encodeURIComponent(c.AMQP_USER)}:${encodeURIComponent(c.AMQP_PASSWORD)}@${amqpAddr.host}:${amqpAddr.port}/${vhost}`;
  const conn = new AmqpConnection(url, c.AMQP_PREFETCH, logger, recorder);
  const exchange = c.FAULTLINE_AMQP_PREFIX + 'faultline.saga';
  const relay = c.FAULTLINE_OUTBOX ? new OutboxRelay(pool, conn, exchange, logger, recorder) : undefined;
  const messenger = new Messenger(pool, conn, exchange, c.FAULTLINE_OUTBOX, relay, recorder);
  const rt: BackendRuntime = { logger, pool, messenger, recorder };
  const inFlight = trackInFlight(
    createInboxHandler(messenger, spec.service, c.FAULTLINE_INBOX, spec.handle(rt)),
  );
  let consuming: { ch: import('amqplib').Channel; tag: string } | undefined;
  await conn.onSetup(async ({ consume }) => {
    await declareExchange(consume, c.FAULTLINE_AMQP_PREFIX);
    const q = QUEUES[spec.service];
    const queue = await declareConsumerQueues(consume, c.FAULTLINE_AMQP_PREFIX, q.queue, q.bindings);
    const tag = await startConsumer(
      consume,
      conn,
      { queue, maxAttempts: c.AMQP_MAX_ATTEMPTS, retryBaseMs: c.AMQP_RETRY_BASE_MS, handle: inFlight.handle },
      logger,
      recorder,
    );
    consuming = { ch: consume, tag };
  });
  await conn.start();
  relay?.start();
  const jobs = spec.jobs?.(rt);
  const app = createApp({
    logger,
    readiness: { broker: () => conn.ready, database: () => pingDatabase(pool) },
    routes: spec.routes?.(rt),
  });
  const { server, port } = await listen(app, c.HOST, c.PORT);
  const admin = await startAdminServer({
    service: spec.service,
    host: c.ADMIN_HOST,
    port: c.ADMIN_PORT,
    config: c,
    logger,
  });
  logger.info({ port, adminPort: admin.port, database }, 'listening');
  const steps = (): ShutdownStep[] => [
    {
      name: 'stop consuming',
      run: async () => void (consuming && (await consuming.ch.cancel(consuming.tag))),
    },
    { name: 'stop jobs', run: async () => jobs?.stop() },
    { name: 'drain in-flight messages', run: () => inFlight.drain() },
    { name: 'close http', run: () => closeServer(server) },
    { name: 'close admin', run: () => closeServer(admin.server) },
    { name: 'stop outbox relay', run: async () => relay?.stop() },
    { name: 'close broker', run: () => conn.close() },
    { name: 'close database', run: () => pool.end() },
  ];
  onShutdownSignal(steps, logger, c.SHUTDOWN_GRACE_MS);
}

function trackInFlight<A extends unknown[], R>(
  fn: (...a: A) => Promise<R>,
): { handle: (...a: A) => Promise<R>; drain: () => Promise<void> } {
  let active = 0;
  let idle: (() => void) | undefined;
  return {
    handle: async (...a) => {
      active++;
      try {
        return await fn(...a);
      } finally {
        if (--active === 0) idle?.();
      }
    },
    drain: () => (active === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r))),
  };
}
