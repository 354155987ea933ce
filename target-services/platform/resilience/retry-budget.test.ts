import { strict as assert } from 'node:assert';
import { RetryBudget } from './retry-budget.js';

/** Simulates `calls` calls that each want `wanted` retries; returns the retries granted. */
function grant(budget: RetryBudget, calls: number, wanted: number): number {
  let granted = 0;
  for (let i = 0; i < calls; i++) {
    budget.deposit();
    for (let r = 0; r < wanted && budget.canRetry(); r++) {
      budget.withdraw();
      granted++;
    }
  }
  return granted;
}

describe('RetryBudget', () => {
  const cases = [
    { ratio: 0.2, burst: 10, calls: 1000, wanted: 2, max: 10 + 0.2 * 1000 },
    { ratio: 0.1, burst: 0, calls: 500, wanted: 3, max: 0.1 * 500 },
    { ratio: 0.1, burst: 5, calls: 10, wanted: 1, max: 5 + 1 },
    { ratio: 1, burst: 1, calls: 100, wanted: 1, max: 101 },
  ];
  for (const c of cases)
    it(`bounds retries by burst + ratio × calls (ratio ${c.ratio}, burst ${c.burst}, ${c.calls} calls)`, () => {
      const granted = grant(new RetryBudget(c.ratio, c.burst), c.calls, c.wanted);
      assert.ok(granted <= c.max, `${granted} > ${c.max}`);
      assert.ok(granted >= Math.floor(c.max) - 1, `budget too stingy: ${granted} of ${c.max}`);
    });

  it('never grants a retry without a whole token', () => {
    const b = new RetryBudget(0.5, 0);
    b.deposit();
    assert.equal(b.canRetry(), false);
    b.deposit();
    assert.equal(b.canRetry(), true);
  });

  it('never exceeds its burst however many calls succeed', () => {
    const b = new RetryBudget(0.2, 3);
    for (let i = 0; i < 100; i++) b.deposit();
    assert.equal(b.balance, 3);
  });

  it('rejects a ratio outside 0..1 and a negative burst', () => {
    assert.throws(() => new RetryBudget(1.5, 1), RangeError);
    assert.throws(() => new RetryBudget(0.1, -1), RangeError);
  });
});
