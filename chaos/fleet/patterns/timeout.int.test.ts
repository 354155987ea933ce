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
 * Timeout pattern: a psp slower than PSP_TIMEOUT_MS is cut, and the saga compensates
 * (payment_unavailable) instead of waiting for the psp. Run twice: with the pattern on the
 * assertions hold; with FAULTLINE_TIMEOUTS=off the very same observations show the order waiting
 * for the slow psp and completing, so the assertions would fail.
 */
const PSP_LATENCY_MS = 2500;
const env = (timeouts: 'on' | 'off') => ({
  payment: { PSP_TIMEOUT_MS: '300', RETRY_ATTEMPTS: '1', FAULTLINE_TIMEOUTS: timeouts },
  order: { SAGA_STEP_TIMEOUT_MS: '60000' },
});

async function slowPspOrder(
  fleet: TestFleet,
): Promise<{ status: string; reason?: string; timeouts: number }> {
  await setSimulator(fleet, 'psp', { latencyMs: PSP_LATENCY_MS });
  const placed = await placeOrder(fleet, oneItem('c-timeout'));
  assert.equal(placed.status, 202);
  const done = await waitForTerminal(fleet, placed.body.id, 60000);
  const timeouts = await readMetric(fleet, 'payment', 'resilience_timeouts_total', {
    downstream: 'payment-psp',
  });
  return { status: done.status, ...(done.reason ? { reason: done.reason } : {}), timeouts };
}

describe('the timeout pattern (payment → psp, real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);

  describe('with timeouts on', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('on') })));
    after(async () => fleet?.cleanup());

    it('cuts a psp call slower than the timeout and compensates the saga, counting the timeout', async () => {
      const seen = await slowPspOrder(fleet);
      assert.equal(seen.status, 'compensated');
      assert.equal(seen.reason, 'payment_unavailable');
      assert.ok(seen.timeouts >= 1, `resilience_timeouts_total = ${seen.timeouts}`);
    });
  });

  describe('with FAULTLINE_TIMEOUTS=off (proves the test above can fail)', () => {
    let fleet: TestFleet;
    before(async () => (fleet = await startTestFleet({ serviceEnv: env('off') })));
    after(async () => fleet?.cleanup());

    it('waits for the slow psp instead: the order completes and no timeout is counted', async () => {
      const seen = await slowPspOrder(fleet);
      assert.equal(seen.status, 'completed');
      assert.equal(seen.timeouts, 0);
    });
  });
});
