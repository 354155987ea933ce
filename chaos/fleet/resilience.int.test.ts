import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { reconcile } from '../invariants/index.js';
import {
  CALM,
  fleetDb,
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type OrderView,
  type TestFleet,
} from './fleet-harness.js';

const run = promisify(execFile);
const item = (customerId = 'c-1') => ({ customerId, items: [{ sku: 'SKU-0004', quantity: 1 }] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rabbit(action: 'stop_app' | 'start_app'): Promise<void> {
  await run('rabbitmqctl', ['-q', action], { timeout: 60000 });
  if (action === 'start_app')
    await run('rabbitmqctl', ['-q', 'await_startup', '--timeout', '60'], { timeout: 70000 });
}

/**
 * Restarts the machine's PostgreSQL cluster (the one on 127.0.0.1:5432) and waits until it takes
 * connections again. Every service's pool loses its connections mid-stream.
 */
async function restartPostgres(): Promise<void> {
  const { stdout } = await run('pg_lsclusters', ['--no-header'], { timeout: 10000 });
  const cluster = stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[2] === '5432');
  if (!cluster?.[0] || !cluster[1]) throw new Error(`no PostgreSQL cluster on port 5432:\n${stdout}`);
  await run('pg_ctlcluster', [cluster[0], cluster[1], 'restart'], { timeout: 60000 });
  await run('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-t', '30'], { timeout: 35000 });
}

/** Asserts that `reconcile` finds every business invariant holding for this fleet. */
async function assertReconciled(fleet: TestFleet): Promise<void> {
  const report = await reconcile({ dbPrefix: fleet.dbPrefix, amqpPrefix: fleet.amqpPrefix });
  assert.deepEqual(report.violations, []);
  assert.equal(report.verdict, 'pass');
}

async function getOrder(fleet: TestFleet, id: string): Promise<OrderView> {
  return (await (await fetch(`${fleet.urls.gateway}/v1/orders/${id}`)).json()) as OrderView;
}

async function waitReady(url: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      (await fetch(`${url}/readyz`)
        .then((r) => r.status)
        .catch(() => 0)) === 200
    )
      return;
    await sleep(200);
  }
  throw new Error(`${url} not ready again`);
}

describe('fleet recovery (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(240000);

  describe('with every pattern on', () => {
    let fleet: TestFleet;
    // Step timeouts longer than a broker restart, so every order can complete rather than time out.
    before(
      async () =>
        (fleet = await startTestFleet({ serviceEnv: { order: { SAGA_STEP_TIMEOUT_MS: '60000' } } })),
    );
    after(async () => fleet?.cleanup());
    afterEach(async () => setSimulator(fleet, 'psp', CALM));

    it('resumes an in-flight saga after the order service restarts', async () => {
      await setSimulator(fleet, 'psp', { latencyMs: 1500 });
      const placed = await placeOrder(fleet, item());
      assert.equal(placed.status, 202);
      const before = fleet.pids.order;
      await fleet.stopService('order');
      await fleet.restartService('order');
      assert.notEqual(fleet.pids.order, before, 'pids shows the restarted process');
      process.kill(fleet.pids.order, 0); // throws if that PID is not alive
      const done = await waitForTerminal(fleet, placed.body.id);
      assert.equal(done.status, 'completed');
    });

    it('loses no order when the broker stops and starts during a stream of orders', async () => {
      const ids: string[] = [];
      try {
        for (let i = 0; i < 6; i++) ids.push((await placeOrder(fleet, item())).body.id);
        await rabbit('stop_app');
        for (let i = 0; i < 4; i++) {
          const placed = await placeOrder(fleet, item());
          assert.equal(placed.status, 202, 'the outbox accepts orders while the broker is down');
          ids.push(placed.body.id);
        }
        await sleep(1000);
      } finally {
        await rabbit('start_app');
      }
      for (const id of ids) assert.equal((await waitForTerminal(fleet, id, 90000)).status, 'completed', id);
      const metrics = await (await fetch(`${fleet.urls.order}/metrics`)).text();
      const reconnects = /^amqp_reconnects_total(?:\{[^}]*\})? (\d+)/m.exec(metrics);
      assert.ok(Number(reconnects?.[1]) >= 1, `order counted its reconnect: ${reconnects?.[0]}`);
      const db = await fleetDb(fleet, 'payment_db');
      try {
        const twice = await db.query(
          "select order_id from payments where kind = 'charge' and status = 'authorized' group by order_id having count(*) > 1",
        );
        assert.equal(twice.rowCount, 0, 'no order charged twice after redeliveries');
      } finally {
        await db.end();
      }
      await assertReconciled(fleet);
    });

    it('loses no order when PostgreSQL restarts during a stream of orders', async () => {
      const ids: string[] = [];
      // A stream of orders on a schedule, whatever the answers; only accepted (202) orders count.
      let streaming = true;
      const stream = (async () => {
        for (let i = 0; i < 200 && streaming; i++) {
          const placed = await placeOrder(fleet, item('pg-restart')).catch(() => undefined);
          if (placed?.status === 202) ids.push(placed.body.id);
          await sleep(100);
        }
      })();
      try {
        await sleep(1500);
        await restartPostgres();
        await sleep(1500);
      } finally {
        streaming = false;
        await stream;
      }
      assert.ok(ids.length > 0, 'some orders were accepted');
      await waitReady(fleet.urls.order);
      for (const id of ids) assert.equal((await waitForTerminal(fleet, id, 90000)).status, 'completed', id);
      await assertReconciled(fleet);
    });
  });

  describe('with the outbox switched off (FAULTLINE_OUTBOX=off, no step timeouts)', () => {
    let fleet: TestFleet;
    before(
      async () =>
        (fleet = await startTestFleet({
          serviceEnv: { order: { FAULTLINE_OUTBOX: 'off', FAULTLINE_STEP_TIMEOUTS: 'off' } },
        })),
    );
    after(async () => fleet?.cleanup());

    it('loses the saga command of an order accepted while the broker is down', async () => {
      const customer = `lost-${randomBytes(4).toString('hex')}`;
      try {
        await rabbit('stop_app');
        await placeOrder(fleet, item(customer)); // the order row commits, the publish after it fails
      } finally {
        await rabbit('start_app');
      }
      await waitReady(fleet.urls.order);
      const witness = await placeOrder(fleet, item());
      assert.equal((await waitForTerminal(fleet, witness.body.id, 60000)).status, 'completed');
      const db = await fleetDb(fleet, 'order_db');
      try {
        const lost = (
          await db.query<{ id: string; status: string }>(
            'select id, status from orders where customer_id = $1',
            [customer],
          )
        ).rows;
        assert.equal(lost.length, 1, 'the order was committed');
        assert.equal(lost[0]?.status, 'pending');
        const view = await getOrder(fleet, lost[0]?.id ?? '');
        assert.deepEqual(
          view.history.map((h) => h.event),
          ['sent'],
          'no step ever answered: the command was never published',
        );
      } finally {
        await db.end();
      }
    });
  });
});
