import { strict as assert } from 'node:assert';
import { BrokenCircuitError, BulkheadRejectedError, CircuitState, TaskCancelledError } from 'cockatiel';
import { loadConfig, baseConfigSchema, type ResilienceConfig } from '../config.js';
import { createOutboundPolicy } from './outbound-policy.js';
import type { PatternTelemetry } from './pattern-telemetry.js';

type Seen = {
  retries: number[];
  delays: number[];
  timeouts: number;
  rejected: number;
  bulkhead: number;
  states: CircuitState[];
};

function recorder(): { t: PatternTelemetry; seen: Seen } {
  const seen: Seen = { retries: [], delays: [], timeouts: 0, rejected: 0, bulkhead: 0, states: [] };
  return {
    seen,
    t: {
      retry: (a, d) => (seen.retries.push(a), seen.delays.push(d)),
      timeout: () => seen.timeouts++,
      breakerRejected: () => seen.rejected++,
      breakerState: (s) => seen.states.push(s),
      bulkheadRejected: () => seen.bulkhead++,
    },
  };
}

const config = (env: Record<string, string> = {}): ResilienceConfig =>
  loadConfig(baseConfigSchema, { RETRY_BASE_MS: '1', RETRY_MAX_DELAY_MS: '5', ...env });
const fail = () => Promise.reject(new Error('ECONNREFUSED'));

describe('the outbound policy', () => {
  it('retries an idempotent call until it succeeds and reports each retry', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(1000, config(), t);
    let calls = 0;
    const out = await p.execute(true, () => (++calls < 3 ? fail() : Promise.resolve('ok')));
    assert.equal(out, 'ok');
    assert.deepEqual(seen.retries, [1, 2]);
  });

  it('never retries a call that is not idempotent', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(1000, config(), t);
    let calls = 0;
    await assert.rejects(
      p.execute(false, () => (calls++, fail())),
      /ECONNREFUSED/,
    );
    assert.equal(calls, 1);
    assert.deepEqual(seen.retries, []);
  });

  it('makes one attempt when retries are switched off', async () => {
    const p = createOutboundPolicy(1000, config({ FAULTLINE_RETRIES: 'off' }), recorder().t);
    let calls = 0;
    await assert.rejects(p.execute(true, () => (calls++, fail())));
    assert.equal(calls, 1);
  });

  it('stops retrying once the retry budget is spent', async () => {
    const { t, seen } = recorder();
    const env = { RETRY_BUDGET_RATIO: '0.1', RETRY_BUDGET_BURST: '2', FAULTLINE_BREAKER: 'off' };
    const p = createOutboundPolicy(1000, config(env), t);
    for (let i = 0; i < 20; i++) await p.execute(true, fail).catch(() => undefined);
    assert.ok(seen.retries.length <= 2 + 0.1 * 20, `${seen.retries.length} retries`);
    const unbounded = recorder();
    const q = createOutboundPolicy(1000, config({ ...env, FAULTLINE_RETRY_BUDGET: 'off' }), unbounded.t);
    for (let i = 0; i < 20; i++) await q.execute(true, fail).catch(() => undefined);
    assert.equal(unbounded.seen.retries.length, 40);
  });

  it('opens the breaker after consecutive failures and then fails fast with BrokenCircuitError', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(1000, config({ BREAKER_THRESHOLD: '3', FAULTLINE_RETRIES: 'off' }), t);
    for (let i = 0; i < 3; i++) await p.execute(false, fail).catch(() => undefined);
    assert.equal(p.breakerState, CircuitState.Open);
    let called = false;
    await assert.rejects(
      p.execute(false, () => ((called = true), Promise.resolve())),
      BrokenCircuitError,
    );
    assert.equal(called, false);
    assert.equal(seen.rejected, 1);
    assert.deepEqual(seen.states, [CircuitState.Closed, CircuitState.Open]);
  });

  it('does not retry an open breaker', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(1000, config({ BREAKER_THRESHOLD: '1' }), t);
    await p.execute(false, fail).catch(() => undefined);
    await assert.rejects(p.execute(true, fail), BrokenCircuitError);
    assert.deepEqual(seen.retries, []);
  });

  it('keeps calling a failing peer when the breaker is switched off', async () => {
    const p = createOutboundPolicy(
      1000,
      config({ BREAKER_THRESHOLD: '1', FAULTLINE_BREAKER: 'off' }),
      recorder().t,
    );
    let calls = 0;
    for (let i = 0; i < 5; i++) await p.execute(false, () => (calls++, fail())).catch(() => undefined);
    assert.equal(calls, 5);
  });

  it('cuts a slow attempt with TaskCancelledError and aborts its signal', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(20, config({ FAULTLINE_RETRIES: 'off' }), t);
    let aborted = false;
    const slow = (signal: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal.addEventListener('abort', () => ((aborted = true), reject(new Error('socket aborted'))));
      });
    await assert.rejects(p.execute(false, slow), TaskCancelledError);
    assert.equal(aborted, true);
    assert.equal(seen.timeouts, 1);
  });

  it('rejects calls past the bulkhead limit and queue with BulkheadRejectedError', async () => {
    const { t, seen } = recorder();
    const p = createOutboundPolicy(1000, config({ BULKHEAD_LIMIT: '1', BULKHEAD_QUEUE: '1' }), t);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = [p.execute(false, () => gate), p.execute(false, () => gate)];
    await assert.rejects(
      p.execute(false, () => gate),
      BulkheadRejectedError,
    );
    release();
    await Promise.all(held);
    assert.equal(seen.bulkhead, 1);
  });

  it('lets every call through when the bulkhead is switched off', async () => {
    const p = createOutboundPolicy(
      1000,
      config({ BULKHEAD_LIMIT: '1', BULKHEAD_QUEUE: '0', FAULTLINE_BULKHEAD: 'off' }),
      recorder().t,
    );
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls = [1, 2, 3].map(() => p.execute(false, () => gate));
    release();
    await Promise.all(calls);
  });
});
