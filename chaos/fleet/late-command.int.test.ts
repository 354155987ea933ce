import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import type pg from 'pg';
import { CALM, fleetDb, setSimulator, startTestFleet, type TestFleet } from './fleet-harness.js';

/**
 * A forward command that reaches its participant after the order's compensation (it waited in the
 * retry queue while the saga timed the step out) must do nothing: otherwise a compensated order
 * keeps a charge, a reservation or a shipment that nothing will ever undo. Seen under CPU
 * starvation: two compensated orders with an authorized charge and no refund. The commands are
 * published straight onto the saga exchange, in the wrong order, against a real fleet.
 */
/** The saga's commands as they travel on the bus (the fleet is a black box: names, not imports). */
type CommandType =
  | 'payment.authorize'
  | 'payment.refund'
  | 'inventory.reserve'
  | 'inventory.release'
  | 'shipping.schedule'
  | 'shipping.cancel';

describe('a forward command after its compensation (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  let fleet: TestFleet;
  let conn: amqp.ChannelModel;
  let ch: amqp.ConfirmChannel;
  const dbs: Partial<Record<'payment_db' | 'inventory_db' | 'shipping_db', pg.Client>> = {};

  before(async () => {
    fleet = await startTestFleet();
    await setSimulator(fleet, 'psp', CALM);
    await setSimulator(fleet, 'carrier', CALM);
    conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    ch = await conn.createConfirmChannel();
    for (const db of ['payment_db', 'inventory_db', 'shipping_db'] as const)
      dbs[db] = await fleetDb(fleet, db);
  });
  after(async () => {
    await Promise.all(Object.values(dbs).map((c) => c.end()));
    await conn?.close();
    await fleet?.cleanup();
  });

  /** Publishes a command as the order service's relay would; returns its message id. */
  async function send(type: CommandType, orderId: string, payload: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    const body = { id, type, orderId, sentAt: new Date().toISOString(), payload };
    ch.publish(`${fleet.amqpPrefix}faultline.saga`, type, Buffer.from(JSON.stringify(body)), {
      contentType: 'application/json',
      persistent: true,
      messageId: id,
    });
    await ch.waitForConfirms();
    return id;
  }

  /** Waits until the participant has committed the message (its inbox holds the id). */
  async function handled(db: pg.Client, messageId: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const seen = await db.query('select 1 from inbox where message_id = $1', [messageId]);
      if (seen.rowCount) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`message ${messageId} not handled within 30 s`);
  }

  const count = async (db: pg.Client, sql: string, orderId: string): Promise<number> =>
    Number((await db.query<{ n: string }>(sql, [orderId])).rows[0]?.n);

  const stockOf = async (sku: string): Promise<number> =>
    Number(
      (await dbs.inventory_db!.query<{ stock: string }>('select stock from products where sku = $1', [sku]))
        .rows[0]?.stock,
    );

  it('charges nothing when the authorize comes after the refund', async () => {
    const db = dbs.payment_db!;
    const late = randomUUID();
    await handled(db, await send('payment.refund', late, {}));
    await handled(db, await send('payment.authorize', late, { amountCents: 1234, customerId: 'c-late' }));
    assert.equal(await count(db, 'select count(*) as n from payments where order_id = $1', late), 0);
    assert.equal(await count(db, 'select count(*) as n from order_tombstones where order_id = $1', late), 1);

    // In the usual order the charge is made and then refunded: the tombstone blocks only what is late.
    const usual = randomUUID();
    await handled(db, await send('payment.authorize', usual, { amountCents: 1234, customerId: 'c-usual' }));
    await handled(db, await send('payment.refund', usual, {}));
    const rows = await db.query<{ kind: string; status: string }>(
      'select kind, status from payments where order_id = $1 order by created_at',
      [usual],
    );
    assert.deepEqual(
      rows.rows.map((r) => [r.kind, r.status]),
      [
        ['charge', 'authorized'],
        ['refund', 'refunded'],
      ],
    );
  });

  it('reserves no stock when the reserve comes after the release', async () => {
    const db = dbs.inventory_db!;
    const sku = 'SKU-0007';
    const before = await stockOf(sku);
    const late = randomUUID();
    await handled(db, await send('inventory.release', late, {}));
    await handled(db, await send('inventory.reserve', late, { items: [{ sku, quantity: 3 }] }));
    assert.equal(await count(db, 'select count(*) as n from reservations where order_id = $1', late), 0);
    assert.equal(await stockOf(sku), before);

    const usual = randomUUID();
    await handled(db, await send('inventory.reserve', usual, { items: [{ sku, quantity: 3 }] }));
    assert.equal(await stockOf(sku), before - 3);
    await handled(db, await send('inventory.release', usual, {}));
    assert.equal(await stockOf(sku), before);
  });

  it('books no shipment when the schedule comes after the cancel', async () => {
    const db = dbs.shipping_db!;
    const late = randomUUID();
    await handled(db, await send('shipping.cancel', late, {}));
    await handled(
      db,
      await send('shipping.schedule', late, {
        customerId: 'c-late',
        items: [{ sku: 'SKU-0001', quantity: 1 }],
      }),
    );
    assert.equal(await count(db, 'select count(*) as n from shipments where order_id = $1', late), 0);

    const usual = randomUUID();
    await handled(
      db,
      await send('shipping.schedule', usual, {
        customerId: 'c-usual',
        items: [{ sku: 'SKU-0001', quantity: 1 }],
      }),
    );
    await handled(db, await send('shipping.cancel', usual, {}));
    const rows = await db.query<{ status: string }>('select status from shipments where order_id = $1', [
      usual,
    ]);
    assert.deepEqual(
      rows.rows.map((r) => r.status),
      ['cancelled'],
    );
  });
});
