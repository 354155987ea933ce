import { strict as assert } from 'node:assert';
import { decideDelivery } from './delivery-outcome.js';

describe('decideDelivery', () => {
  it('sends poison straight to the dead-letter queue with the reason', () => {
    assert.deepEqual(decideDelivery({ kind: 'poison', reason: 'bad json' }, 1, 5, 100), {
      outcome: 'dead_letter',
      reason: 'poison: bad json',
    });
  });
  it('retries a failed attempt with exponential backoff', () => {
    assert.deepEqual(decideDelivery({ kind: 'error', reason: 'x' }, 1, 5, 100), {
      outcome: 'retry',
      delayMs: 100,
    });
    assert.deepEqual(decideDelivery({ kind: 'error', reason: 'x' }, 3, 5, 100), {
      outcome: 'retry',
      delayMs: 400,
    });
  });
  it('dead-letters after the last allowed attempt', () => {
    assert.equal(decideDelivery({ kind: 'error', reason: 'x' }, 5, 5, 100).outcome, 'dead_letter');
  });
  it('acknowledges successes and duplicates', () => {
    assert.equal(decideDelivery({ kind: 'none' }, 1, 5, 100).outcome, 'ack');
    assert.equal(decideDelivery({ kind: 'duplicate' }, 2, 5, 100).outcome, 'duplicate');
  });
});

describe('decideDelivery during a dependency outage', () => {
  it('retries without using up an attempt, even on the last one', () => {
    const d = decideDelivery({ kind: 'unavailable', reason: 'connect ECONNREFUSED' }, 5, 5, 200);
    assert.equal(d.outcome, 'retry');
    assert.equal(d.keepAttempt, true);
    assert.equal(d.delayMs, 1600);
  });
});
