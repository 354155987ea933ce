import assert from 'node:assert/strict';
import type { PathSpan, TracePath } from './path-span.js';
import { span } from './testing-spans.js';
import { ComponentIndex } from './component-index.js';
import { TraceAnalyser } from './trace-analyser.js';
import { analysedPath, feedSpans, traceCriticalPath } from './trace-critical-path.js';

/** `service/name kind start-end` per segment, in time order. */
function shape(path: TracePath): string[] {
  return path.segments.map((s) => `${s.service}/${s.name} ${s.kind} ${s.startMs}-${s.endMs}`);
}

interface Case {
  name: string;
  spans: PathSpan[];
  path: string[];
  totalMs: number;
  orphans?: number;
  clamped?: number;
  duplicates?: number;
}

const cases: Case[] = [
  {
    name: 'follows a sequential chain of calls, with the gaps as the parent’s own work',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 100),
      span(2, 1, 'gw', 'call a', 'client', 10, 40),
      span(3, 2, 'a', 'serve', 'work', 12, 38),
      span(4, 1, 'gw', 'select', 'database', 50, 90),
    ],
    path: [
      'gw/GET work 0-10',
      'gw/call a downstream 10-12',
      'a/serve work 12-38',
      'gw/call a downstream 38-40',
      'gw/GET work 40-50',
      'gw/select database 50-90',
      'gw/GET work 90-100',
    ],
    totalMs: 100,
  },
  {
    name: 'keeps only the slowest branch of a parallel fan-out',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 100),
      span(2, 1, 'gw', 'a', 'client', 10, 50),
      span(3, 1, 'gw', 'b', 'client', 10, 80),
      span(4, 1, 'gw', 'c', 'client', 10, 30),
      span(5, 1, 'gw', 'd', 'database', 85, 95),
    ],
    path: [
      'gw/GET work 0-10',
      'gw/b downstream 10-80',
      'gw/GET work 80-85',
      'gw/d database 85-95',
      'gw/GET work 95-100',
    ],
    totalMs: 100,
  },
  {
    name: 'crosses an asynchronous queue hop, counting queueing and the deferred publish on their own',
    spans: [
      span(1, undefined, 'order', 'POST /orders', 'work', 0, 10),
      span(2, 1, 'order', 'saga.step', 'work', 2, 8),
      span(3, 2, 'order', 'publish', 'producer', 20, 25),
      span(4, 3, 'payment', 'process', 'consumer', 40, 70),
      span(5, 4, 'payment', 'insert', 'database', 45, 60),
      span(6, 1, 'order', 'insert', 'database', 8, 9),
    ],
    path: [
      'order/POST /orders work 0-2',
      'order/saga.step work 2-8',
      'order/publish deferred 8-20',
      'order/publish downstream 20-25',
      'payment/process queueing 25-40',
      'payment/process work 40-45',
      'payment/insert database 45-60',
      'payment/process work 60-70',
    ],
    totalMs: 70,
  },
  {
    name: 'does not count queueing when the consumer starts before the publish is confirmed',
    spans: [
      span(1, undefined, 'order', 'relay', 'work', 0, 10),
      span(2, 1, 'order', 'publish', 'producer', 1, 9),
      span(3, 2, 'payment', 'process', 'consumer', 5, 30),
    ],
    path: ['order/relay work 0-1', 'order/publish downstream 1-5', 'payment/process work 5-30'],
    totalMs: 30,
  },
  {
    name: 'moves a skewed callee inside its caller, with its own-service children',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 100),
      span(2, 1, 'gw', 'call order', 'client', 10, 90),
      span(3, 2, 'order', 'serve', 'work', 130, 190),
      span(4, 3, 'order', 'select', 'database', 140, 150),
    ],
    path: [
      'gw/GET work 0-10',
      'gw/call order downstream 10-30',
      'order/serve work 30-40',
      'order/select database 40-50',
      'order/serve work 50-90',
      'gw/GET work 90-100',
    ],
    totalMs: 100,
    clamped: 1,
  },
  {
    name: 'cuts a callee longer than its caller to the caller’s extent',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 50),
      span(2, 1, 'gw', 'call', 'client', 10, 20),
      span(3, 2, 'psp', 'charge', 'work', 5, 40),
    ],
    path: ['gw/GET work 0-10', 'psp/charge work 10-20', 'gw/GET work 20-50'],
    totalMs: 50,
    clamped: 1,
  },
  {
    name: 'moves a consumer that starts before its publish to the publish’s start',
    spans: [
      span(1, undefined, 'order', 'relay', 'work', 100, 110),
      span(2, 1, 'order', 'publish', 'producer', 101, 105),
      span(3, 2, 'payment', 'process', 'consumer', 60, 90),
    ],
    path: ['order/relay work 100-101', 'payment/process work 101-131'],
    totalMs: 31,
    clamped: 1,
  },
  {
    name: 'reports an orphan and leaves its subtree out of the path',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 50),
      span(2, 999, 'order', 'lost', 'work', 10, 200),
      span(3, 2, 'order', 'under lost', 'database', 20, 30),
    ],
    path: ['gw/GET work 0-50'],
    totalMs: 50,
    orphans: 1,
  },
  {
    name: 'takes a span with a remote parent as the entry of a trace with no root, not as an orphan',
    spans: [span(7, 42, 'gw', 'POST', 'work', 5, 25), span(8, 7, 'gw', 'insert', 'database', 10, 15)],
    path: ['gw/POST work 5-10', 'gw/insert database 10-15', 'gw/POST work 15-25'],
    totalMs: 20,
  },
  {
    name: 'ignores a duplicated span id and counts it',
    spans: [
      span(1, undefined, 'gw', 'GET', 'work', 0, 10),
      span(1, undefined, 'gw', 'GET again', 'work', 0, 99),
    ],
    path: ['gw/GET work 0-10'],
    totalMs: 10,
    duplicates: 1,
  },
  {
    name: 'yields an empty path for spans that only point at each other',
    spans: [span(1, 2, 'a', 'x', 'work', 0, 10), span(2, 1, 'a', 'y', 'work', 0, 10)],
    path: [],
    totalMs: 0,
  },
  {
    name: 'tells apart ids that share their low 32 bits (stored ids are up to 53 bits)',
    spans: [
      span(5 + 2 ** 40, undefined, 'gw', 'GET', 'work', 0, 100),
      span(5 + 2 ** 41, 5 + 2 ** 40, 'gw', 'a', 'client', 10, 50),
      span(5 + 2 ** 42, 5 + 2 ** 41, 'a', 'serve', 'work', 10, 50),
      span(5 + 2 ** 43, 5 + 2 ** 40, 'gw', 'insert', 'database', 60, 70),
      span(5 + 2 ** 41, 5 + 2 ** 40, 'gw', 'a again', 'client', 0, 99),
    ],
    path: [
      'gw/GET work 0-10',
      'a/serve work 10-50',
      'gw/GET work 50-60',
      'gw/insert database 60-70',
      'gw/GET work 70-100',
    ],
    totalMs: 100,
    duplicates: 1,
  },
  { name: 'yields an empty path for no spans', spans: [], path: [], totalMs: 0 },
];

describe('traceCriticalPath', () => {
  for (const c of cases) {
    it(c.name, () => {
      const path = traceCriticalPath(c.spans);
      assert.deepEqual(shape(path), c.path);
      assert.equal(path.totalMs, c.totalMs);
      assert.equal(path.orphans, c.orphans ?? 0, 'orphans');
      assert.equal(path.clamped, c.clamped ?? 0, 'clamped');
      assert.equal(path.duplicates, c.duplicates ?? 0, 'duplicates');
      const summed = path.segments.reduce((t, s) => t + (s.endMs - s.startMs), 0);
      assert.equal(summed, path.totalMs, 'the segments add up to the latency');
    });
  }

  const deep = Array.from({ length: 20_000 }, (_, i) =>
    span(i + 1, i === 0 ? undefined : i, 's', `n${i}`, 'work', i, 40_000 - i),
  );
  const wide = [
    span(1, undefined, 's', 'root', 'work', 0, 1000),
    ...Array.from({ length: 5000 }, (_, i) => span(i + 2, 1, 's', 'leaf', 'client', i % 7, 900 - (i % 11))),
  ];

  it('survives a deep chain and a wide fan-out without recursion limits', () => {
    assert.equal(traceCriticalPath(deep).totalMs, 40_000);
    assert.equal(traceCriticalPath(wide).totalMs, 1000);
  });

  it('finds the same paths when one analyser is reused trace after trace, large and small', () => {
    const index = new ComponentIndex();
    const labels = new Map<string, number>();
    const a = new TraceAnalyser(index.labels);
    const traces = [wide, ...cases.map((c) => c.spans), deep, ...cases.map((c) => c.spans).reverse()];
    for (const spans of traces) {
      feedSpans(a, index, labels, spans);
      a.analyse();
      assert.deepEqual(analysedPath(a, index), traceCriticalPath(spans));
    }
  });
});
