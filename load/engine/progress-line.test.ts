import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { formatProgress, snapshotFrom, startProgress } from './progress-line.js';

describe('progress line', () => {
  it('shows rate, in-flight, p99, errors and dropped', () => {
    const line = formatProgress({
      elapsedMs: 12_400,
      phase: 'inject',
      reqPerSec: 98,
      inFlight: 3,
      p99Ms: 4.25,
      errors: 1,
      dropped: 0,
    });
    assert.equal(line, '[  12s inject] 98 req/s · 3 in flight · p99 4.3 ms · 1 errors · 0 dropped');
  });

  it('takes the rate and p99 from the last complete second', () => {
    const sample = {
      second: 0,
      phase: 'a',
      reqs: 7,
      failed: 0,
      started: 0,
      iterations: 0,
      dropped: 0,
      inFlight: 0,
      p50Ms: 1,
      p99Ms: 2,
    };
    const snap = snapshotFrom([sample, { ...sample, second: 1, reqs: 99 }], {
      elapsedMs: 1500,
      phase: 'a',
      inFlight: 0,
      errors: 0,
      dropped: 0,
    });
    assert.equal(snap.reqPerSec, 7);
  });

  it('writes nothing when the stream is not a TTY', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    startProgress(
      stream,
      false,
      () => ({ elapsedMs: 0, phase: '', reqPerSec: 0, inFlight: 0, p99Ms: 0, errors: 0, dropped: 0 }),
      1,
    ).stop();
    assert.deepEqual(chunks, []);
  });
});
