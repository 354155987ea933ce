import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { CALM, fleetDb, setSimulator, startTestFleet, type TestFleet } from './fleet-harness.js';

const authorize = (orderId: string, id = randomUUID()) => ({
  id,
  type: 'payment.authorize',
  orderId,
  sentAt: new Date().toISOString(),
  payload: { amountCents: 1000, customerId: 'c-1' },
});

async function publish(
  fleet: TestFleet,
  routingKey: string,
  body: string | object,
  messageId = randomUUID(),
): Promise<void> {
  const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  try {
    const ch = await conn.createConfirmChannel();
    ch.publish(
      `${fleet.amqpPrefix}faultline.saga`,
      routingKey,
      Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
      { messageId, persistent: true },
    );
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
}

/** Reads a counter from the payment service's /metrics (sum over matching series). */
async function consumed(fleet: TestFleet, outcome: string): Promise<number> {
  const text = await (await fetch(`${fleet.urls.payment}/metrics`)).text();
  const re = new RegExp(
    `^messaging_client_consumed_messages_total\\{[^}]*messaging_outcome="${outcome}"[^}]*\\} (\\d+)`,
    'gm',
  );
  return [...text.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function charges(fleet: TestFleet, orderId: string): Promise<number> {
  const db = await fleetDb(fleet, 'payment_db');
  try {
    return Number(
      (
        await db.query(
          "select count(*) as n from payments where order_id = $1 and kind = 'charge' and status = 'authorized'",
          [orderId],
        )
      ).rows[0].n,
    );
  } finally {
    await db.end();
  }
}

async function refunds(fleet: TestFleet, orderId: string): Promise<number> {
  const db = await fleetDb(fleet, 'payment_db');
  try {
    return Number(
      (
        await db.query("select count(*) as n from payments where order_id = $1 and kind = 'refund'", [
          orderId,
        ])
      ).rows[0].n,
    );
  } finally {
    await db.end();
  }
}

/** Delivers the same payment.authorize message (same id) twice and returns the charges made. */
async function chargesAfterDuplicateDelivery(fleet: TestFleet): Promise<number> {
  const orderId = randomUUID();
  const message = authorize(orderId);
  await publish(fleet, 'payment.authorize', message, message.id);
  await publish(fleet, 'payment.authorize', message, message.id);
  await until(
    'both deliveries handled',
    async () => (await consumed(fleet, 'ack')) + (await consumed(fleet, 'duplicate')) >= 2,
  );
  return charges(fleet, orderId);
}

describe('messaging guarantees of a participant (payment + psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(120000);

  describe('with the inbox on (default)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ only: ['psp', 'payment'] })));
    after(async () => fleet?.cleanup());

    it('charges once when the same message is delivered twice', async () => {
      assert.equal(await chargesAfterDuplicateDelivery(fleet), 1);
      assert.equal(await consumed(fleet, 'duplicate'), 1);
    });

    it('dead-letters poison messages with the reason in a header and keeps consuming', async () => {
      await publish(fleet, 'payment.authorize', '{not json');
      await publish(fleet, 'payment.authorize', { ...authorize(randomUUID()), type: 'payment.teleport' });
      await publish(fleet, 'payment.authorize', { ...authorize(randomUUID()), payload: { amountCents: -5 } });
      const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
      const reasons: string[] = [];
      try {
        const ch = await conn.createChannel();
        await until('3 messages in the DLQ', async () => {
          const msg = await ch.get(`${fleet.amqpPrefix}payment.commands.dlq`, { noAck: true });
          if (msg) reasons.push(String(msg.properties.headers?.['x-faultline-reason']));
          return reasons.length === 3;
        });
      } finally {
        await conn.close();
      }
      assert.match(reasons.join('\n'), /poison: invalid JSON/);
      assert.match(reasons.join('\n'), /poison: unknown message type "payment.teleport"/);
      assert.match(reasons.join('\n'), /poison: invalid payment.authorize payload: amountCents/);
      const orderId = randomUUID();
      await publish(fleet, 'payment.authorize', authorize(orderId));
      await until(
        'a valid message processed after the poison',
        async () => (await charges(fleet, orderId)) === 1,
      );
    });
  });

  describe('bounded retries', () => {
    let fleet: TestFleet;
    before(
      async () =>
        (fleet = await startTestFleet({
          only: ['psp', 'payment'],
          // Breaker off: with it on, an open breaker defers a refund without using up attempts.
          serviceEnv: {
            payment: { AMQP_MAX_ATTEMPTS: '3', AMQP_RETRY_BASE_MS: '50', FAULTLINE_BREAKER: 'off' },
          },
        })),
    );
    after(async () => fleet?.cleanup());

    it('retries a failing refund through the retry queue, then dead-letters it after the last attempt', async () => {
      const orderId = randomUUID();
      await publish(fleet, 'payment.authorize', authorize(orderId));
      await until('the charge', async () => (await charges(fleet, orderId)) === 1);
      await setSimulator(fleet, 'psp', { errorRate: 1 });
      try {
        await publish(fleet, 'payment.refund', {
          id: randomUUID(),
          type: 'payment.refund',
          orderId,
          sentAt: new Date().toISOString(),
          payload: {},
        });
        const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
        let headers: Record<string, unknown> = {};
        try {
          const ch = await conn.createChannel();
          await until('the refund in the DLQ', async () => {
            const msg = await ch.get(`${fleet.amqpPrefix}payment.commands.dlq`, { noAck: true });
            if (msg) headers = msg.properties.headers ?? {};
            return msg !== false;
          });
        } finally {
          await conn.close();
        }
        assert.match(String(headers['x-faultline-reason']), /^exhausted 3 attempts: psp refund failed: 503/);
        assert.equal(headers['x-faultline-attempt'], 3);
        assert.equal(await consumed(fleet, 'retry'), 2);
      } finally {
        await setSimulator(fleet, 'psp', CALM);
      }
    });
  });

  describe('a refund while the psp breaker is open', () => {
    let fleet: TestFleet;
    before(
      async () =>
        (fleet = await startTestFleet({
          only: ['psp', 'payment'],
          serviceEnv: {
            payment: {
              AMQP_MAX_ATTEMPTS: '3',
              AMQP_RETRY_BASE_MS: '50',
              BREAKER_THRESHOLD: '2',
              BREAKER_HALF_OPEN_MS: '1000',
            },
          },
        })),
    );
    after(async () => fleet?.cleanup());

    it('waits the outage out without spending its attempts, then refunds; nothing is dead-lettered', async () => {
      const orderId = randomUUID();
      await publish(fleet, 'payment.authorize', authorize(orderId));
      await until('the charge', async () => (await charges(fleet, orderId)) === 1);
      await setSimulator(fleet, 'psp', { outage: true });
      try {
        await publish(fleet, 'payment.refund', {
          id: randomUUID(),
          type: 'payment.refund',
          orderId,
          sentAt: new Date().toISOString(),
          payload: {},
        });
        // Far longer than 3 attempts at 50 ms base backoff would take to exhaust.
        await new Promise((r) => setTimeout(r, 4000));
        assert.equal(await refunds(fleet, orderId), 0, 'no refund while the psp is down');
      } finally {
        await setSimulator(fleet, 'psp', CALM);
      }
      await until('the refund', async () => (await refunds(fleet, orderId)) === 1, 30000);
      const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
      try {
        const ch = await conn.createChannel();
        const dlq = await ch.checkQueue(`${fleet.amqpPrefix}payment.commands.dlq`);
        assert.equal(dlq.messageCount, 0, 'the refund was dead-lettered');
      } finally {
        await conn.close();
      }
    });
  });

  describe('with the inbox switched off (FAULTLINE_INBOX=off)', () => {
    let fleet: TestFleet;
    before(
      async () =>
        (fleet = await startTestFleet({
          only: ['psp', 'payment'],
          serviceEnv: { payment: { FAULTLINE_INBOX: 'off' } },
        })),
    );
    after(async () => fleet?.cleanup());

    it('charges twice for a duplicate delivery, which is what the inbox prevents', async () => {
      assert.equal(await chargesAfterDuplicateDelivery(fleet), 2);
    });
  });
});
