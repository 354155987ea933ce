import assert from 'node:assert/strict';
import type { SloSpec } from './openslo.js';
import { errorRatioExpr, slothRuleGroups, type AlertRule, type RecordingRule } from './sloth-rules.js';

const latency: SloSpec = {
  name: 'api-latency',
  service: 'api',
  description: '',
  objective: 0.99,
  periodDays: 28,
  goodQuery: 'sum(rate(good[{{.window}}]))',
  totalQuery: 'sum(rate(total[{{.window}}]))',
};

describe('Sloth-compatible rule generation', () => {
  it('writes the error ratio of a good/total SLI as one minus their ratio at each window', () => {
    assert.equal(errorRatioExpr(latency, '1h'), '1 - (\n(sum(rate(good[1h])))\n/\n(sum(rate(total[1h])))\n)');
  });

  it('records every alert window plus the SLO period, labelled with sloth ids and windows', () => {
    const [sli] = slothRuleGroups([latency]);
    const rules = sli!.rules as RecordingRule[];
    assert.deepEqual(
      rules.map((r) => r.labels['sloth_window']),
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '28d'],
    );
    assert.equal(rules[0]!.labels['sloth_id'], 'api-api-latency');
    assert.match(rules.at(-1)!.expr, /sum_over_time\(slo:sli_error:ratio_rate5m\{[^}]*\}\[28d\]\)/);
  });

  it('pages at 14.4x and 6x and tickets at 3x and 1x of the error budget', () => {
    const alerts = slothRuleGroups([latency])[2]!.rules as AlertRule[];
    const factors = (a: AlertRule) =>
      [...a.expr.matchAll(/> \(([0-9.]+) \* 0\.01\)/g)].map((x) => Number(x[1]));
    assert.deepEqual(
      alerts.map((a) => [a.alert, a.labels['sloth_severity'], factors(a)]),
      [
        ['ApiLatencyBurnRatePage', 'page', [14.4, 14.4, 6, 6]],
        ['ApiLatencyBurnRateTicket', 'ticket', [3, 3, 1, 1]],
      ],
    );
  });
});
