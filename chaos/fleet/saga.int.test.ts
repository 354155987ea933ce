import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import {
  CALM,
  placeOrder,
  setSimulator,
  startTestFleet,
  waitForTerminal,
  type TestFleet,
} from './fleet-harness.js';
import { startOtlpReceiver, type ReceivedSpan } from './otlp-test-receiver.js';

const item = (sku = 'SKU-0001', quantity = 1) => ({ customerId: 'c-1', items: [{ sku, quantity }] });

describe('the saga fleet (real RabbitMQ and PostgreSQL)', function () {
  this.timeout(180000);
  let fleet: TestFleet;
  let otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;

  before(async () => {
    otlp = await startOtlpReceiver();
    fleet = await startTestFleet({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
      // Long enough for a cold first saga on a loaded 2-core machine; the timeout test outlasts it.
      serviceEnv: { order: { SAGA_STEP_TIMEOUT_MS: '8000' } },
    });
  });
  after(async () => {
    await fleet?.cleanup();
    await otlp?.close();
  });
  afterEach(async () => {
    await setSimulator(fleet, 'psp', CALM);
    await setSimulator(fleet, 'carrier', CALM);
  });

  it('completes an order placed through the gateway', async () => {
    const placed = await placeOrder(fleet, item());
    assert.equal(placed.status, 202);
    assert.equal(placed.body.status, 'pending');
    const done = await waitForTerminal(fleet, placed.body.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual(
      done.history.filter((h) => h.event === 'succeeded').map((h) => h.step),
      ['payment.authorize', 'inventory.reserve', 'shipping.schedule'],
    );
    // Each history line's time is an ISO instant in ms (UTC), in the order the saga wrote them.
    const at = (done.history as { at?: unknown }[]).map((h) => h.at);
    for (const t of at) assert.match(String(t), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual([...at].sort(), at);
    assert.ok(Array.isArray(placed.body.history), 'the 202 carries the history written so far');
  });

  it('answers a status long poll (?wait=) as soon as the order is terminal, not at the end of the wait', async () => {
    // A slow PSP keeps the saga running ~1.5 s, well inside the 4 s wait asked for.
    await setSimulator(fleet, 'psp', { latencyMs: 1500 });
    const placed = await placeOrder(fleet, item());
    const started = Date.now();
    const res = await fetch(`${fleet.urls.gateway}/v1/orders/${placed.body.id}?wait=4000`);
    const tookMs = Date.now() - started;
    const body = (await res.json()) as { status: string };
    assert.equal(res.status, 200);
    assert.equal(body.status, 'completed');
    assert.ok(tookMs >= 1000, `answered after ${tookMs} ms, before the saga could end`);
    assert.ok(tookMs < 3900, `answered after ${tookMs} ms: the wait ran out instead of waking on the commit`);
  });

  it('answers a status long poll with the current status when the wait runs out, and refuses a bad wait', async () => {
    await setSimulator(fleet, 'psp', { latencyMs: 3000 });
    const placed = await placeOrder(fleet, item());
    const started = Date.now();
    const res = await fetch(`${fleet.urls.gateway}/v1/orders/${placed.body.id}?wait=500`);
    const tookMs = Date.now() - started;
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'pending');
    assert.ok(tookMs >= 450 && tookMs < 2500, `answered after ${tookMs} ms for a 500 ms wait`);
    const bad = await fetch(`${fleet.urls.gateway}/v1/orders/${placed.body.id}?wait=soon`);
    assert.equal(bad.status, 400);
    await waitForTerminal(fleet, placed.body.id);
  });

  it('compensates with payment_declined when the PSP declines', async () => {
    await setSimulator(fleet, 'psp', { declineRate: 1 });
    const done = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id);
    assert.equal(done.status, 'compensated');
    assert.equal(done.reason, 'payment_declined');
  });

  it('compensates with out_of_stock and refunds the payment for SKU-OOS', async () => {
    const done = await waitForTerminal(fleet, (await placeOrder(fleet, item('SKU-OOS'))).body.id);
    assert.equal(done.status, 'compensated');
    assert.equal(done.reason, 'out_of_stock');
    assert.ok(done.history.some((h) => h.step === 'payment.refund' && h.event === 'compensated'));
  });

  it('releases stock and refunds when the carrier fails', async () => {
    await setSimulator(fleet, 'carrier', { errorRate: 1 });
    const done = await waitForTerminal(fleet, (await placeOrder(fleet, item())).body.id);
    assert.equal(done.status, 'compensated');
    assert.equal(done.reason, 'shipping_failed');
    const undone = done.history
      .filter((h) => h.event === 'compensated' && h.step !== 'saga')
      .map((h) => h.step);
    assert.deepEqual(undone, ['inventory.release', 'payment.refund']);
  });

  it('compensates with step_timeout when the PSP is slower than the step timeout', async () => {
    await setSimulator(fleet, 'psp', { latencyMs: 12000 });
    const placed = await placeOrder(fleet, item());
    // Once the step has timed out, let the refund through quickly (the slow charge still finishes).
    for (let i = 0; i < 300; i++) {
      const view = (await (await fetch(`${fleet.urls.gateway}/v1/orders/${placed.body.id}`)).json()) as {
        history: { event: string }[];
      };
      if (view.history.some((h) => h.event === 'timed_out')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await setSimulator(fleet, 'psp', CALM);
    const done = await waitForTerminal(fleet, placed.body.id, 60000);
    assert.equal(done.status, 'compensated');
    assert.equal(done.reason, 'step_timeout');
  });

  it('returns the same order for a repeated Idempotency-Key', async () => {
    const key = `k-${randomBytes(6).toString('hex')}`;
    const first = await placeOrder(fleet, item(), { 'idempotency-key': key });
    const second = await placeOrder(fleet, item('SKU-0002', 3), { 'idempotency-key': key });
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal(second.body.id, first.body.id);
  });

  it('answers bad input with 4xx problem+json, never 500', async () => {
    const post = (body: string) =>
      fetch(`${fleet.urls.gateway}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const cases = [
      '{not json',
      '{}',
      JSON.stringify({ customerId: 'c', items: [] }),
      JSON.stringify({ customerId: 'c', items: [{ sku: 'SKU-0001', quantity: -1 }] }),
      JSON.stringify({ customerId: 'x'.repeat(70000), items: [] }),
    ];
    for (const body of cases) {
      const res = await post(body);
      assert.ok(res.status >= 400 && res.status < 500, `${body.slice(0, 30)} → ${res.status}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
    const unknown = await fetch(`${fleet.urls.gateway}/v2/nothing`);
    assert.equal(unknown.status, 404);
    assert.equal((await fetch(`${fleet.urls.gateway}/v1/products/NOPE`)).status, 404);
    assert.equal((await fetch(`${fleet.urls.gateway}/v1/orders/not-a-uuid`)).status, 404);
  });

  it('serves the seeded catalog through the gateway', async () => {
    const body = (await (await fetch(`${fleet.urls.gateway}/v1/products`)).json()) as {
      items: { sku: string; available: number }[];
    };
    assert.equal(body.items.length, 21);
    assert.equal(body.items.find((p) => p.sku === 'SKU-OOS')?.available, 0);
  });

  it('puts a whole order, and a compensated one, in one trace from the caller traceparent', async () => {
    const traceIds = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    const ids: string[] = [];
    for (const [i, sku] of ['SKU-0003', 'SKU-OOS'].entries()) {
      const placed = await placeOrder(fleet, item(sku), {
        traceparent: `00-${traceIds[i]}-${randomBytes(8).toString('hex')}-01`,
      });
      ids.push(placed.body.id);
      await waitForTerminal(fleet, placed.body.id);
    }
    await new Promise((r) => setTimeout(r, 1500)); // batch span processors flush every 200 ms
    for (const [i, id] of ids.entries()) {
      const sagaSpans = otlp.spans.filter((s) => s.attributes['saga.id'] === id);
      assert.ok(sagaSpans.length >= 3, `saga spans of ${id}`);
      assert.deepEqual([...new Set(sagaSpans.map((s) => s.traceId))], [traceIds[i]]);
      const trace = otlp.spans.filter((s) => s.traceId === traceIds[i]);
      assert.deepEqual([...new Set(trace.map((s) => s.service))].sort(), expectedServices(i === 0));
      assert.ok(
        trace.some((s) => /publish|send/i.test(s.name) || s.attributes['messaging.system'] === 'rabbitmq'),
        'AMQP spans in the trace',
      );
    }
    const compensation = otlp.spans.filter(
      (s: ReceivedSpan) => s.traceId === traceIds[1] && s.name.startsWith('saga.compensate'),
    );
    assert.deepEqual(
      compensation.map((s) => s.name),
      ['saga.compensate payment.refund'],
    );
    const failedSteps = otlp.spans.filter(
      (s) => s.traceId === traceIds[1] && s.attributes['saga.outcome'] === 'failed',
    );
    assert.deepEqual(
      failedSteps.map((s) => [
        s.service,
        s.attributes['saga.step'],
        s.attributes['saga.reason'],
        s.statusCode,
      ]),
      [['inventory', 'inventory.reserve', 'out_of_stock', 2]],
      "the failed step's consumer span is ERROR with its step and reason",
    );
    assert.ok(
      !otlp.spans.some((s) => s.traceId === traceIds[0] && s.attributes['saga.outcome'] === 'failed'),
      'no failed step in the completed order',
    );
  });

  it('exposes saga metrics on the order service /metrics', async () => {
    const text = await (await fetch(`${fleet.urls.order}/metrics`)).text();
    assert.match(text, /saga_outcomes_total\{[^}]*saga_outcome="completed"/);
    assert.match(text, /saga_compensations_total/);
    assert.match(text, /http_server_request_duration_bucket/);
    // Present before any reconnect, so PromQL's increase() sees the first one.
    assert.match(text, /^amqp_reconnects_total(\{[^}]*\})? \d+/m);
  });
});

function expectedServices(completed: boolean): string[] {
  // An out-of-stock order never reaches shipping or the carrier.
  return completed
    ? ['carrier', 'gateway', 'inventory', 'order', 'payment', 'psp', 'shipping']
    : ['gateway', 'inventory', 'order', 'payment', 'psp'];
}
