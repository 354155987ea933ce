import assert from 'node:assert/strict';
import { rollToxicity, seededRandom } from './rng.js';
import { latencyDelayMs } from './toxics/latency.js';
import { toxicKind, TOXIC_TYPES } from './toxics/registry.js';
import { slicePoints } from './toxics/slicer.js';

describe('toxic pure logic', () => {
  it('refuses millisecond attributes that are negative or longer than the longest Node timer', () => {
    const cases: [string, Record<string, number>, string | undefined][] = [
      ['latency', { latency: 2_147_483_647, jitter: 0 }, undefined],
      ['latency', { latency: 2_147_483_648 }, 'latency must be at most 2147483647 ms'],
      ['latency', { latency: 10, jitter: -1 }, 'jitter must not be negative'],
      ['timeout', { timeout: 2_147_483_648 }, 'timeout must be at most 2147483647 ms'],
      ['slow_close', { delay: 9e12 }, 'delay must be at most 2147483647 ms'],
      ['reset_peer', { timeout: 0 }, undefined],
    ];
    for (const [type, attrs, want] of cases) {
      assert.equal(toxicKind(type)?.validate(attrs), want, `${type} ${JSON.stringify(attrs)}`);
    }
  });

  it('slices 1000 bytes at average 100 into 16 halves of 62 or 63 bytes', () => {
    const pts = slicePoints(1000, 100, 0, Math.random);
    const sizes = pts.slice(1).map((end, i) => end - (pts[i] as number));
    assert.equal(sizes.length, 16);
    assert.ok(sizes.every((s) => s === 62 || s === 63));
    assert.equal(pts.at(-1), 1000);
  });

  it('keeps every slice within average plus variation and covers the chunk', () => {
    const random = seededRandom(7);
    for (const size of [1, 99, 150, 1000, 65536]) {
      const pts = slicePoints(size, 100, 50, random);
      const sizes = pts.slice(1).map((end, i) => end - (pts[i] as number));
      assert.equal(
        sizes.reduce((a, b) => a + b, 0),
        size,
      );
      assert.ok(
        sizes.every((s) => s > 0 && s <= 150),
        `sizes for ${size}: ${sizes.join(',')}`,
      );
    }
  });

  it('draws latency jitter as an integer in [-jitter, +jitter)', () => {
    assert.equal(latencyDelayMs(100, 0, 0.99), 100);
    assert.equal(latencyDelayMs(100, 50, 0), 50);
    assert.equal(latencyDelayMs(100, 50, 0.999999), 149);
  });

  it('rolls toxicity per stage start: 0 never, 1 always, 0.5 about half (seeded)', () => {
    const random = seededRandom(42);
    const hits = (t: number): number =>
      Array.from({ length: 1000 }, () => rollToxicity(random, t)).filter(Boolean).length;
    assert.equal(hits(0), 0);
    assert.equal(hits(1), 1000);
    const half = hits(0.5);
    assert.ok(half > 430 && half < 570, `0.5 gave ${half}/1000`);
  });

  it('gives the same sequence for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
  });

  it('registers exactly the eight reference toxic types and no "down"', () => {
    assert.equal(TOXIC_TYPES.length, 8);
    for (const t of TOXIC_TYPES) assert.equal(toxicKind(t)?.type, t);
    assert.equal(toxicKind('down'), undefined);
    assert.equal(toxicKind('Latency'), undefined);
  });

  const rejected: Array<[string, Record<string, number>]> = [
    ['slicer', { average_size: 0 }],
    ['slicer', { average_size: 10, size_variation: 11 }],
    ['bandwidth', { rate: -1 }],
    ['latency', { latency: -1 }],
    ['latency', { jitter: -1 }],
    ['slow_close', { delay: -5 }],
    ['timeout', { timeout: -1 }],
    ['reset_peer', { timeout: -1 }],
  ];
  for (const [type, attrs] of rejected) {
    it(`rejects ${type} ${JSON.stringify(attrs)}, which crashes or misbehaves in the original`, () => {
      assert.notEqual(toxicKind(type)?.validate(attrs), undefined);
    });
  }

  it('accepts ordinary attributes', () => {
    assert.equal(
      toxicKind('slicer')?.validate({ average_size: 10, size_variation: 10, delay: 0 }),
      undefined,
    );
    assert.equal(toxicKind('bandwidth')?.validate({ rate: 0 }), undefined);
  });
});
