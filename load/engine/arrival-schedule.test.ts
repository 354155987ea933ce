import assert from 'node:assert/strict';
import { constantArrivalOffsetsMs, rampingArrivalOffsetsMs } from './arrival-schedule.js';

const round = (xs: Iterable<number>) => [...xs].map((x) => Math.round(x * 1000) / 1000);

describe('arrival schedule', () => {
  it('spaces constant arrivals evenly: rate 4 per 1s over 1s starts at 0, 250, 500, 750 ms', () => {
    const offsets = round(
      constantArrivalOffsetsMs({
        executor: 'constant-arrival-rate',
        rate: 4,
        duration: '1s',
        preAllocatedVUs: 1,
      }),
    );
    assert.deepEqual(offsets, [0, 250, 500, 750]);
  });

  it('honours timeUnit: rate 3 per 1m over 2m gives 6 arrivals 20 s apart', () => {
    const offsets = round(
      constantArrivalOffsetsMs({
        executor: 'constant-arrival-rate',
        rate: 3,
        timeUnit: '1m',
        duration: '2m',
        preAllocatedVUs: 1,
      }),
    );
    assert.deepEqual(offsets, [0, 20_000, 40_000, 60_000, 80_000, 100_000]);
  });

  it('ramps linearly: 0 to 10/s over 2 s gives 10 arrivals at sqrt(k·400) ms', () => {
    const offsets = round(
      rampingArrivalOffsetsMs({
        executor: 'ramping-arrival-rate',
        startRate: 0,
        stages: [{ target: 10, duration: '2s' }],
        preAllocatedVUs: 1,
      }),
    );
    assert.equal(offsets.length, 10);
    offsets.forEach((t, k) => assert.ok(Math.abs(t - Math.sqrt(k * 400_000)) < 0.01, `arrival ${k} at ${t}`));
  });

  it('holds a flat stage at its rate and skips a stage at rate 0', () => {
    const offsets = round(
      rampingArrivalOffsetsMs({
        executor: 'ramping-arrival-rate',
        startRate: 2,
        stages: [
          { target: 2, duration: '2s' },
          { target: 0, duration: '0s' },
          { target: 0, duration: '5s' },
          { target: 4, duration: '0s' },
          { target: 4, duration: '1s' },
        ],
        preAllocatedVUs: 1,
      }),
    );
    assert.deepEqual(offsets, [0, 500, 1000, 1500, 2000, 7250, 7500, 7750]);
  });

  it('produces the integral of the rate as the arrival count for a ramp down', () => {
    const offsets = [
      ...rampingArrivalOffsetsMs({
        executor: 'ramping-arrival-rate',
        startRate: 100,
        stages: [{ target: 20, duration: '10s' }],
        preAllocatedVUs: 1,
      }),
    ];
    assert.equal(offsets.length, 600);
    assert.ok(offsets.every((t, i) => i === 0 || t > (offsets[i - 1] as number)));
  });
});
