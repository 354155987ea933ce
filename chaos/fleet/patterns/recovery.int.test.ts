import { strict as assert } from 'node:assert';
import { reconcile } from '../../invariants/index.js';
import {
  CALM,
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from '../fleet-harness.js';
import type { FleetService } from '../index.js';
import { eventually, oneItem, readMetric } from './pattern-probe.js';

/**
 * Connection recovery, WITHOUT touching the shared RabbitMQ and PostgreSQL servers: the fleet's
 * connections go through the fault proxy, and the test takes the order service's `order-amqp` and
 * `order-postgres` links down (`enabled: false`) or resets them (`reset_peer` toxic). While a link
 * is out, `/readyz` answers 503; once it is back the service reconnects on its own, re-declares
 * its topology and consumers, the outbox relay publishes what it could not, and no order is lost.
 */
async function proxyCall(fleet: TestFleet, method: string, path: string, body?: unknown): Promise<void> {
  assert.ok(fleet.proxyUrl, 'the fleet must run through the fault proxy');
  const res = await fetch(`${fleet.proxyUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.text()}`);
}

const setLink = (fleet: TestFleet, link: string, enabled: boolean) =>
  proxyCall(fleet, 'POST', `/proxies/${link}`, { enabled });

async function readiness(fleet: TestFleet, service: FleetService): Promise<number> {
  return (await fetch(`${fleet.urls[service]}/readyz`)).status;
}

async function placeAccepted(fleet: TestFleet, n: number, ids: string[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const placed = await placeOrder(fleet, oneItem('c-recovery'));
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    ids.push(placed.body.id);
  }
}

async function allComplete(fleet: TestFleet, ids: readonly string[]): Promise<void> {
  for (const id of ids) assert.equal((await waitForTerminal(fleet, id, 90000)).status, 'completed', id);
}

describe('connection recovery through the fault proxy (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(300000);
  let fleet: TestFleet;
  // Step timeouts longer than the outages, so every order can complete rather than time out.
  before(
    async () => (fleet = await startTestFleet({ serviceEnv: { order: { SAGA_STEP_TIMEOUT_MS: '120000' } } })),
  );
  after(async () => {
    // Faults are removed even when an assertion failed half-way.
    if (fleet?.proxyUrl) {
      await setLink(fleet, 'order-amqp', true).catch(() => undefined);
      await setLink(fleet, 'order-postgres', true).catch(() => undefined);
      await proxyCall(fleet, 'DELETE', '/proxies/order-amqp/toxics/reset').catch(() => undefined);
    }
    await fleet?.cleanup();
  });

  it('goes unready while its broker link is down, then reconnects and loses no order', async () => {
    const ids: string[] = [];
    const reconnectsBefore = await readMetric(fleet, 'order', 'amqp_reconnects_total');
    await placeAccepted(fleet, 3, ids);
    try {
      await setLink(fleet, 'order-amqp', false);
      await eventually(
        'order unready without its broker',
        async () => (await readiness(fleet, 'order')) === 503,
      );
      await placeAccepted(fleet, 3, ids); // the outbox holds them
    } finally {
      await setLink(fleet, 'order-amqp', true);
    }
    await eventually('order ready again', async () => (await readiness(fleet, 'order')) === 200, 60000);
    await allComplete(fleet, ids);
    assert.ok((await readMetric(fleet, 'order', 'amqp_reconnects_total')) > reconnectsBefore);
  });

  it('recovers from connections reset mid-stream (reset_peer toxic)', async () => {
    const ids: string[] = [];
    await placeAccepted(fleet, 2, ids);
    try {
      await proxyCall(fleet, 'POST', '/proxies/order-amqp/toxics', {
        name: 'reset',
        type: 'reset_peer',
        stream: 'upstream',
        toxicity: 1,
        attributes: { timeout: 0 },
      });
      await placeAccepted(fleet, 3, ids);
      await eventually(
        'order unready while resets last',
        async () => (await readiness(fleet, 'order')) === 503,
      );
    } finally {
      await proxyCall(fleet, 'DELETE', '/proxies/order-amqp/toxics/reset');
    }
    await eventually('order ready again', async () => (await readiness(fleet, 'order')) === 200, 60000);
    await allComplete(fleet, ids);
  });

  it('goes unready while its database link is down, then reconnects and serves orders again', async () => {
    const ids: string[] = [];
    await setSimulator(fleet, 'psp', { latencyMs: 300 }); // keeps these sagas in flight across the cut
    await placeAccepted(fleet, 3, ids);
    try {
      await setLink(fleet, 'order-postgres', false);
      await eventually(
        'order unready without its database',
        async () => (await readiness(fleet, 'order')) === 503,
      );
      // Longer than a delivery's whole retry schedule (5 attempts from 200 ms): replies arriving
      // now must wait for the database, not be dead-lettered.
      await new Promise((r) => setTimeout(r, 5000));
    } finally {
      await setSimulator(fleet, 'psp', CALM);
      await setLink(fleet, 'order-postgres', true);
    }
    await eventually('order ready again', async () => (await readiness(fleet, 'order')) === 200, 60000);
    await placeAccepted(fleet, 2, ids);
    await allComplete(fleet, ids);
  });

  it('leaves every invariant holding (reconcile)', async () => {
    const report = await reconcile({ dbPrefix: fleet.dbPrefix, amqpPrefix: fleet.amqpPrefix });
    assert.deepEqual(report.violations, []);
    assert.equal(report.verdict, 'pass');
  });
});
