import assert from 'node:assert/strict';
import { GuardTracker } from './guard-tracker.js';

describe('GuardTracker', () => {
  it('aborts only after the configured number of consecutive breaches', () => {
    const g = new GuardTracker('errors', 3);
    assert.deepEqual(
      g.record(1, 'fail', 'x').map((e) => e.type),
      ['breach'],
    );
    assert.deepEqual(
      g.record(2, 'fail', 'x').map((e) => e.type),
      ['breach'],
    );
    assert.equal(g.aborted, false);
    assert.deepEqual(
      g.record(3, 'fail', 'x').map((e) => e.type),
      ['breach', 'abort'],
    );
    assert.equal(g.aborted, true);
  });

  it('resets the streak on a pass and records the recovery', () => {
    const g = new GuardTracker('errors', 2);
    g.record(1, 'fail', 'x');
    const events = g.record(2, 'pass', 'ok');
    assert.deepEqual(
      events.map((e) => [e.type, e.consecutive]),
      [['recovered', 0]],
    );
    assert.deepEqual(
      g.record(3, 'fail', 'x').map((e) => e.consecutive),
      [1],
    );
    assert.equal(g.aborted, false);
  });

  it('treats an inconclusive evaluation as neither a breach nor a reset', () => {
    const g = new GuardTracker('errors', 2);
    g.record(1, 'fail', 'x');
    assert.deepEqual(g.record(2, 'inconclusive', 'no data'), []);
    assert.deepEqual(
      g.record(3, 'fail', 'x').map((e) => e.type),
      ['breach', 'abort'],
    );
  });

  it('records nothing more once it has aborted', () => {
    const g = new GuardTracker('errors', 1);
    g.record(1, 'fail', 'x');
    assert.deepEqual(g.record(2, 'fail', 'x'), []);
  });
});
