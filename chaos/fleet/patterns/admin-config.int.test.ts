import { strict as assert } from 'node:assert';
import { startTestFleet, type TestFleet } from '../fleet-harness.js';
import type { FleetService } from '../index.js';
import { adminUrl } from './pattern-probe.js';

/**
 * `GET /v1/admin/config` on each service's loopback admin port: the effective config and
 * switches, with every secret redacted.
 */
const SECRET = 'hunter2-do-not-show';
const RESILIENCE_SWITCHES = [
  'FAULTLINE_TIMEOUTS',
  'FAULTLINE_RETRIES',
  'FAULTLINE_RETRY_BUDGET',
  'FAULTLINE_BREAKER',
  'FAULTLINE_BULKHEAD',
];
const BACKENDS: FleetService[] = ['order', 'payment', 'inventory', 'shipping'];
const SIMULATORS: FleetService[] = ['psp', 'carrier'];

interface View {
  service: string;
  config: Record<string, unknown>;
  switches: Record<string, boolean>;
}

describe('the admin config endpoint (real fleet)', function () {
  this.timeout(120000);
  let fleet: TestFleet;
  before(
    async () =>
      (fleet = await startTestFleet({
        env: { PGPASSWORD: SECRET, AMQP_PASSWORD: 'guest' },
        serviceEnv: { payment: { FAULTLINE_BREAKER: 'off' } },
      })),
  );
  after(async () => fleet?.cleanup());

  const get = async (service: FleetService): Promise<{ text: string; view: View }> => {
    const res = await fetch(`${adminUrl(fleet, service)}/v1/admin/config`);
    assert.equal(res.status, 200, service);
    const text = await res.text();
    return { text, view: JSON.parse(text) as View };
  };

  for (const service of [...BACKENDS, ...SIMULATORS])
    it(`shows ${service}'s effective config and switches on its loopback admin port`, async () => {
      const { view } = await get(service);
      assert.equal(view.service, service);
      assert.equal(view.config['ADMIN_HOST'], '127.0.0.1');
      for (const s of RESILIENCE_SWITCHES)
        assert.equal(typeof view.switches[s], 'boolean', `${service} ${s}`);
      if (BACKENDS.includes(service)) {
        assert.equal(view.switches['FAULTLINE_OUTBOX'], true);
        assert.equal(view.config['AMQP_PREFETCH'], 20, 'the messaging bulkhead (prefetch) is shown');
      }
    });

  it('redacts passwords wherever they appear', async () => {
    for (const service of BACKENDS) {
      const { text, view } = await get(service);
      assert.ok(!text.includes(SECRET), `${service} leaks the database password`);
      assert.equal(view.config['PGPASSWORD'], '[redacted]');
      assert.equal(view.config['AMQP_PASSWORD'], '[redacted]');
    }
  });

  it('shows a switch turned off by config as off, and only there', async () => {
    assert.equal((await get('payment')).view.switches['FAULTLINE_BREAKER'], false);
    assert.equal((await get('shipping')).view.switches['FAULTLINE_BREAKER'], true);
  });

  it('does not serve the admin endpoint on the public port', async () => {
    const res = await fetch(`${fleet.urls.payment}/v1/admin/config`);
    assert.equal(res.status, 404);
  });
});
