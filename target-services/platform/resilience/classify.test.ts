import { strict as assert } from 'node:assert';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { isIdempotent, isRetryableFailure, rejectionOf } from './classify.js';

describe('outbound call classification', () => {
  const idempotency = [
    { method: 'GET', key: undefined, retryable: true },
    { method: 'DELETE', key: undefined, retryable: true },
    { method: 'PUT', key: undefined, retryable: true },
    { method: 'POST', key: undefined, retryable: false },
    { method: 'POST', key: '', retryable: false },
    { method: 'POST', key: 'charge:1', retryable: true },
    { method: 'PATCH', key: undefined, retryable: false },
  ];
  for (const c of idempotency)
    it(`treats ${c.method} ${c.key === undefined ? 'without' : `with key "${c.key}"`} as ${c.retryable ? '' : 'not '}retryable`, () =>
      assert.equal(isIdempotent(c.method, c.key), c.retryable));

  it('names the pattern behind each of cockatiel’s rejections', () => {
    assert.equal(rejectionOf(new BrokenCircuitError()), 'breaker');
    assert.equal(rejectionOf(new BulkheadRejectedError(1, 1)), 'bulkhead');
    assert.equal(rejectionOf(new TaskCancelledError()), 'timeout');
    assert.equal(rejectionOf(new Error('ECONNRESET')), undefined);
  });

  it('retries timeouts and transport errors but never breaker or bulkhead rejections', () => {
    assert.equal(isRetryableFailure(new TaskCancelledError()), true);
    assert.equal(isRetryableFailure(new Error('ECONNRESET')), true);
    assert.equal(isRetryableFailure(new BrokenCircuitError()), false);
    assert.equal(isRetryableFailure(new BulkheadRejectedError(1, 1)), false);
  });
});
