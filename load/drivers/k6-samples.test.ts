import assert from 'node:assert/strict';
import { K6Samples } from './k6-samples.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const point = (metric: string, ms: number, value: number, tags: Record<string, string>): string =>
  JSON.stringify({ metric, type: 'Point', data: { time: at(ms), value, tags } });

describe('K6Samples (k6 --out json lines into the built-in bookkeeping)', () => {
  it("keeps k6's latest busy-VU reading for the progress line, also when a newer second has none", () => {
    const s = new K6Samples('checkout');
    s.addLine(point('iteration_duration', 1500, 500, { phase: 'baseline', scenario: 'baseline' }));
    s.addLine(point('vus', 1600, 7, {}));
    s.addLine(point('http_reqs', 2300, 1, { phase: 'baseline', name: 'GET /v1/orders/:id' }));
    assert.equal(s.busyVUs, 7);
  });

  it('anchors on a whole millisecond when k6 reports a fractional iteration duration', () => {
    const anchors: number[] = [];
    const s = new K6Samples('checkout', (t) => anchors.push(t));
    s.addLine(point('iteration_duration', 1500, 447.823, { phase: 'baseline', scenario: 'baseline' }));
    // 1500 - 447.823 = 1052.177 ms: floored, so the anchor is never after the first iteration began.
    assert.deepEqual(anchors, [T0 + 1052]);
  });

  it("anchors on the first iteration's start and tags drops by phase from k6's scenario tag", () => {
    const anchors: number[] = [];
    const s = new K6Samples('checkout', (t) => anchors.push(t));
    s.addLine(JSON.stringify({ type: 'Metric', data: { name: 'http_reqs' }, metric: 'http_reqs' }));
    const req = {
      phase: 'baseline',
      scenario: 'baseline',
      journey: 'checkout',
      name: 'POST /v1/orders',
      status: '202',
    };
    s.addLine(point('http_reqs', 1300, 1, req));
    s.addLine(point('http_req_duration', 1300, 300, req));
    s.addLine(point('http_req_failed', 1300, 0, req));
    assert.deepEqual(anchors, [], 'no anchor before an iteration is seen');
    s.addLine(point('iteration_duration', 1500, 500, { phase: 'baseline', scenario: 'baseline' }));
    s.addLine(point('iterations', 1500, 1, { phase: 'baseline', scenario: 'baseline' }));
    assert.deepEqual(anchors, [T0 + 1000]);
    s.addLine(point('dropped_iterations', 3200, 2, { scenario: 'inject' }));
    s.addLine(point('http_req_duration', 3400, 20, { ...req, phase: 'inject', status: '503' }));
    s.addLine('not json');
    s.end();
    const m = s.summary(3000).metrics;
    assert.equal(m['dropped_iterations{phase:inject}']?.values['count'], 2);
    assert.equal(m['iterations{journey:checkout}']?.values['count'], 1, 'iterations get the journey');
    assert.equal(m['http_req_duration{name:POST /v1/orders,phase:inject}']?.values['count'], 1);
    assert.equal(m['http_req_failed']?.values['rate'], 0);
    assert.equal(s.badLines, 1);
    const series = s.series.samples();
    assert.deepEqual(
      series.map((x) => [x.second, x.reqs, x.failed, x.started, x.dropped]),
      [
        [0, 1, 0, 1, 0],
        [1, 0, 0, 0, 0],
        [2, 1, 1, 0, 2],
      ],
    );
  });

  it('has no metric at all for a trend that got no samples (inconclusive, not zero)', () => {
    const s = new K6Samples('browse');
    s.addLine(point('iteration_duration', 100, 50, { phase: 'inject', scenario: 'inject' }));
    s.end();
    assert.equal(s.summary().metrics['order_time_to_terminal'], undefined);
    assert.equal(s.summary().metrics['iteration_duration']?.values['count'], 1);
  });
});
