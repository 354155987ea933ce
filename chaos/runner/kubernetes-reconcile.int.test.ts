import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { runMain } from '../cli/testing/run-main.js';
import { RECONCILE_DATABASE_OWNERS } from '../kubernetes/contract.js';
import { forbidden } from '../kubernetes/testing/api-responses.js';
import { FakeApiServer, type FakeRoute } from '../kubernetes/testing/fake-api-server.js';
import { forwardPath, startStandIns, type StandIns } from '../kubernetes/testing/stand-in-cluster.js';

const NS = 'faultline';
/** The local PostgreSQL (trust auth) stands in for the three CloudNativePG primaries. */
const POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_PORT = 5432;

const SCHEMA = [
  `create table orders (id uuid primary key, status text not null, created_at timestamptz not null default now())`,
  `create table payments (id serial primary key, order_id uuid not null, kind text not null, status text not null,
     created_at timestamptz not null default now())`,
  `create table reservations (id serial primary key, order_id uuid not null, sku text not null, quantity int not null,
     status text not null, created_at timestamptz not null default now())`,
  `create table products (sku text primary key, stock int not null, initial_stock int not null)`,
];

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const dbUrl = (name: string): string => POSTGRES.replace(/\/postgres$/, `/${name}`);

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/**
 * `faultline run` in kubernetes mode with reconcile on, from outside the cluster: the fake API server serves the
 * CloudNativePG `<cluster>-app` Secrets and primary pods, and tunnels each primary's port-forward to the local
 * PostgreSQL, where this test creates (and drops) one database per service under a unique prefix.
 */
describe('faultline run, kubernetes mode: reconcile reads the CloudNativePG databases (real PostgreSQL) and the DLQ depths by exec', function () {
  this.timeout(90_000);
  const prefix = `k8srecon_${randomBytes(4).toString('hex')}_`;
  const names = RECONCILE_DATABASE_OWNERS.map((s) => `${prefix}${s}_db`);
  const [orderDb = '', paymentDb = '', inventoryDb = ''] = names;
  let api: FakeApiServer;
  let cluster: StandIns;
  let dir: string;
  /** Depth of payment.commands.dlq that the broker pod's `rabbitmqctl list_queues` reports. */
  let dlqDepth = 0;
  let listQueues: string[][] = [];

  before(async function () {
    await withClient(POSTGRES, async (c) => {
      for (const n of names) await c.query(`create database ${n}`);
    });
    for (const n of names)
      await withClient(dbUrl(n), async (c) => {
        for (const sql of SCHEMA) await c.query(sql);
      });
  });
  after(async function () {
    await withClient(POSTGRES, async (c) => {
      for (const n of names) await c.query(`drop database if exists ${n} with (force)`);
    });
  });

  beforeEach(async function () {
    cluster = await startStandIns();
    const databaseRoutes: FakeRoute[] = RECONCILE_DATABASE_OWNERS.flatMap((service, i) => [
      {
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/secrets/${service}-db-app`,
        status: 200,
        body: {
          kind: 'Secret',
          apiVersion: 'v1',
          type: 'kubernetes.io/basic-auth',
          metadata: { name: `${service}-db-app`, namespace: NS },
          data: {
            username: b64('postgres'),
            password: b64('unused-trust-auth'),
            dbname: b64(names[i] ?? ''),
          },
        },
      },
      {
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent(`cnpg.io/cluster=${service}-db`)}`,
        status: 200,
        body: {
          kind: 'PodList',
          apiVersion: 'v1',
          items: [
            // a replica first: the runner must pick the primary
            {
              metadata: { name: `${service}-db-2`, labels: { 'cnpg.io/instanceRole': 'replica' } },
              status: { phase: 'Running' },
            },
            {
              metadata: { name: `${service}-db-1`, labels: { 'cnpg.io/instanceRole': 'primary' } },
              status: { phase: 'Running' },
            },
          ],
        },
      },
      { method: 'GET', path: forwardPath(NS, `${service}-db-1`), forwardTo: PG_PORT },
    ]);
    dlqDepth = 0;
    listQueues = [];
    api = await FakeApiServer.start(
      cluster.routes(NS, [
        {
          method: 'GET',
          path: new RegExp(`^/api/v1/namespaces/${NS}/pods/broker-server-0/exec\\?`),
          exec: (command) => {
            listQueues.push(command);
            const queues = ['order.replies', 'payment.commands', 'inventory.commands', 'shipping.commands'];
            const rows = queues.flatMap((q) => [
              { name: q, messages: 3 },
              { name: `${q}.dlq`, messages: q === 'payment.commands' ? dlqDepth : 0 },
            ]);
            return { status: 'Success', stdout: `${JSON.stringify(rows)}\n` };
          },
        },
        ...databaseRoutes,
      ]),
    );
    dir = await mkdtemp(join(tmpdir(), 'faultline-k8s-reconcile-'));
    await writeFile(join(dir, 'kubeconfig'), api.kubeconfigYaml(NS));
    await writeFile(
      join(dir, 'x.yaml'),
      stringify({
        title: 'k8s reconcile',
        environment: { mode: 'embedded', allow: { links: ['payment-psp'] } },
        load: { journey: 'browse', rate: { warmup: 2, baseline: 2, inject: 2, recover: 2 } },
        phases: { warmup: '1s', baseline: '1s', inject: '2s', recover: '1s' },
        faults: [
          {
            name: 'slow',
            kind: 'toxic',
            link: 'payment-psp',
            toxic: { type: 'latency', attributes: { latency: 50 } },
            at: '0s',
            duration: '1s',
          },
        ],
        evidence: { type: 'promql', query: 'up', objective: '> 0' },
      }),
    );
  });
  afterEach(async function () {
    await api.close();
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = () =>
    runMain(
      [
        'run',
        join(dir, 'x.yaml'),
        '--namespace',
        NS,
        '--runs-dir',
        join(dir, 'runs'),
        '--state-dir',
        join(dir, 'state'),
      ],
      { KUBECONFIG: join(dir, 'kubeconfig') },
    );
  const journalChecks = async (): Promise<Map<string, { verdict: string; reason?: string }>> => {
    const [runDir] = await readdir(join(dir, 'runs'));
    const journal = JSON.parse(await readFile(join(dir, 'runs', runDir ?? '', 'journal.json'), 'utf8')) as {
      checks: { id: string; verdict: string; reason?: string }[];
    };
    return new Map(journal.checks.map((c) => [c.id, c]));
  };
  /** One completed order: charged, 2 × sku-1 reserved out of 10 (stock 8). `stock` breaks conservation. */
  const seed = async (stock = 8): Promise<void> => {
    const id = randomUUID();
    await withClient(dbUrl(orderDb), (c) =>
      c
        .query('truncate orders')
        .then(() => c.query(`insert into orders (id, status) values ($1, 'completed')`, [id])),
    );
    await withClient(dbUrl(paymentDb), (c) =>
      c
        .query('truncate payments')
        .then(() =>
          c.query(`insert into payments (order_id, kind, status) values ($1, 'charge', 'captured')`, [id]),
        ),
    );
    await withClient(dbUrl(inventoryDb), async (c) => {
      await c.query('truncate reservations, products');
      await c.query(
        `insert into reservations (order_id, sku, quantity, status) values ($1, 'sku-1', 2, 'reserved')`,
        [id],
      );
      await c.query(`insert into products (sku, stock, initial_stock) values ('sku-1', $1, 10)`, [stock]);
    });
  };

  it('reads the three app Secrets, reaches each primary by port-forward, and the invariants pass on consistent data', async function () {
    await seed();
    const r = await run();
    const text = r.out + r.err;
    // The stand-in Prometheus holds no series: the evidence check is inconclusive (exit 2), not 5.
    assert.equal(r.code, 2, text);
    assert.match(text, /fault slow applied/, text);
    const checks = await journalChecks();
    for (const id of [
      'orders-terminal',
      'no-double-capture',
      'no-orphan-reservation',
      'compensated-refunded-released',
      'stock-conserved',
    ])
      assert.equal(
        checks.get(`invariant.${id}`)?.verdict,
        'pass',
        `${id}: ${JSON.stringify(checks.get(`invariant.${id}`))}`,
      );
    assert.equal(checks.get('invariant.dlq-empty-or-explained')?.verdict, 'pass');
    assert.deepEqual(listQueues, [
      ['rabbitmqctl', 'list_queues', '--quiet', '--formatter', 'json', 'name', 'messages'],
    ]);
    const secretReads = api.requests
      .filter((q) => q.path.includes('/secrets/'))
      .map((q) => q.path.split('/').pop());
    assert.deepEqual(secretReads, ['order-db-app', 'payment-db-app', 'inventory-db-app']);
    for (const s of RECONCILE_DATABASE_OWNERS)
      assert.ok(
        api.requests.some((q) =>
          q.path.startsWith(`/api/v1/namespaces/${NS}/pods/${s}-db-1/portforward?ports=5432`),
        ),
        `${s}: tunnelled to the primary's port 5432`,
      );
  });

  it('reports a broken invariant read through the tunnel (stock not conserved fails the run)', async function () {
    await seed(7);
    const r = await run();
    assert.equal(r.code, 1, r.out + r.err);
    const checks = await journalChecks();
    assert.equal(checks.get('invariant.stock-conserved')?.verdict, 'fail');
    assert.equal(checks.get('invariant.orders-terminal')?.verdict, 'pass');
    assert.equal(checks.get('invariant.dlq-empty-or-explained')?.verdict, 'pass');
  });

  it('a message in a dead-letter queue, read by exec in the broker pod, fails the DLQ invariant', async function () {
    await seed();
    dlqDepth = 2;
    const r = await run();
    assert.equal(r.code, 1, r.out + r.err);
    const dlq = (await journalChecks()).get('invariant.dlq-empty-or-explained');
    assert.equal(dlq?.verdict, 'fail');
    assert.match(dlq?.reason ?? '', /payment\.commands\.dlq: 2 message\(s\)/);
  });

  it('a missing app Secret stops the run before any fault (exit 5), naming the Secret', async function () {
    api.answer({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/secrets/payment-db-app`,
      status: 404,
      body: { kind: 'Status', code: 404, reason: 'NotFound', message: 'secrets "payment-db-app" not found' },
    });
    const r = await run();
    const text = r.out + r.err;
    assert.equal(r.code, 5, text);
    assert.match(text, /payment-db-app does not exist in namespace faultline/);
    assert.doesNotMatch(text, /fault slow applied/);
    assert.deepEqual(
      api.writes().filter((w) => w.path.includes('/configmaps')),
      [],
      'no lease: no fault was recorded',
    );
  });

  it('a forbidden app Secret (403) stops the run before any fault (exit 5)', async function () {
    api.answer({
      method: 'GET',
      path: `/api/v1/namespaces/${NS}/secrets/order-db-app`,
      status: 403,
      body: forbidden('get', 'secrets', NS),
    });
    const r = await run();
    const text = r.out + r.err;
    assert.equal(r.code, 5, text);
    assert.match(text, /ERR_K8S_FORBIDDEN|forbidden/i);
    assert.doesNotMatch(text, /fault slow applied/);
  });
});
