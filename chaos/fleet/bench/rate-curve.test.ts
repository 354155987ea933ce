import { strict as assert } from 'node:assert';
import {
  ceilingOf,
  errorShare,
  percentile,
  renderCurve,
  sustained,
  terminalShare,
  type CurvePoint,
} from './rate-curve.js';

const point = (over: Partial<CurvePoint>): CurvePoint => ({
  rate: 10,
  sent: 100,
  accepted: 100,
  terminal: 100,
  completed: 100,
  p50Ms: 50,
  p99Ms: 200,
  elapsedMs: 9000,
  ...over,
});

describe('rate curve', () => {
  it('takes the nearest-rank percentile and gives NaN for no samples', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 50), 50);
    assert.equal(percentile(xs, 99), 99);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  const cases: { name: string; p: Partial<CurvePoint>; ok: boolean }[] = [
    { name: 'a fast, complete step is sustained', p: {}, ok: true },
    { name: 'p99 at the limit misses', p: { p99Ms: 1000 }, ok: false },
    { name: 'a refused order misses', p: { accepted: 99, terminal: 99, completed: 99 }, ok: false },
    { name: 'an order left non-terminal misses', p: { terminal: 99, completed: 99 }, ok: false },
    { name: 'a compensated order misses (no fault was injected)', p: { completed: 99 }, ok: false },
    { name: 'an empty step misses', p: { sent: 0, accepted: 0, terminal: 0, completed: 0 }, ok: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(sustained(point(c.p)), c.ok));

  it('computes error and terminal shares against sent and accepted orders', () => {
    const p = point({ sent: 200, accepted: 150, terminal: 120 });
    assert.equal(errorShare(p), 0.25);
    assert.equal(terminalShare(p), 0.8);
  });

  it('reports the ceiling as the last rate before the first miss', () => {
    const curve = [
      point({ rate: 32 }),
      point({ rate: 64 }),
      point({ rate: 96, p99Ms: 1400 }),
      point({ rate: 128 }),
    ];
    assert.equal(ceilingOf(curve), 64);
    assert.equal(ceilingOf([point({ rate: 4, p99Ms: 5000 })]), 0);
  });

  it('renders one row per rate with its verdict', () => {
    const text = renderCurve([point({ rate: 32 }), point({ rate: 48, p99Ms: Infinity, terminal: 90 })]);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /^\s*32 .* ok$/);
    assert.match(lines[2]!, /^\s*48 .*n\/a.*90\.0%.*MISS$/);
  });
});
