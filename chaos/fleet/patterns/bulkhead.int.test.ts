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
 * Bulkhead: a burst of concurrent orders against a slow psp exceeds payment's psp bulkhead (2
 * running + 1 queued); the overflow is rejected at once (`resilience_bulkhead_rejections_total`)
 * and those sagas compensate. With FAULTLINE_BULKHEAD=off every call runs concurrently.
 */
const BURST = 8;
const env = (bulkhead: 'on' | 'off') => ({
  payment: {
    FAULTLINE_BULKHEAD: bulkhead,
    BULKHEAD_LIMIT: '2',
    BULKHEAD_QUEUE: '1',
    RETRY_ATTEMPTS: '1',
    AMQP_PREFETCH: '20',
  },
  order: { SAGA_STEP_TIMEOUT_MS: '60000' },
});

async function burst(fleet: TestFleet): Promise<{ statuses: string[]; rejections: number }> {
  await setSimulator(fleet, 'psp', { latencyMs: 1000 });
  const placed = await Promise.all(
    Array.from({ length: BURST }, () => placeOrder(fleet, oneItem('c-bulkhead'))),
  );
  for (const p of placed) assert.equal(p.status, 202);
  const done = await Promise.all(placed.map((p) => waitForTerminal(fleet, p.body.id, 60000)));
  return {
    statuses: done.map((d) => (d.reason ? `${d.status}:${d.reason}` : d.status)),
    rejections: await readMetric(fleet, 'payment', 'resilience_bulkhead_rejections_total', {
      downstream: 'payment-psp',
    }),
  };
}

describe('the bulkhead (payment → psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);

  describe('with the bulkhead on', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('on') })));
    after(async () => fleet?.cleanup());

    it('rejects calls past its limit and queue, and those sagas compensate', async () => {
      const seen = await burst(fleet);
      assert.ok(seen.rejections >= 1, `resilience_bulkhead_rejections_total = ${seen.rejections}`);
      assert.equal(
        seen.statuses.filter((s) => s === 'compensated:payment_unavailable').length,
        seen.rejections,
        seen.statuses.join(', '),
      );
    });
  });

  describe('with FAULTLINE_BULKHEAD=off (proves the test above can fail)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('off') })));
    after(async () => fleet?.cleanup());

    it('lets the whole burst through: nothing is rejected and every order completes', async () => {
      const seen = await burst(fleet);
      assert.equal(seen.rejections, 0);
      assert.deepEqual(seen.statuses, Array(BURST).fill('completed'));
    });
  });
});
