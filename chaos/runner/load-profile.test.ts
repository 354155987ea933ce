import { strict as assert } from 'node:assert';
import { defaultVus } from './load-profile.js';

describe('defaultVus', () => {
  const cases: { rate: number; pre: number; max: number }[] = [
    { rate: 0, pre: 2, max: 35 },
    { rate: 0.5, pre: 2, max: 35 },
    { rate: 10, pre: 20, max: 350 },
    { rate: 15, pre: 30, max: 525 },
    { rate: 80, pre: 160, max: 2800 },
  ];
  for (const c of cases)
    it(`covers ${c.rate} checkouts/s for the journey's whole order deadline`, () => {
      assert.deepEqual(defaultVus(c.rate), { preAllocatedVUs: c.pre, maxVUs: c.max });
    });

  it('never gives fewer VUs than the arrival rate times a 30 s deadline', () => {
    for (const rate of [1, 3, 7, 15, 48, 160]) assert.ok(defaultVus(rate).maxVUs >= rate * 30);
  });
});
