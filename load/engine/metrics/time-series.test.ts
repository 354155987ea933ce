import assert from 'node:assert/strict';
import { TimeSeries } from './time-series.js';
import { Trend } from './trend.js';

describe('TimeSeries', () => {
  it('buckets samples by second from the run start and fills gaps with zeros', () => {
    const ts = new TimeSeries();
    ts.started(100, 'baseline');
    ts.request(200, 'baseline', 5, false);
    ts.request(900, 'baseline', 15, true);
    ts.dropped(2500, 'inject');
    ts.inFlight(2600, 'inject', 4);
    ts.inFlight(2700, 'inject', 2);
    const [first, gap, third] = ts.samples();
    assert.equal(first?.reqs, 2);
    assert.equal(first?.failed, 1);
    assert.equal(first?.started, 1);
    assert.ok(Math.abs((first?.p99Ms ?? 0) - 15) / 15 < 0.001);
    assert.deepEqual([gap?.second, gap?.reqs, gap?.phase], [1, 0, '']);
    assert.deepEqual([third?.phase, third?.dropped, third?.inFlight], ['inject', 1, 4]);
  });
});

describe('Trend', () => {
  it('keeps exact min, max and mean and HDR percentiles within 0.1%', () => {
    const t = new Trend();
    for (let i = 1; i <= 1000; i++) t.add(i / 10);
    const v = t.values();
    assert.equal(v['min'], 0.1);
    assert.equal(v['max'], 100);
    assert.ok(Math.abs((v['avg'] ?? 0) - 50.05) < 1e-9);
    assert.ok(Math.abs((v['p(99)'] ?? 0) - 99) / 99 < 0.001);
    assert.ok(Math.abs((v['med'] ?? 0) - 50) / 50 < 0.001);
  });

  it('reports zeros when empty and merges another trend', () => {
    const a = new Trend();
    assert.equal(a.values()['p(99)'], 0);
    const b = new Trend();
    b.add(7);
    a.merge(b);
    assert.equal(a.count, 1);
    assert.equal(a.values()['min'], 7);
  });
});
