import assert from 'node:assert/strict';
import { diffPopulations } from './population-diff.js';
import { summarisePaths } from './population-summary.js';
import { span } from './testing-spans.js';
import { traceCriticalPath } from './trace-critical-path.js';

/** gateway → payment → psp, with `pspMs` in psp and 10 ms of queueing before payment. */
function order(pspMs: number, queueMs = 10) {
  return traceCriticalPath([
    span(1, undefined, 'gateway', 'POST', 'work', 0, 10),
    span(2, 1, 'order', 'publish', 'producer', 10, 20),
    span(3, 2, 'payment', 'process', 'consumer', 20 + queueMs, 40 + queueMs + pspMs),
    span(4, 3, 'payment', 'POST', 'client', 30 + queueMs, 30 + queueMs + pspMs),
    span(5, 4, 'psp', 'charge', 'work', 30 + queueMs, 30 + queueMs + pspMs),
  ]);
}

describe('summarisePaths', () => {
  it('shares the critical-path time by service, span and kind, weighted by time', () => {
    const s = summarisePaths([order(20), order(20)]);
    // each trace: gateway 10, order 10 (downstream), payment queueing 10 + work 20, psp 20 = 70
    assert.equal(s.traces, 2);
    assert.equal(s.totalMs, 140);
    const share = (dim: 'service' | 'kind' | 'span', key: string) =>
      s.components[dim].find((c) => c.key === key)?.share;
    assert.equal(share('service', 'psp'), 20 / 70);
    assert.equal(share('service', 'payment'), 30 / 70);
    assert.equal(share('kind', 'queueing'), 10 / 70);
    assert.equal(share('kind', 'downstream'), 10 / 70);
    assert.equal(share('span', 'payment process'), 30 / 70);
    assert.equal(s.components.service[0]?.key, 'payment', 'the largest component first');
    const sum = s.components.kind.reduce((t, c) => t + c.share, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12, `kind shares add up to 1, got ${sum}`);
  });

  it('gives per-trace percentiles of each contribution, counting absent components as 0', () => {
    const slow = traceCriticalPath([
      span(1, undefined, 'gateway', 'GET', 'work', 0, 10),
      span(2, 1, 'gateway', 'select', 'database', 2, 8),
    ]);
    const s = summarisePaths([...Array.from({ length: 98 }, () => order(20)), order(400), slow]);
    const psp = s.components.service.find((c) => c.key === 'psp')!;
    assert.equal(psp.traces, 99);
    assert.ok(Math.abs(psp.p50Ms - 20) / 20 < 0.006, `p50 ${psp.p50Ms}`);
    assert.ok(Math.abs(psp.p99Ms - 20) / 20 < 0.006, `p99 ${psp.p99Ms} (the 99th of 100 is still 20)`);
    const db = s.components.kind.find((c) => c.key === 'database')!;
    assert.equal(db.p50Ms, 0, 'a component on one trace in 100 has a p50 of 0');
    assert.ok(s.latency && Math.abs(s.latency.p99Ms - 70) / 70 < 0.006);
  });

  it('counts the distinct paths and lists the most frequent first', () => {
    const slow = traceCriticalPath([span(1, undefined, 'gateway', 'GET', 'work', 0, 10)]);
    const s = summarisePaths([order(5), slow, order(7), order(9)], 2);
    assert.deepEqual(
      s.topPaths.map((p) => [p.services.join(' > '), p.count]),
      [
        ['gateway > order > payment > psp > payment', 3],
        ['gateway', 1],
      ],
    );
    assert.equal(s.topPaths[0]?.share, 0.75);
  });

  it('reports orphans, skew corrections and empty traces instead of failing', () => {
    const orphan = traceCriticalPath([
      span(1, undefined, 'gateway', 'GET', 'work', 0, 10),
      span(2, 77, 'order', 'lost', 'work', 0, 10),
    ]);
    const s = summarisePaths([orphan, traceCriticalPath([])]);
    assert.deepEqual(s.problems, {
      orphans: 1,
      tracesWithOrphans: 1,
      clamped: 0,
      duplicates: 0,
      emptyTraces: 1,
    });
    assert.equal(s.traces, 1);
  });

  it('summarises an empty selection as no traces and no shares, not as 0%', () => {
    const s = summarisePaths([]);
    assert.equal(s.traces, 0);
    assert.equal(s.latency, null);
    assert.deepEqual(s.components.service, []);
  });
});

describe('diffPopulations', () => {
  const baseline = summarisePaths(Array.from({ length: 10 }, () => order(10)));
  const inject = summarisePaths(Array.from({ length: 10 }, () => order(400)));

  it('ranks the component whose share grew the most first, with both shares and the means', () => {
    const d = diffPopulations(baseline, inject, 'service');
    const top = d.rows[0]!;
    assert.equal(top.key, 'psp');
    assert.equal(top.beforeShare, 10 / 60);
    assert.equal(top.afterShare, 400 / 450);
    assert.equal(top.meanMsDelta, 390);
    // gateway and order shrink alike (10 ms each), so their tie is broken by name
    assert.deepEqual(
      d.rows.map((r) => r.key),
      ['psp', 'gateway', 'order', 'payment'],
    );
    assert.ok(
      d.rows.slice(1).every((r) => r.shareDelta < 0),
      'every other share shrank',
    );
  });

  it('ranks by absolute growth in mean ms when asked', () => {
    const queued = summarisePaths(Array.from({ length: 10 }, () => order(10, 300)));
    const d = diffPopulations(baseline, queued, 'kind', 'ms');
    assert.equal(d.rows[0]?.key, 'queueing');
    assert.equal(d.rows[0]?.meanMsDelta, 290);
  });

  it('keeps a component present on one side only, with 0 on the other', () => {
    const other = summarisePaths([traceCriticalPath([span(1, undefined, 'carrier', 'GET', 'work', 0, 10)])]);
    const d = diffPopulations(baseline, other, 'service');
    assert.equal(d.rows[0]?.key, 'carrier');
    assert.equal(d.rows[0]?.beforeShare, 0);
    assert.equal(d.rows.find((r) => r.key === 'psp')?.afterShare, 0);
  });

  it('is inconclusive, with no rows, when either population is empty', () => {
    const d = diffPopulations(baseline, summarisePaths([]), 'service');
    assert.match(d.inconclusive ?? '', /second population has no traces/);
    assert.deepEqual(d.rows, []);
  });
});
