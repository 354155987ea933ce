import { strict as assert } from 'node:assert';
import { CompletionRate, summariseBuckets } from './completion-buckets.js';

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
      assert.deepEqual(summariseBuckets(c.counts), {
        median: c.median,
        stalled: c.stalled,
        steady: c.counts.every((n) => n > 0),
      }));
});

describe('the completion rate across stalls', () => {
  // broker-app-restart (2026-12-03), a window read every 5 s: steady at 10 orders/s, the broker
  // down for about 20 s, then the backlog of 220 sagas finished within one bucket.
  const outage = [
    [25, 46, 49, 51, 50, 49],
    [49, 18, 0, 0, 0, 1],
    [18, 0, 0, 0, 1, 18],
    [0, 0, 0, 1, 18, 219],
    [0, 0, 1, 18, 219, 59],
    [1, 18, 219, 59, 48, 52],
  ];

  it('reports the last steady window while the window holds a stall, and the window again after', () => {
    const rate = new CompletionRate(300_000);
    const read = outage.map((counts, i) => rate.read(counts, i * 5000));
    assert.deepEqual(read, [
      { perBucket: 49, stalled: false, from: 'window' },
      // The stall's first window still has a whole bucket from before it, as fast as the memory.
      { perBucket: 49, stalled: true, from: 'window' },
      { perBucket: 49, stalled: true, from: 'before-stall' },
      { perBucket: 49, stalled: true, from: 'before-stall' },
      // The window's own median, once the backlog's burst has whole buckets beside it, is higher.
      { perBucket: 59, stalled: false, from: 'window' },
      { perBucket: 48, stalled: false, from: 'window' },
    ]);
    // Without the memory the stall's edges were the rate: 3.6/s where the fleet did 10.
    assert.equal(summariseBuckets(outage[2] ?? []).median, 18);
  });

  it('reports a stall longer than the window at the steady rate, until the hold runs out', () => {
    const rate = new CompletionRate(60_000);
    rate.read([50, 50, 50, 50, 50, 50], 0);
    assert.deepEqual(rate.read([0, 0, 0, 0, 0, 0], 60_000), {
      perBucket: 50,
      stalled: true,
      from: 'before-stall',
    });
    assert.deepEqual(rate.read([0, 0, 0, 0, 0, 0], 60_001), { perBucket: 0, stalled: false, from: 'window' });
  });

  it('has nothing to remember on a cold fleet', () => {
    const rate = new CompletionRate();
    assert.deepEqual(rate.read([0, 0, 0, 0, 12, 40], 0), { perBucket: 40, stalled: false, from: 'window' });
    assert.deepEqual(rate.read([0, 12, 40, 0, 0, 0], 15_000), {
      perBucket: 12,
      stalled: true,
      from: 'window',
    });
  });

  it('keeps the window when it measured more than the remembered rate', () => {
    const rate = new CompletionRate();
    rate.read([10, 10, 10, 10, 10, 10], 0);
    assert.deepEqual(rate.read([30, 30, 30, 30, 0, 0], 10_000), {
      perBucket: 30,
      stalled: true,
      from: 'window',
    });
  });
});
