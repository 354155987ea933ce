import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import amqp from 'amqplib';
import type pg from 'pg';
import { main } from '../cli/main.js';
import { FaultlineError } from '../errors.js';
import {
  dropFleetState,
  fleetDb,
  placeOrder,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from '../fleet/fleet-harness.js';
import { reconcile, type ReconcileReport } from './index.js';

/** Violations as [invariant, orderIds] pairs, sorted, for exact comparison. */
const found = (r: ReconcileReport): [string, string[]][] =>
  r.violations
    .map((v): [string, string[]] => [v.invariant, v.orderIds])
    .sort((a, b) => a[0].localeCompare(b[0]));

describe('reconcile over a real fleet database (PostgreSQL and RabbitMQ)', function () {
  this.timeout(180000);
  let fleet: TestFleet;
  let orderDb: pg.Client;
  let paymentDb: pg.Client;
  let inventoryDb: pg.Client;
  let sku: string;
  const target = (): { dbPrefix: string; amqpPrefix: string } => ({
    dbPrefix: fleet.dbPrefix,
    amqpPrefix: fleet.amqpPrefix,
  });

  before(async () => {
    fleet = await startTestFleet();
    const ok = await placeOrder(fleet, { customerId: 'c-1', items: [{ sku: 'SKU-0001', quantity: 2 }] });
    const oos = await placeOrder(fleet, { customerId: 'c-1', items: [{ sku: 'SKU-OOS', quantity: 1 }] });
    assert.equal((await waitForTerminal(fleet, ok.body.id)).status, 'completed');
    assert.equal((await waitForTerminal(fleet, oos.body.id)).status, 'compensated');
    // Stopped so that no service reacts to the rows the tests plant.
    await fleet.stop();
    orderDb = await fleetDb(fleet, 'order_db');
    paymentDb = await fleetDb(fleet, 'payment_db');
    inventoryDb = await fleetDb(fleet, 'inventory_db');
    sku = (
      await inventoryDb.query<{ sku: string }>(
        `select sku from products where stock > 5 and sku not in (select sku from reservations) order by sku limit 1`,
      )
    ).rows[0]!.sku;
  });
  after(async () => {
    await Promise.all([orderDb, paymentDb, inventoryDb].map((c) => c?.end()));
    if (fleet) await dropFleetState(fleet.dbPrefix, fleet.amqpPrefix);
  });
  afterEach(async () => {
    // Undo whatever a test planted, so that each test sees the clean fleet state plus its own rows.
    await orderDb.query("delete from orders where customer_id = 'planted'");
    await paymentDb.query("delete from payments where psp_ref = 'planted'");
    await inventoryDb.query("delete from reservations where created_at = 'epoch'");
    await inventoryDb.query(
      `update products set stock = initial_stock - coalesce(
         (select sum(quantity) from reservations r where r.sku = products.sku and r.status = 'reserved'), 0)`,
    );
  });

  const plantOrder = async (status: string, ageSeconds = 0): Promise<string> => {
    const id = randomUUID();
    await orderDb.query(
      `insert into orders (id, customer_id, items, amount_cents, status, saga, created_at)
       values ($1, 'planted', '[]', 100, $2, '{}', now() - make_interval(secs => $3))`,
      [id, status, ageSeconds],
    );
    return id;
  };
  const plantCharge = (orderId: string, kind = 'charge', status = 'authorized') =>
    paymentDb.query(
      `insert into payments (id, order_id, kind, status, amount_cents, psp_ref, message_id)
       values ($1, $2, $3, $4, 100, 'planted', $5)`,
      [randomUUID(), orderId, kind, status, randomUUID()],
    );
  // A product no real order touched; a reservation taken the way inventory takes one: stock moves with it, so stock stays conserved.
  const plantReservation = async (orderId: string, quantity = 1): Promise<void> => {
    await inventoryDb.query(
      `insert into reservations (id, order_id, sku, quantity, status, created_at) values ($1, $2, $3, $4, 'reserved', 'epoch')`,
      [randomUUID(), orderId, sku, quantity],
    );
    await inventoryDb.query('update products set stock = stock - $2 where sku = $1', [sku, quantity]);
  };

  it('is clean after real orders placed through the gateway reach terminal', async () => {
    const report = await reconcile(target());
    assert.deepEqual(found(report), []);
    assert.equal(report.verdict, 'pass');
    assert.ok(report.checks.every((c) => c.verdict === 'pass'));
  });

  it('reports an order still pending after its timeout', async () => {
    const id = await plantOrder('pending', 3600);
    await plantOrder('pending', 0);
    assert.deepEqual(found(await reconcile(target())), [['orders-terminal', [id]]]);
  });

  it('reports an order charged twice', async () => {
    const id = await plantOrder('completed');
    await plantCharge(id);
    await plantCharge(id);
    assert.deepEqual(found(await reconcile(target())), [['no-double-capture', [id]]]);
  });

  it('reports a reservation whose order does not exist', async () => {
    const missing = randomUUID();
    await plantReservation(missing);
    assert.deepEqual(found(await reconcile(target())), [['no-orphan-reservation', [missing]]]);
  });

  it('reports a compensated order whose charge was not refunded', async () => {
    const id = await plantOrder('compensated');
    await plantCharge(id);
    assert.deepEqual(found(await reconcile(target())), [['compensated-refunded-released', [id]]]);
  });

  it('reports a compensated order whose stock was not released, also as an orphan reservation', async () => {
    const id = await plantOrder('compensated');
    await plantCharge(id);
    await plantCharge(id, 'refund', 'refunded');
    await plantReservation(id, 2);
    assert.deepEqual(found(await reconcile(target())), [
      ['compensated-refunded-released', [id]],
      ['no-orphan-reservation', [id]],
    ]);
  });

  it('reports stock that vanished without a reservation', async () => {
    await inventoryDb.query('update products set stock = stock - 1 where sku = $1', [sku]);
    const report = await reconcile(target());
    assert.deepEqual(found(report), [['stock-conserved', []]]);
    assert.match(report.violations[0]!.detail, new RegExp(`^${sku}: .*\\(-1\\)$`));
  });

  it('reports a dead-lettered message with its reason and order id, unless the reason is explained', async () => {
    const queue = `${fleet.amqpPrefix}payment.commands.dlq`;
    const orderId = randomUUID();
    const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    try {
      const ch = await conn.createConfirmChannel();
      ch.sendToQueue(queue, Buffer.from(JSON.stringify({ orderId })), {
        headers: { 'x-faultline-reason': 'exhausted 5 attempts: psp down' },
      });
      await ch.waitForConfirms();
      const report = await reconcile(target());
      assert.deepEqual(found(report), [['dlq-empty-or-explained', [orderId]]]);
      assert.match(
        report.violations[0]!.detail,
        /1 message\(s\); unexplained reasons: exhausted 5 attempts: psp down/,
      );
      const explained = await reconcile({ ...target(), explainedReasons: ['exhausted '] });
      assert.equal(explained.verdict, 'pass');
      assert.equal((await ch.checkQueue(queue)).messageCount, 1, 'peeking must not consume');
      await ch.purgeQueue(queue);
    } finally {
      await conn.close();
    }
  });

  it('treats an unreadable database as an environment error, not a pass', async () => {
    await assert.rejects(
      reconcile({ dbPrefix: `flt_missing_${randomUUID().slice(0, 8)}_`, amqpPrefix: fleet.amqpPrefix }),
      (err: unknown) => err instanceof FaultlineError && err.code === 'ERR_RECONCILE_DB_READ',
    );
  });

  it('exits 0 when clean, 1 on a violation and 5 when the databases are missing, through the CLI', async () => {
    const run = async (...args: string[]): Promise<{ code: number; out: string }> => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const code = await main(['node', 'faultline', 'reconcile', ...args], {}, out, new PassThrough());
      return { code, out: Buffer.concat(chunks).toString() };
    };
    const prefixes = ['--db-prefix', fleet.dbPrefix, '--amqp-prefix', fleet.amqpPrefix];
    assert.equal((await run(...prefixes)).code, 0);
    const id = await plantOrder('compensating', 120);
    const failed = await run(...prefixes, '--order-timeout', '60');
    assert.equal(failed.code, 1);
    assert.match(failed.out, new RegExp(`orders-terminal  ${id}  order is compensating`));
    assert.equal((await run('--db-prefix', 'flt_missing_x_', '--amqp-prefix', fleet.amqpPrefix)).code, 5);
    assert.equal((await run(...prefixes, '--check', 'nope')).code, 4);
  });
});
