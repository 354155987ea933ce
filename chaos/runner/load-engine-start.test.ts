import assert from 'node:assert/strict';
import type { LoadRunOutcome } from '../../load/drivers/load-driver.js';
import type { RunLoad } from './load-engine.js';
import { startLoad } from './load-engine-start.js';

/** An engine that never starts its first phase and ends only when stopped (a stuck k6). */
function stuckEngine(): RunLoad {
  return {
    engine: 'k6',
    run: (request) =>
      new Promise<LoadRunOutcome>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      }),
  };
}

const request = (signal: AbortSignal) => ({
  profile: {} as never,
  baseUrl: 'http://127.0.0.1:1',
  apiKey: 'k',
  runId: 'r',
  signal,
});

describe('startLoad', () => {
  it('gives up on an engine that does not start within the limit: onLimit is called, then started() settles', async () => {
    const stop = new AbortController();
    const load = startLoad(stuckEngine(), request(stop.signal));
    let limited = 0;
    const t = await load.started(new AbortController().signal, 20, () => {
      limited++;
      stop.abort();
    });
    assert.equal(typeof t, 'number');
    assert.equal(limited, 1);
    const ended = await load.ended;
    assert.ok('error' in ended && (ended.error as Error).message === 'stopped');
  });

  it('resolves with the first phase and never calls onLimit when the engine starts in time', async () => {
    const engine: RunLoad = {
      engine: 'builtin',
      run: (req) =>
        new Promise<LoadRunOutcome>((resolve) => {
          req.onStarted?.(1234);
          req.signal.addEventListener('abort', () => resolve({} as LoadRunOutcome), { once: true });
        }),
    };
    const stop = new AbortController();
    const load = startLoad(engine, request(stop.signal));
    let limited = 0;
    assert.equal(await load.started(new AbortController().signal, 10_000, () => limited++), 1234);
    stop.abort();
    await load.ended;
    assert.equal(limited, 0);
  });

  it('settles on an interrupt before the limit, without calling onLimit', async () => {
    const stop = new AbortController();
    const load = startLoad(stuckEngine(), request(stop.signal));
    const interrupt = new AbortController();
    let limited = 0;
    const started = load.started(interrupt.signal, 10_000, () => limited++);
    interrupt.abort();
    await started;
    stop.abort();
    await load.ended;
    assert.equal(limited, 0);
  });
});
