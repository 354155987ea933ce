import { strict as assert } from 'node:assert';
import { counterValue, renderOverload } from './overload-summary.js';

describe('the overload summary', () => {
  it('sums a counter over its series and ignores look-alike names', () => {
    const text = [
      '# HELP gateway_shed_total New orders shed',
      '# TYPE gateway_shed_total counter',
      'gateway_shed_total 12',
      'gateway_shed_total{otel_scope_name="x"} 3 1700000000000',
      'gateway_shed_total_created 99',
    ].join('\n');
    assert.equal(counterValue(text, 'gateway_shed_total'), 15);
  });
  it('reads an absent counter as 0', () => assert.equal(counterValue('up 1\n', 'gateway_shed_total'), 0));
  it('prints one row per phase with the stranded count', () => {
    const out = renderOverload([
      {
        name: 'overload',
        rate: 48,
        sent: 1440,
        accepted: 700,
        shed: 740,
        failed: 0,
        withRetryAfter: 740,
        terminal: 700,
        compensated: 3,
        stranded: 0,
        p50Ms: 812,
        p99Ms: Infinity,
      },
    ]);
    assert.match(out, /stranded/);
    assert.match(out, /overload\s+48\s+1440\s+700\s+740\s+0\s+740\s+700\s+3\s+0\s+812\s+n\/a/);
  });
});
