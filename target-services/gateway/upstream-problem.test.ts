import { strict as assert } from 'node:assert';
import { bulkhead, circuitBreaker, ConsecutiveBreaker, handleAll, timeout, TimeoutStrategy } from 'cockatiel';
import { ServiceError } from '../platform/errors.js';
import { upstreamProblem } from './upstream-problem.js';

const retryAfter = { breakerSec: 10, bulkheadSec: 1 };

/** The error a real cockatiel policy rejects with. */
async function rejectionOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('upstreamProblem', () => {
  it('maps an open breaker to 503 with Retry-After', async () => {
    const breaker = circuitBreaker(handleAll, { halfOpenAfter: 60_000, breaker: new ConsecutiveBreaker(1) });
    await rejectionOf(() => breaker.execute(() => Promise.reject(new Error('down'))));
    const err = await rejectionOf(() => breaker.execute(() => Promise.resolve('never')));
    const p = upstreamProblem(err, 'gateway-order', retryAfter);
    assert.equal(p.problem.status, 503);
    assert.deepEqual(p.headers, { 'Retry-After': '10' });
    assert.match(p.problem.detail ?? '', /gateway-order/);
  });

  it('maps an isolated breaker to 503 too', async () => {
    const breaker = circuitBreaker(handleAll, { halfOpenAfter: 1000, breaker: new ConsecutiveBreaker(1) });
    const handle = breaker.isolate();
    const err = await rejectionOf(() => breaker.execute(() => Promise.resolve('never')));
    handle.dispose();
    assert.equal(upstreamProblem(err, 'gateway-order', retryAfter).problem.status, 503);
  });

  it('maps a full bulkhead to 503 with a short Retry-After', async () => {
    const limit = bulkhead(1, 0);
    let release = (): void => undefined;
    const busy = limit.execute(() => new Promise<void>((r) => (release = r)));
    const err = await rejectionOf(() => limit.execute(() => Promise.resolve()));
    release();
    await busy;
    const p = upstreamProblem(err, 'gateway-inventory', retryAfter);
    assert.equal(p.problem.status, 503);
    assert.deepEqual(p.headers, { 'Retry-After': '1' });
  });

  it('maps a timeout of the policy to 504', async () => {
    const cut = timeout(1, TimeoutStrategy.Aggressive);
    const err = await rejectionOf(() => cut.execute(() => new Promise((r) => setTimeout(r, 1000).unref())));
    const p = upstreamProblem(err, 'gateway-order', retryAfter);
    assert.equal(p.problem.status, 504);
    assert.deepEqual(p.headers, {});
  });

  it('maps a transport timeout to 504 and any other transport failure to 502', () => {
    const timedOut = new ServiceError('ERR_HTTP_PEER', 'gateway-order unreachable', {
      cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    });
    assert.equal(upstreamProblem(timedOut, 'gateway-order', retryAfter).problem.status, 504);
    const refused = new ServiceError('ERR_HTTP_PEER', 'gateway-order unreachable', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const p = upstreamProblem(refused, 'gateway-order', retryAfter);
    assert.equal(p.problem.status, 502);
    assert.ok(!(p.problem.detail ?? '').includes('ECONNREFUSED'), 'no internals in the answer');
  });
});
