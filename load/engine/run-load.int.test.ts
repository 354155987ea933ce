import assert from 'node:assert/strict';
import { readSummary } from '../drivers/summary-reader.js';
import type { LoadProfile, PhaseProfile } from '../profiles/profile.js';
import { startMiniGateway, type MiniGateway } from '../testing/mini-gateway.js';
import { runLoad } from './run-load.js';

const API_KEY = 'faultline-dev-key';

function profile(journey: LoadProfile['journey'], ...phases: PhaseProfile[]): LoadProfile {
  return { name: 'test', journey, phases, gracefulStop: '2s' };
}

describe('built-in engine against a local HTTP server', function () {
  this.timeout(30_000);
  let gateway: MiniGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('achieves the target arrival rate within 10% in every full second (100/s for 3 s)', async () => {
    gateway = await startMiniGateway();
    const summary = await runLoad({
      profile: profile('browse', {
        phase: 'baseline',
        executor: {
          executor: 'constant-arrival-rate',
          rate: 100,
          duration: '3s',
          preAllocatedVUs: 10,
          maxVUs: 100,
        },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'rate',
    });
    const view = readSummary(summary);
    assert.equal(view.value('dropped_iterations', 'count'), 0);
    const started = summary.faultline.timeSeries.reduce((n, s) => n + s.started, 0);
    assert.equal(started, 300);
    assert.equal(view.value('http_req_failed', 'rate'), 0);
    const perSecond = summary.faultline.timeSeries.slice(0, 3).map((s) => s.started);
    for (const n of perSecond)
      assert.ok(n >= 90 && n <= 110, `iterations started per second ${perSecond.join(', ')}`);
  });

  it('exposes live metrics while it runs, growing as requests complete', async () => {
    gateway = await startMiniGateway();
    let read: (() => { metrics: Record<string, { values: Record<string, number> }> }) | undefined;
    const running = runLoad({
      profile: profile('browse', {
        phase: 'baseline',
        executor: {
          executor: 'constant-arrival-rate',
          rate: 50,
          duration: '2s',
          preAllocatedVUs: 5,
          maxVUs: 20,
        },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'live',
      onLive: (r) => (read = r),
    });
    assert.ok(read, 'onLive is called at start');
    await new Promise((r) => setTimeout(r, 1000));
    const midway = read().metrics['http_reqs']?.values['count'] ?? 0;
    const summary = await running;
    const final = summary.metrics['http_reqs']?.values['count'] ?? 0;
    assert.ok(midway > 0, 'requests are counted while the run goes on');
    assert.ok(midway < final, `live count ${midway} is below the final ${final}`);
  });

  it('counts dropped iterations when the server is slow and maxVUs is small', async () => {
    gateway = await startMiniGateway({ delayMs: 300 });
    const summary = await runLoad({
      profile: profile('browse', {
        phase: 'inject',
        executor: {
          executor: 'constant-arrival-rate',
          rate: 50,
          duration: '1s',
          preAllocatedVUs: 1,
          maxVUs: 2,
        },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'drops',
    });
    const view = readSummary(summary);
    const dropped = view.value('dropped_iterations', 'count', { phase: 'inject' }) ?? 0;
    const completed = view.value('iterations', 'count') ?? 0;
    assert.equal(dropped + completed, 50);
    assert.ok(dropped >= 40, `dropped ${dropped}`);
    assert.equal(view.value('vus_max', 'max'), 2);
  });

  it('sends a unique W3C traceparent and the run baggage with every request', async () => {
    gateway = await startMiniGateway({ record: true, terminalAfterMs: 0 });
    await runLoad({
      profile: profile('checkout', {
        phase: 'warm-up',
        executor: {
          executor: 'constant-arrival-rate',
          rate: 20,
          duration: '1s',
          preAllocatedVUs: 5,
          maxVUs: 20,
        },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'run-42',
      journeyOptions: { pollIntervalMs: 10 },
    });
    const parents = gateway.seen.map((r) => r.headers['traceparent']);
    assert.ok(parents.length >= 40, `saw ${parents.length} requests`);
    for (const p of parents) assert.match(String(p), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    assert.equal(new Set(parents).size, parents.length);
    const traceIds = parents.map((p) => String(p).split('-')[1]);
    assert.equal(new Set(traceIds).size, traceIds.length);
    for (const r of gateway.seen) {
      assert.equal(
        r.headers['baggage'],
        'faultline.run_id=run-42,faultline.phase=warm-up,faultline.journey=checkout',
      );
    }
    assert.ok(gateway.seen.some((r) => r.method === 'POST' && r.headers['idempotency-key']));
  });

  it('records order time-to-terminal and checks for the checkout journey', async () => {
    gateway = await startMiniGateway({ terminalAfterMs: 30 });
    const summary = await runLoad({
      profile: profile('checkout', {
        phase: 'baseline',
        executor: { executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 10 },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'orders',
      journeyOptions: { pollIntervalMs: 20 },
    });
    const view = readSummary(summary);
    assert.equal(view.metric('order_time_to_terminal', { outcome: 'completed' })?.type, 'trend');
    // The stand-in stamps an order when it creates it; the journey's clock starts when the 202
    // arrives, a little later, so the shortest order may read under 30 ms. It must still read as the
    // wait, not as one round trip: at least one pending answer came first.
    const fastest = view.value('order_time_to_terminal', 'min') ?? 0;
    assert.ok(fastest >= 15, `fastest order took ${fastest} ms`);
    assert.ok((view.value('http_reqs', 'count', { name: 'GET /v1/orders/:id' }) ?? 0) > 10);
    assert.deepEqual(
      view.checks.map((c) => [c.name, c.passes, c.fails]),
      [
        ['order accepted (202 with id)', 10, 0],
        ['order reached a terminal status', 10, 0],
      ],
    );
  });

  it('stops cleanly when the signal aborts and still returns a summary', async () => {
    gateway = await startMiniGateway({ delayMs: 50 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = Date.now();
    const summary = await runLoad({
      profile: profile('browse', {
        phase: 'baseline',
        executor: {
          executor: 'constant-arrival-rate',
          rate: 20,
          duration: '20s',
          preAllocatedVUs: 5,
          maxVUs: 50,
        },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'abort',
      signal: controller.signal,
    });
    assert.ok(Date.now() - started < 5000, 'did not stop promptly');
    assert.equal(summary.faultline.interrupted, true);
    assert.ok((readSummary(summary).value('http_reqs', 'count') ?? 0) > 0);
  });

  it('runs the closed model with constant-vus: a slow server lowers the offered load', async () => {
    gateway = await startMiniGateway({ delayMs: 100 });
    const summary = await runLoad({
      profile: profile('browse', {
        phase: 'baseline',
        executor: { executor: 'constant-vus', vus: 2, duration: '1s' },
      }),
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'closed',
    });
    const view = readSummary(summary);
    const iterations = view.value('iterations', 'count') ?? 0;
    // Each browse is 3 sequential 100 ms requests, so 2 VUs finish at most ~8 in 1 s (+ graceful stop).
    assert.ok(iterations >= 2 && iterations <= 10, `iterations ${iterations}`);
    assert.equal(view.value('dropped_iterations', 'count') ?? 0, 0);
  });

  it('refuses a target outside 127.0.0.0/8 before sending anything', async () => {
    await assert.rejects(
      runLoad({
        profile: profile('browse', {
          phase: 'baseline',
          executor: { executor: 'constant-vus', vus: 1, duration: '1s' },
        }),
        baseUrl: 'http://192.0.2.1:8080',
        apiKey: API_KEY,
        runId: 'remote',
      }),
      { code: 'ERR_INPUT_LOAD_TARGET_NOT_LOOPBACK' },
    );
  });

  it('stops starting iterations at maxIterations', async () => {
    gateway = await startMiniGateway();
    const summary = await runLoad({
      profile: {
        ...profile('browse', {
          phase: 'baseline',
          executor: { executor: 'constant-arrival-rate', rate: 100, duration: '1s', preAllocatedVUs: 10 },
        }),
        maxIterations: 7,
      },
      baseUrl: gateway.baseUrl,
      apiKey: API_KEY,
      runId: 'bounded',
    });
    assert.equal(readSummary(summary).value('iterations', 'count'), 7);
  });
});
