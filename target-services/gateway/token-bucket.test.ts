import { strict as assert } from 'node:assert';
import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('lets a burst through, refuses the next request, and refills at the rate', () => {
    const b = new TokenBuckets({ ratePerSec: 2, burst: 3 });
    const at = (ms: number) => b.take('a', ms);
    const steps: [number, boolean, number, number, number][] = [
      // nowMs, allowed, remaining, resetSec, retryAfterSec
      [0, true, 2, 1, 0],
      [0, true, 1, 1, 0],
      [0, true, 0, 2, 0],
      [0, false, 0, 2, 1],
      [250, false, 0, 2, 1], // 0.5 token: not yet
      [500, true, 0, 2, 0], // 1 token refilled
      [10_000, true, 2, 1, 0], // refilled to the burst, never above
    ];
    for (const [nowMs, allowed, remaining, resetSec, retryAfterSec] of steps)
      assert.deepEqual(at(nowMs), { allowed, remaining, resetSec, retryAfterSec }, `at ${nowMs} ms`);
  });

  it('keeps one bucket per client', () => {
    const b = new TokenBuckets({ ratePerSec: 1, burst: 1 });
    assert.equal(b.take('a', 0).allowed, true);
    assert.equal(b.take('a', 0).allowed, false);
    assert.equal(b.take('b', 0).allowed, true);
  });

  it('advertises a whole-second retry even for slow rates', () => {
    const b = new TokenBuckets({ ratePerSec: 0.01, burst: 1 });
    b.take('a', 0);
    assert.equal(b.take('a', 0).retryAfterSec, 100);
  });

  it('stays within its client bound, dropping refilled buckets first', () => {
    const b = new TokenBuckets({ ratePerSec: 1, burst: 1 }, 10);
    b.take('busy', 1000); // empty at t=1000
    for (let i = 0; i < 50; i++) b.take(`c${i}`, 1000);
    assert.ok(b.size <= 10);
    const fresh = new TokenBuckets({ ratePerSec: 1, burst: 1 }, 3);
    fresh.take('busy', 0);
    fresh.take('idle1', -5000);
    fresh.take('idle2', -5000);
    fresh.take('new', 0); // idle buckets are full again by now: they go, the busy one stays
    assert.equal(fresh.take('busy', 0).allowed, false);
  });
});
