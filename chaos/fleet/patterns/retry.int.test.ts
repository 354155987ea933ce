import { strict as assert } from 'node:assert';
import {
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from '../fleet-harness.js';
import {
  eventually,
  exportTo,
  oneItem,
  readMetric,
  startEventReceiver,
  type ReceivedEvent,
} from './pattern-probe.js';

/**
 * Retry pattern: half of the psp's answers are transient 503s. The idempotency-keyed charge is
 * retried with exponential backoff and decorrelated jitter, so every order completes; each retry is
 * a `resilience.retry` span event and a `resilience_retries_total` point. With FAULTLINE_RETRIES=off
 * the same orders partly compensate and nothing is retried.
 */
const ORDERS = 8;
const env = (retries: 'on' | 'off') => ({
  // A fixed psp seed makes the error sequence reproducible: orders run one at a time, so the psp
  // draws the same verdicts in every run.
  psp: { SIM_SEED: '42' },
  payment: {
    FAULTLINE_RETRIES: retries,
    RETRY_ATTEMPTS: '8',
    RETRY_BASE_MS: '20',
    RETRY_MAX_DELAY_MS: '200',
    // The breaker and the budget must not get in the way of what this test watches.
    BREAKER_THRESHOLD: '50',
    RETRY_BUDGET_BURST: '100',
  },
});

async function flakyPspOrders(fleet: TestFleet): Promise<{ statuses: string[]; retries: number }> {
  await setSimulator(fleet, 'psp', { errorRate: 0.5, latencyMs: 0 });
  const statuses: string[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const placed = await placeOrder(fleet, oneItem('c-retry'));
    assert.equal(placed.status, 202);
    statuses.push((await waitForTerminal(fleet, placed.body.id, 60000)).status);
  }
  const retries = await readMetric(fleet, 'payment', 'resilience_retries_total', {
    downstream: 'payment-psp',
  });
  return { statuses, retries };
}

describe('the retry pattern (payment → psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);

  describe('with retries on', () => {
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

    it('rides out transient psp errors: every order completes and the retries are counted', async () => {
      const seen = await flakyPspOrders(fleet);
      assert.deepEqual(seen.statuses, Array(ORDERS).fill('completed'));
      assert.ok(seen.retries >= 1, `resilience_retries_total = ${seen.retries}`);
    });

    it('records each retry as a span event whose jittered delays spread out', async () => {
      const retries = (): ReceivedEvent[] =>
        receiver.events.filter((e) => e.service === 'payment' && e.name === 'resilience.retry');
      const counted = await readMetric(fleet, 'payment', 'resilience_retries_total', {
        downstream: 'payment-psp',
      });
      await eventually('every retry exported as a span event', () => retries().length >= counted);
      for (const e of retries()) {
        assert.equal(e.attributes['downstream'], 'payment-psp');
        assert.ok(Number(e.attributes['resilience.retry.attempt']) >= 1);
      }
      const firstDelays = retries()
        .filter((e) => Number(e.attributes['resilience.retry.attempt']) === 1)
        .map((e) => Number(e.attributes['resilience.retry.delay_ms']));
      assert.ok(firstDelays.length >= 2, `only ${firstDelays.length} first retries`);
      assert.ok(new Set(firstDelays).size >= 2, `first-retry delays all equal: ${firstDelays.join(', ')}`);
    });
  });

  describe('with FAULTLINE_RETRIES=off (proves the test above can fail)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('off') })));
    after(async () => fleet?.cleanup());

    it('lets transient psp errors through: some orders compensate and nothing is retried', async () => {
      const seen = await flakyPspOrders(fleet);
      assert.ok(seen.statuses.includes('compensated'), seen.statuses.join(', '));
      assert.equal(seen.retries, 0);
    });
  });
});
