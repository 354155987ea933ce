import { strict as assert } from 'node:assert';
import {
  CALM,
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type OrderView,
  type TestFleet,
} from '../fleet-harness.js';
import { eventually, exportTo, oneItem, readMetric, startEventReceiver } from './pattern-probe.js';

/**
 * Circuit breaker: repeated psp failures open payment's psp breaker (gauge 1); later orders fail
 * fast (the psp is not called; `resilience_breaker_rejections_total` moves) and compensate; after
 * the psp recovers the breaker half-opens, lets a probe through and closes (gauge 0). With
 * FAULTLINE_BREAKER=off the breaker never opens and every order still hits the failing psp.
 * The same holds for shipping → carrier, where an open breaker is a `shipping_failed` step failure
 * that compensates the earlier steps.
 */
const THRESHOLD = 3;
const ORDERS = 5;
const env = (breaker: 'on' | 'off') => ({
  payment: {
    FAULTLINE_BREAKER: breaker,
    BREAKER_THRESHOLD: String(THRESHOLD),
    BREAKER_HALF_OPEN_MS: '1500',
    RETRY_ATTEMPTS: '1',
  },
  shipping: {
    FAULTLINE_BREAKER: breaker,
    BREAKER_THRESHOLD: String(THRESHOLD),
    BREAKER_HALF_OPEN_MS: '60000',
    RETRY_ATTEMPTS: '1',
  },
});
const psp = { downstream: 'payment-psp' };

async function order(fleet: TestFleet): Promise<OrderView> {
  const placed = await placeOrder(fleet, oneItem('c-breaker'));
  assert.equal(placed.status, 202);
  return waitForTerminal(fleet, placed.body.id, 60000);
}

/** Charges the psp actually received (its own server metric). */
const pspCharges = (fleet: TestFleet) =>
  readMetric(fleet, 'psp', 'http_server_request_duration_count', { http_route: '/v1/charges' });

async function outage(fleet: TestFleet) {
  await setSimulator(fleet, 'psp', { outage: true, latencyMs: 0 });
  const before = await pspCharges(fleet);
  const reasons: (string | undefined)[] = [];
  for (let i = 0; i < ORDERS; i++) reasons.push((await order(fleet)).reason);
  return {
    reasons,
    charged: (await pspCharges(fleet)) - before,
    state: await readMetric(fleet, 'payment', 'resilience_breaker_state', psp),
    rejections: await readMetric(fleet, 'payment', 'resilience_breaker_rejections_total', psp),
  };
}

describe('the circuit breaker (payment → psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);

  describe('with the breaker on', () => {
    let fleet: TestFleet;
    let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
    before(async () => {
      receiver = await startEventReceiver();
      fleet = await startTestFleet({ env: exportTo(receiver.endpoint), serviceEnv: env('on') });
    });
    after(async () => {
      await fleet?.cleanup();
      await receiver?.close();
    });

    it('opens after repeated psp failures and then fails fast without calling the psp', async () => {
      const seen = await outage(fleet);
      assert.deepEqual(seen.reasons, Array(ORDERS).fill('payment_unavailable'));
      assert.equal(seen.state, 1, 'resilience_breaker_state shows open');
      assert.equal(seen.charged, THRESHOLD, 'only the calls before the breaker opened reached the psp');
      assert.equal(seen.rejections, ORDERS - THRESHOLD);
      await eventually(
        'a resilience.breaker.rejected span event per fast failure',
        () =>
          receiver.events.filter(
            (e) =>
              e.service === 'payment' &&
              e.name === 'resilience.breaker.rejected' &&
              e.attributes['downstream'] === 'payment-psp',
          ).length ===
          ORDERS - THRESHOLD,
      );
    });

    it('half-opens and closes once the psp has recovered', async () => {
      await setSimulator(fleet, 'psp', CALM);
      let done: OrderView | undefined;
      // Orders fail fast until the half-open probe goes through; bounded number of tries.
      for (let i = 0; i < 60 && done?.status !== 'completed'; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 250));
        done = await order(fleet);
      }
      assert.equal(done?.status, 'completed');
      assert.equal(await readMetric(fleet, 'payment', 'resilience_breaker_state', psp), 0);
      const states = fleet
        .logs()
        .filter((l) => l.startsWith('[payment]') && l.includes('circuit breaker state changed'))
        .map((l) => (JSON.parse(l.slice('[payment] '.length)) as { state: string }).state);
      assert.deepEqual(states.slice(-3), ['Open', 'HalfOpen', 'Closed']);
    });

    it('turns an open carrier breaker into a shipping step failure that compensates', async () => {
      await setSimulator(fleet, 'carrier', { outage: true, latencyMs: 0 });
      try {
        for (let i = 0; i < THRESHOLD + 1; i++) {
          const done = await order(fleet);
          assert.equal(done.reason, 'shipping_failed');
          const undone = done.history.filter((h) => h.event === 'compensated').map((h) => h.step);
          assert.ok(
            ['inventory.release', 'payment.refund'].every((s) => undone.some((u) => u.includes(s))),
            JSON.stringify(done.history),
          );
        }
      } finally {
        await setSimulator(fleet, 'carrier', CALM);
      }
      const carrier = { downstream: 'shipping-carrier' };
      assert.equal(await readMetric(fleet, 'shipping', 'resilience_breaker_state', carrier), 1);
      assert.equal(await readMetric(fleet, 'shipping', 'resilience_breaker_rejections_total', carrier), 1);
    });
  });

  describe('with FAULTLINE_BREAKER=off (proves the test above can fail)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('off') })));
    after(async () => fleet?.cleanup());

    it('never opens: every order still calls the failing psp', async () => {
      const seen = await outage(fleet);
      assert.equal(seen.state, 0);
      assert.equal(seen.charged, ORDERS);
      assert.equal(seen.rejections, 0);
    });
  });
});
