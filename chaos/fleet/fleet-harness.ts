import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';
import type { FleetProxyOption } from './fleet-proxy.js';
import { startFleet, type Fleet, type FleetOptions } from './launcher.js';
import { allocatePortBlock } from './ports.js';

/** Databases every fleet creates (without prefix). */
export const FLEET_DATABASES = ['order_db', 'payment_db', 'inventory_db', 'shipping_db'] as const;
/** Queues every fleet declares (without prefix), each with `.retry` and `.dlq`. */
export const FLEET_QUEUES = [
  'order.replies',
  'payment.commands',
  'inventory.commands',
  'shipping.commands',
] as const;

/** A fleet on its own ports, databases and queue names, plus the means to clean all of it up. */
export interface TestFleet extends Fleet {
  dbPrefix: string;
  amqpPrefix: string;
  /** Stops the processes (and the proxy), drops the databases, deletes the queues and the exchange. */
  cleanup(): Promise<void>;
}

/** Options of {@link startTestFleet}: the launcher's, minus what the harness chooses itself. */
export interface TestFleetOptions extends Omit<
  FleetOptions,
  'portBase' | 'adminPortBase' | 'listenBase' | 'dbPrefix' | 'amqpPrefix' | 'proxy' | 'proxyApiPort'
> {
  /**
   * How the services reach each other, the databases and the broker: `'embedded'` (default) through
   * an in-process fault proxy, `{ url }` through an existing Toxiproxy, `'direct'` with no proxy.
   * The default comes from the environment: `FAULTLINE_TEST_DIRECT=1` → direct,
   * `FAULTLINE_TEST_PROXY_URL=<url>` → that proxy.
   */
  proxy?: FleetProxyOption | 'direct';
}

/** The proxy mode the environment asks test fleets to use (see {@link TestFleetOptions.proxy}). */
export function testProxyMode(
  env: Readonly<Record<string, string | undefined>>,
): FleetProxyOption | 'direct' {
  if (env['FAULTLINE_TEST_DIRECT'] === '1') return 'direct';
  const url = env['FAULTLINE_TEST_PROXY_URL'];
  return url ? { url } : 'embedded';
}

/**
 * Starts an isolated fleet for a test: a free port block, a unique database prefix and AMQP
 * name prefix, so it can run beside the demo fleet and other tests. Every connection goes through
 * the fault proxy unless `proxy: 'direct'` (or `FAULTLINE_TEST_DIRECT=1`).
 */
export async function startTestFleet(options: TestFleetOptions = {}): Promise<TestFleet> {
  const { proxy = testProxyMode(process.env), ...rest } = options;
  const id = randomBytes(4).toString('hex');
  const dbPrefix = `flt_${id}_`;
  const amqpPrefix = `flt.${id}.`;
  const portBase = await allocatePortBlock(7);
  const adminPortBase = await allocatePortBlock(7);
  const listenBase = await allocatePortBlock(100);
  const cleanupNames = (): Promise<void> => dropFleetState(dbPrefix, amqpPrefix);
  let fleet: Fleet;
  try {
    fleet = await startFleet({
      ...rest,
      ...(proxy === 'direct' ? {} : { proxy }),
      portBase,
      adminPortBase,
      listenBase,
      dbPrefix,
      amqpPrefix,
      env: { LOG_LEVEL: 'warn', ...options.env },
    });
  } catch (err) {
    await cleanupNames();
    throw err;
  }
  return {
    ...fleet,
    dbPrefix,
    amqpPrefix,
    cleanup: async () => {
      try {
        await fleet.stop();
      } finally {
        await cleanupNames();
      }
    },
  };
}

/** Drops a prefix's databases and deletes its queues and exchange. */
export async function dropFleetState(dbPrefix: string, amqpPrefix: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    for (const db of FLEET_DATABASES)
      await client.query(`drop database if exists "${dbPrefix}${db}" with (force)`);
  } finally {
    await client.end();
  }
  const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  try {
    const ch = await conn.createChannel();
    for (const q of FLEET_QUEUES)
      for (const name of [q, `${q}.retry`, `${q}.dlq`]) await ch.deleteQueue(amqpPrefix + name);
    await ch.deleteExchange(`${amqpPrefix}faultline.saga`);
  } finally {
    await conn.close();
  }
}

/** Opens a client on one of the fleet's databases (`order_db` …). */
export async function fleetDb(fleet: TestFleet, db: (typeof FLEET_DATABASES)[number]): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: fleet.dbPrefix + db,
  });
  await client.connect();
  return client;
}

/** An order as the gateway returns it. */
export interface OrderView {
  id: string;
  status: string;
  reason?: string;
  history: { step: string; event: string; reason?: string }[];
}

/** POSTs an order through the gateway; returns the HTTP status and body. */
export async function placeOrder(
  fleet: Pick<Fleet, 'urls'>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: OrderView }> {
  const res = await fetch(`${fleet.urls.gateway}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as OrderView };
}

/** Polls GET /v1/orders/:id every 100 ms until a terminal status (gives up after `timeoutMs`, default 30 s). */
export async function waitForTerminal(
  fleet: Pick<Fleet, 'urls'>,
  id: string,
  timeoutMs = 30000,
): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderView | undefined;
  while (Date.now() < deadline) {
    last = (await (await fetch(`${fleet.urls.gateway}/v1/orders/${id}`)).json()) as OrderView;
    if (last.status === 'completed' || last.status === 'compensated') return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`order ${id} not terminal after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/** Changes a simulator's run-time behaviour through its loopback admin endpoint. */
export async function setSimulator(
  fleet: Fleet,
  which: 'psp' | 'carrier',
  patch: Record<string, unknown>,
): Promise<void> {
  const res = await fetch(`${fleet.adminUrls[which]}/v1/admin/simulator`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (res.status !== 200)
    throw new Error(
      `simulator ${which} rejected ${JSON.stringify(patch)}: ${res.status} ${await res.text()}`,
    );
}

/** Simulator behaviour with nothing going wrong. */
export const CALM = { latencyMs: 0, errorRate: 0, declineRate: 0, outage: false } as const;
