import assert from 'node:assert/strict';
import { parsePromql } from './promql-syntax.js';

describe('parsePromql (Prometheus lezer grammar)', function () {
  it('accepts the queries the catalog uses', function () {
    for (const query of [
      'up',
      'sum(increase(saga_outcomes_total{job="order",saga_outcome="compensated"}[30s]))',
      'histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_bucket{job="gateway"}[30s]))) * 1000',
      '(sum(rate(x_count{code=~"5.."}[10s])) or vector(0))\n  / sum(rate(x_count[10s]))',
      'min(min_over_time(up{job="payment"}[30s]))',
      'rate((x[5m] offset 1m))',
      'last_over_time(sum(x)[5m:1m])',
      'count_values("v", x)',
    ])
      assert.equal(parsePromql(query).error, undefined, query);
  });

  const ERRORS: [query: string, position: number, message: string, hint?: string][] = [
    ['sum(rate(x[5m])', 15, 'the query ends too early', '`(` at character 4 is never closed'],
    ['sum(rate(x[5m])))', 16, 'unexpected `)`', '`)` at character 17 has no opening bracket'],
    ['x{job="a")', 9, 'unexpected `)`', '`{` at character 2 is closed by `)` at character 10'],
    ['rate(x[5x])', 8, 'unexpected `x`'],
    ['rat(x[5m])', 0, 'unknown function `rat`', 'did you mean `rate`?'],
    [
      'sum by (le) (histogram_quantil(0.9, x))',
      13,
      'unknown function `histogram_quantil`',
      'did you mean `histogram_quantile`?',
    ],
    ['x{job="a}', 9, 'the query ends too early', 'the string opened at character 7 is never closed'],
    ['1 +', 3, 'the query ends too early'],
    ['foo bar', 4, 'unexpected `bar`'],
    ['  ', 2, 'the query is empty'],
    ['sum(rate(x{a="b"}))', 9, '`rate` needs a range vector here, such as `x{a="b"}[5m]`'],
    ['quantile_over_time(0.9, (x))', 24, '`quantile_over_time` needs a range vector here, such as `x[5m]`'],
    [
      'topk(3, x[5m])',
      8,
      '`topk` needs an instant vector, not the range `x[5m]`',
      'wrap it in rate(), increase() or an *_over_time() function',
    ],
  ];
  for (const [query, position, message, hint] of ERRORS) {
    it(`finds the first error in \`${query}\` at character ${position + 1}: ${message}`, function () {
      assert.deepEqual(parsePromql(query).error, { position, message, ...(hint && { hint }) });
    });
  }

  it('lists the metric name of every selector with its position, in every spelling', function () {
    const query = 'a_total{job="x"} / {"b.c", job="y"} + {__name__="d"} + {job="e"} + sum(rate(f[1m]))';
    assert.deepEqual(parsePromql(query).metricNames, [
      { name: 'a_total', position: 0 },
      { name: 'b.c', position: 20 },
      { name: 'd', position: 48 },
      { name: 'f', position: 76 },
    ]);
  });

  it('does not take function names, label names or keywords for metric names', function () {
    assert.deepEqual(
      parsePromql(
        'sum by (job) (rate(x[1m])) > on(job) group_left count_values("v", y) offset 1m',
      ).metricNames.map((m) => m.name),
      ['x', 'y'],
    );
  });
});
