import assert from 'node:assert/strict';
import type { CheckResult } from '../verdict.js';
import { describeValue, evidenceEntries, labelOf } from './evidence-format.js';
import { sampleJournal } from './fixtures/sample-journal.js';
import { reportContextOf } from './report-context.js';
import { plainText } from './rich-text.js';

const T0 = Date.parse('2026-11-23T00:42:00.000Z');
const ids = (n: number, prefix = 'o'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('evidence formatting', function () {
  const ctx = reportContextOf(sampleJournal());
  const cases: [string, string, unknown, string][] = [
    [
      'a Unix-ms phase window as offsets and wall clock',
      'window',
      { name: 'inject', startMs: T0 + 25_000, endMs: T0 + 45_900 },
      'inject +25.0 s → +45.9 s (00:42:25.0 → 00:42:45.9 UTC)',
    ],
    ['up to 10 order ids, then how many more', 'orderIds', ids(25), `${ids(10).join(', ')} and 15 more`],
    ['exactly 10 ids with no "more"', 'traceIds', ids(10, 't'), ids(10, 't').join(', ')],
    ['an empty list', 'orderIds', [], 'none'],
    ['a point of a series', 'lastBad', { tMs: T0 + 31_000, value: 0.42 }, '0.42 at +31.0 s (00:42:31.0 UTC)'],
    [
      'cited series as words, not JSON',
      'failing',
      [
        { series: '{job="gateway"}', observed: 0.1234567 },
        { series: '{job="order"}', observed: 0.2 },
      ],
      'series {job="gateway"}, observed 0.1235; series {job="order"}, observed 0.2',
    ],
    ['counts keyed by value', 'offending', { '500': 3, '503': 1 }, '500: 3, 503: 1'],
    ['a duration in ms under a second', 'baselineP50Ms', 35, '35 ms'],
    ['a duration in ms over a second', 'stabilityMs', 3000, '3.0 s'],
    ['null', 'baseline', null, 'none'],
    ['a boolean', 'ok', true, 'yes'],
    ['a multi-line string on one line', 'query', 'sum(rate(x[1m]))\n  / 2', 'sum(rate(x[1m])) / 2'],
    [
      'nesting deeper than three levels as shortened JSON',
      'a',
      { b: { c: { d: { e: 1 } } } },
      'b c d {"e":1}',
    ],
    [
      'more than 10 messages, then how many more',
      'details',
      ids(12, 'm'),
      `${ids(10, 'm').join('; ')} and 2 more`,
    ],
  ];
  for (const [name, key, value, expected] of cases)
    it(`shows ${name}`, () => assert.equal(plainText(describeValue(key, value, ctx, 0)), expected));

  const labels: [string, string][] = [
    ['orderIds', 'order ids'],
    ['stabilityMs', 'stability'],
    ['tMs', 'at'],
    ['linkedShare', 'linked share'],
    ['query', 'query'],
  ];
  for (const [key, label] of labels)
    it(`labels ${key} as "${label}"`, () => assert.equal(labelOf(key), label));

  it('marks order and trace ids as ids and queries as code', function () {
    assert.deepEqual(describeValue('orderIds', ['a'], ctx, 0), [{ id: 'a', of: 'order' }]);
    assert.deepEqual(describeValue('query', 'up', ctx, 0), [{ code: 'up' }]);
  });

  it("counts an invariant's order ids from the journal's full violation list, not the check's cited ones", function () {
    const journal = sampleJournal();
    const all = ids(40);
    journal.invariantViolations = all.map((subject) => ({
      invariant: 'orders-terminal',
      subject,
      message: 'x',
    }));
    const check: CheckResult = {
      id: 'invariant.orders-terminal',
      kind: 'invariant',
      title: 'every accepted order is terminal',
      verdict: 'fail',
      reason: '40 violation(s)',
      evidence: { observed: 40, objective: '= 0 violations', details: { orderIds: all.slice(0, 20) } },
    };
    const lines = evidenceEntries(check, reportContextOf(journal)).map(
      (e) => `${e.label}: ${plainText(e.value)}`,
    );
    assert.deepEqual(lines, [
      'objective: = 0 violations',
      'observed: 40 violations',
      `order ids: ${ids(10).join(', ')} and 30 more`,
    ]);
  });
});
