import { strict as assert } from 'node:assert';
import {
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from '../fleet-harness.js';
import { oneItem, readMetric } from './pattern-probe.js';

/**
 * Retry budget: during a full psp outage (breaker off, so every call reaches the psp) retries stay
 * within burst + ratio × calls instead of (attempts − 1) × calls. With FAULTLINE_RETRY_BUDGET=off
 * every call is retried to the limit and the bound is broken.
 */
const ORDERS = 10;
const ATTEMPTS = 4;
const RATIO = 0.1;
const BURST = 2;
const env = (budget: 'on' | 'off') => ({
  payment: {
    FAULTLINE_RETRY_BUDGET: budget,
    FAULTLINE_BREAKER: 'off',
    RETRY_ATTEMPTS: String(ATTEMPTS),
    RETRY_BASE_MS: '10',
    RETRY_MAX_DELAY_MS: '50',
    RETRY_BUDGET_RATIO: String(RATIO),
    RETRY_BUDGET_BURST: String(BURST),
  },
});

async function ordersDuringOutage(fleet: TestFleet): Promise<number> {
  await setSimulator(fleet, 'psp', { outage: true, latencyMs: 0 });
  for (let i = 0; i < ORDERS; i++) {
    const placed = await placeOrder(fleet, oneItem('c-budget'));
    assert.equal(placed.status, 202);
    const done = await waitForTerminal(fleet, placed.body.id, 60000);
    assert.equal(done.reason, 'payment_unavailable');
  }
  return readMetric(fleet, 'payment', 'resilience_retries_total', { downstream: 'payment-psp' });
}

describe('the retry budget (payment → psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  const bound = BURST + RATIO * ORDERS;

  describe('with the budget on', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('on') })));
    after(async () => fleet?.cleanup());

    it(`keeps retries within burst + ratio × calls (${bound} for ${ORDERS} calls) during an outage`, async () => {
      const retries = await ordersDuringOutage(fleet);
      assert.ok(retries >= 1, 'the burst allows some retries');
      assert.ok(retries <= bound, `${retries} retries > ${bound}`);
    });
  });

  describe('with FAULTLINE_RETRY_BUDGET=off (proves the test above can fail)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('off') })));
    after(async () => fleet?.cleanup());

    it('retries every failed call to the limit, far past the bound', async () => {
      const retries = await ordersDuringOutage(fleet);
      assert.equal(retries, ORDERS * (ATTEMPTS - 1));
      assert.ok(retries > bound);
    });
  });
});
