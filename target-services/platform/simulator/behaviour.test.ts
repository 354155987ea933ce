import { strict as assert } from 'node:assert';
import { drawVerdict } from './behaviour.js';
import { seededRandom } from './rng.js';

describe('drawVerdict', () => {
  const base = { latencyMs: 0, errorRate: 0, declineRate: 0, outage: false };
  it('always declines at a decline rate of 1 and never at 0', () => {
    assert.equal(drawVerdict({ ...base, declineRate: 1 }, Math.random), 'decline');
    assert.equal(drawVerdict(base, Math.random), 'ok');
  });
  it('reports an outage before anything else', () => {
    assert.equal(drawVerdict({ ...base, outage: true, errorRate: 1 }, Math.random), 'outage');
  });
  it('gives the same sequence for the same seed', () => {
    const draw = (seed: number): string[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => drawVerdict({ ...base, errorRate: 0.5 }, random));
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });
});
