import assert from 'node:assert/strict';
import { checkout } from './checkout.js';
import { retryAfterMs, type HttpResult, type Step, type StepResult } from './journey.js';
import { browse } from './browse.js';
import { pickWeighted } from './mixed.js';

/**
 * Drives a journey with scripted responses and a virtual clock; returns the steps it yielded. A
 * response's `tookMs` advances the clock (a server that held the request).
 */
function drive(
  run: Generator<Step, void, StepResult>,
  respond: (s: Step & { kind: 'http' }) => HttpResult & { tookMs?: number },
): Step[] {
  const steps: Step[] = [];
  let clock = 1_000;
  let next = run.next();
  while (!next.done) {
    const step = next.value;
    steps.push(step);
    let result: StepResult;
    if (step.kind === 'http') {
      const { tookMs = 0, ...answer } = respond(step);
      clock += tookMs;
      result = answer;
    } else if (step.kind === 'sleep') clock += step.ms;
    else if (step.kind === 'now') result = clock;
    next = run.next(result);
  }
  return steps;
}

const ctx = {
  apiKey: 'key',
  random: () => 0.5,
  pollIntervalMs: 100,
  orderDeadlineMs: 1000,
  statusWaitMs: 1000,
};

describe('checkout journey', () => {
  it('posts an order with api and idempotency keys, polls until completed and records time to terminal', () => {
    let polls = 0;
    const steps = drive(checkout(ctx), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-1","status":"pending"}' }
        : { status: 200, body: JSON.stringify({ status: ++polls < 3 ? 'pending' : 'completed' }) },
    );
    const post = steps.find((s) => s.kind === 'http' && s.method === 'POST');
    assert.ok(post?.kind === 'http');
    assert.equal(post.headers?.['X-Api-Key'], 'key');
    assert.match(post.headers?.['Idempotency-Key'] ?? '', /^fl-[0-9a-f]{24}$/);
    const gets = steps.flatMap((s) => (s.kind === 'http' && s.method === 'GET' ? [s.path] : []));
    // Each asks the server to wait, never past the order deadline (1000 ms after acceptance).
    assert.deepEqual(gets, [
      '/v1/orders/o-1?wait=1000',
      '/v1/orders/o-1?wait=900',
      '/v1/orders/o-1?wait=800',
    ]);
    assert.deepEqual(
      steps.find((s) => s.kind === 'metric'),
      {
        kind: 'metric',
        metric: 'order_time_to_terminal',
        valueMs: 200,
        tags: { outcome: 'completed' },
      },
    );
    assert.deepEqual(
      steps.filter((s) => s.kind === 'check').map((s) => s.kind === 'check' && s.ok),
      [true, true],
    );
  });

  it('records a compensated order as an outcome, not a failure', () => {
    const steps = drive(checkout(ctx), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-2"}' }
        : { status: 200, body: '{"status":"compensated"}' },
    );
    const metric = steps.find((s) => s.kind === 'metric');
    assert.equal(metric?.kind === 'metric' && metric.tags['outcome'], 'compensated');
  });

  it('gives up at the deadline with a failed check and no time-to-terminal sample', () => {
    const steps = drive(checkout(ctx), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-3"}' }
        : { status: 200, body: '{"status":"pending"}' },
    );
    // The POST, then status requests at 0, 100, ... 1000 ms (the last one at the deadline).
    assert.equal(steps.filter((s) => s.kind === 'http').length, 12);
    assert.equal(
      steps.some((s) => s.kind === 'metric'),
      false,
    );
    const last = steps.filter((s) => s.kind === 'check').at(-1);
    assert.deepEqual(last, { kind: 'check', name: 'order reached a terminal status', ok: false });
  });

  it('asks the server to wait, and asks again at once when a long poll ends without a terminal status', () => {
    let polls = 0;
    const long = { ...ctx, orderDeadlineMs: 10_000, statusWaitMs: 2000 };
    const steps = drive(checkout(long), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-5"}' }
        : ++polls === 1
          ? { status: 200, body: '{"status":"pending"}', tookMs: 2000 }
          : { status: 200, body: '{"status":"completed"}', tookMs: 350 },
    );
    const gets = steps.flatMap((s) => (s.kind === 'http' && s.method === 'GET' ? [s.path] : []));
    assert.deepEqual(gets, ['/v1/orders/o-5?wait=2000', '/v1/orders/o-5?wait=2000']);
    assert.equal(steps.filter((s) => s.kind === 'sleep').length, 0, 'no pause after a held request');
    const metric = steps.find((s) => s.kind === 'metric');
    assert.equal(metric?.kind === 'metric' && metric.valueMs, 2350);
  });

  it('never asks to wait past the order deadline', () => {
    const steps = drive(checkout({ ...ctx, orderDeadlineMs: 2500, statusWaitMs: 2000 }), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-6"}' }
        : { status: 200, body: '{"status":"pending"}', tookMs: 2000 },
    );
    const gets = steps.flatMap((s) => (s.kind === 'http' && s.method === 'GET' ? [s.path] : []));
    assert.deepEqual(gets, ['/v1/orders/o-6?wait=2000', '/v1/orders/o-6?wait=500']);
  });

  it('waits as long as Retry-After says before the next status request', () => {
    let polls = 0;
    const steps = drive(checkout({ ...ctx, orderDeadlineMs: 10_000 }), (s) =>
      s.method === 'POST'
        ? { status: 202, body: '{"id":"o-7"}' }
        : ++polls === 1
          ? { status: 503, body: '', retryAfter: '2' }
          : { status: 200, body: '{"status":"completed"}' },
    );
    const sleeps = steps.flatMap((s) => (s.kind === 'sleep' ? [s.ms] : []));
    assert.deepEqual(sleeps, [2000]);
    const metric = steps.find((s) => s.kind === 'metric');
    assert.equal(metric?.kind === 'metric' && metric.valueMs, 2000);
  });

  it('stops after a rejected order without polling', () => {
    const steps = drive(checkout(ctx), () => ({ status: 503, body: '' }));
    assert.equal(steps.filter((s) => s.kind === 'http').length, 1);
    assert.deepEqual(steps.at(-1), { kind: 'check', name: 'order accepted (202 with id)', ok: false });
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-03T07:00:00Z');
  const cases: { value: string | undefined; ms: number | undefined }[] = [
    { value: undefined, ms: undefined },
    { value: '3', ms: 3000 },
    { value: ' 0 ', ms: 0 },
    { value: 'Thu, 03 Dec 2026 07:00:05 GMT', ms: 5000 },
    { value: 'Thu, 03 Dec 2026 06:59:00 GMT', ms: 0 },
    { value: 'soon', ms: undefined },
    { value: '-1', ms: undefined },
  ];
  for (const c of cases)
    it(`reads Retry-After ${JSON.stringify(c.value)} as ${String(c.ms)} ms`, () =>
      assert.equal(retryAfterMs(c.value, now), c.ms));
});

describe('browse journey', () => {
  it('lists products then reads two catalog products', () => {
    const steps = drive(browse(ctx), () => ({ status: 200, body: '{}' }));
    const paths = steps.flatMap((s) => (s.kind === 'http' ? [s.path] : []));
    assert.deepEqual(paths, ['/v1/products', '/v1/products/SKU-0011', '/v1/products/SKU-0011']);
  });
});

describe('pickWeighted', () => {
  const entries = [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 3 },
  ];
  for (const [u, id] of [
    [0, 'a'],
    [0.24, 'a'],
    [0.25, 'b'],
    [0.999, 'b'],
  ] as const) {
    it(`picks ${id} for u=${u} with weights 1:3`, () => assert.equal(pickWeighted(entries, u).id, id));
  }
});
