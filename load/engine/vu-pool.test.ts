import assert from 'node:assert/strict';
import { VuPool } from './vu-pool.js';

describe('VuPool', () => {
  it('grows from preAllocatedVUs to maxVUs and then drops arrivals', () => {
    const pool = new VuPool(1, 3);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => pool.tryAcquire()),
      [true, true, true, false, false],
    );
    assert.equal(pool.allocated, 3);
    assert.equal(pool.dropped, 2);
    pool.release();
    assert.equal(pool.tryAcquire(), true);
    assert.equal(pool.allocated, 3);
  });

  it('defaults maxVUs to preAllocatedVUs', () => {
    const pool = new VuPool(2);
    assert.deepEqual([pool.tryAcquire(), pool.tryAcquire(), pool.tryAcquire()], [true, true, false]);
  });

  it('refuses a release without an acquire', () => {
    assert.throws(() => new VuPool(1).release(), RangeError);
  });
});
