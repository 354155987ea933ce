import { strict as assert } from 'node:assert';
import { placeOrder, setSimulator, startTestFleet, type TestFleet } from './fleet-harness.js';

const ORDER = { customerId: 'c-shed', items: [{ sku: 'SKU-0001', quantity: 1 }] };

/**
 * A fleet whose sagas cannot finish while the test runs: the PSP answers after 60 s and steps
 * time out after 60 s, so every accepted order stays in flight and order completes none. The
 * gateway admits at most 2 in-flight sagas (the floor; no completions means no measured rate).
 */
async function stalledFleet(shedding: 'on' | 'off'): Promise<TestFleet> {
  const fleet = await startTestFleet({
    serviceEnv: {
      gateway: { FAULTLINE_SHEDDING: shedding, GATEWAY_SHED_MIN_IN_FLIGHT: '2', GATEWAY_SHED_POLL_MS: '100' },
      order: { SAGA_STEP_TIMEOUT_MS: '60000' },
      payment: { PSP_TIMEOUT_MS: '60000' },
    },
  });
  await setSimulator(fleet, 'psp', { latencyMs: 60_000 });
  return fleet;
}

async function shedCount(fleet: TestFleet): Promise<number> {
  const text = await (await fetch(`${fleet.urls.gateway}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_shed_total'));
  return line === undefined ? NaN : Number(line.split(' ')[1]);
}

describe('gateway load shedding (real fleet)', function () {
  this.timeout(120_000);

  describe('with FAULTLINE_SHEDDING on', () => {
    let fleet: TestFleet;
    before(async () => {
      fleet = await stalledFleet('on');
    });
    after(async () => fleet?.cleanup());

    it('sheds new orders with 503, Retry-After and a problem once in-flight sagas reach the limit', async () => {
      assert.equal(await shedCount(fleet), 0, 'the shed counter is exported from the start');
      const accepted: string[] = [];
      let shed: Response | undefined;
      // Each accepted order adds a saga in flight; the gateway sees it on its next read of order's
      // saga load. Bounded: at most 50 orders.
      for (let i = 0; i < 50 && !shed; i++) {
        const res = await fetch(`${fleet.urls.gateway}/v1/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ORDER),
        });
        if (res.status === 202) accepted.push(((await res.json()) as { id: string }).id);
        else if (res.status === 503) shed = res;
        else assert.fail(`unexpected ${res.status}: ${await res.text()}`);
        if (!shed) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(shed, 'no order was shed');
      assert.ok(accepted.length >= 2, `only ${accepted.length} orders accepted before shedding`);
      assert.match(shed.headers.get('content-type') ?? '', /application\/problem\+json/);
      const retryAfter = Number(shed.headers.get('retry-after'));
      assert.ok(
        Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 30,
        `Retry-After ${retryAfter}`,
      );
      const problem = (await shed.json()) as { status: number; detail: string };
      assert.equal(problem.status, 503);
      assert.match(problem.detail, /orders in flight/);
      assert.ok((await shedCount(fleet)) >= 1);

      // Status reads are never shed.
      const read = await fetch(`${fleet.urls.gateway}/v1/orders/${accepted[0]}`);
      assert.equal(read.status, 200);
      assert.equal(((await read.json()) as { status: string }).status, 'pending');
    });
  });

  describe('with FAULTLINE_SHEDDING off', () => {
    let fleet: TestFleet;
    before(async () => {
      fleet = await stalledFleet('off');
    });
    after(async () => fleet?.cleanup());

    it('accepts every order however many sagas are in flight', async () => {
      for (let i = 0; i < 6; i++) {
        const r = await placeOrder(fleet, ORDER);
        assert.equal(r.status, 202, JSON.stringify(r.body));
        await new Promise((res) => setTimeout(res, 200)); // as slow as the shedding test's loop
      }
      assert.equal(await shedCount(fleet), 0);
      const config = (await (await fetch(`${fleet.adminUrls.gateway}/v1/admin/config`)).json()) as {
        switches: Record<string, boolean>;
      };
      assert.equal(config.switches['FAULTLINE_SHEDDING'], false);
    });
  });
});
