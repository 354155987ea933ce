import assert from 'node:assert/strict';
import { checkout } from './checkout.js';
import type { HttpResult, Step, StepResult } from './journey.js';
import { browse } from './browse.js';
import { pickWeighted } from './mixed.js';

/** Drives a journey with scripted responses and a virtual clock; returns the steps it yielded. */
function drive(
  run: Generator<Step, void, StepResult>,
  respond: (s: Step & { kind: 'http' }) => HttpResult,
): Step[] {
  const steps: Step[] = [];
  let clock = 1_000;
  let next = run.next();
  while (!next.done) {
    const step = next.value;
    steps.push(step);
    let result: StepResult;
    if (step.kind === 'http') result = respond(step);
    else if (step.kind === 'sleep') clock += step.ms;
    else if (step.kind === 'now') result = clock;
    next = run.next(result);
  }
  return steps;
}

const ctx = { apiKey: 'key', random: () => 0.5, pollIntervalMs: 100, orderDeadlineMs: 1000 };

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
    assert.equal(steps.filter((s) => s.kind === 'http' && s.path === '/v1/orders/o-1').length, 3);
    assert.deepEqual(
      steps.find((s) => s.kind === 'metric'),
      {
        kind: 'metric',
        metric: 'order_time_to_terminal',
        valueMs: 300,
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
    assert.equal(steps.filter((s) => s.kind === 'http').length, 11);
    assert.equal(
      steps.some((s) => s.kind === 'metric'),
      false,
    );
    const last = steps.filter((s) => s.kind === 'check').at(-1);
    assert.deepEqual(last, { kind: 'check', name: 'order reached a terminal status', ok: false });
  });

  it('stops after a rejected order without polling', () => {
    const steps = drive(checkout(ctx), () => ({ status: 503, body: '' }));
    assert.equal(steps.filter((s) => s.kind === 'http').length, 1);
    assert.deepEqual(steps.at(-1), { kind: 'check', name: 'order accepted (202 with id)', ok: false });
  });
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
