import { strict as assert } from 'node:assert';
import { summariseBuckets } from './completion-buckets.js';

describe('the completions per bucket of the saga-load window', () => {
  const cases: { name: string; counts: number[]; median: number; stalled: boolean }[] = [
    { name: 'steady completions', counts: [50, 48, 52, 50, 49, 51], median: 50, stalled: false },
    { name: 'a cold fleet: nothing yet', counts: [0, 0, 0, 0, 0, 0], median: 0, stalled: false },
    // The first bucket with completions is partial: the fleet started within it.
    { name: 'a fleet that just started', counts: [0, 0, 0, 0, 12, 40], median: 40, stalled: false },
    { name: 'a fleet whose only bucket is partial', counts: [0, 0, 0, 0, 0, 12], median: 12, stalled: false },
    // broker-app-restart, 7 s after the broker was back: the buckets around the outage are partial.
    { name: 'the partial buckets around a stall', counts: [50, 4, 0, 0, 7, 150], median: 50, stalled: true },
    // A broker outage 15 s in: the edge bucket is partial, the last two empty.
    { name: 'a stall after steady completions', counts: [50, 50, 50, 6, 0, 0], median: 50, stalled: true },
    // The stall is over and its backlog finished in one burst: still a stall within the window.
    { name: 'the burst after a stall', counts: [50, 6, 0, 0, 0, 190], median: 50, stalled: true },
    {
      name: 'an even count takes the lower median',
      counts: [10, 20, 30, 40, 0, 0],
      median: 20,
      stalled: true,
    },
  ];
  for (const c of cases)
    it(`reads ${c.name}`, () =>
      assert.deepEqual(summariseBuckets(c.counts), { median: c.median, stalled: c.stalled }));
});
