import assert from 'node:assert/strict';
import { METRICS } from '../target-services/contracts/telemetry-names.js';
import { DASHBOARDS, panelQueries, substituteVariables } from './dashboards.js';
import { TREND_SERIES } from '../chaos/history/openmetrics.js';
import { staleFiles } from './generate.js';

const REGISTERED = new Set(
  Object.values(METRICS).flatMap((m) =>
    m.kind === 'histogram'
      ? [`${m.prometheus}_bucket`, `${m.prometheus}_count`, `${m.prometheus}_sum`]
      : [m.prometheus],
  ),
);
/** Series that come from outside the fleet's registry: RabbitMQ, Toxiproxy, the SLO rules, Prometheus. */
const EXTERNAL = /^(rabbitmq_[a-z_]+|toxiproxy_[a-z_]+|slo:[a-z_:0-9]+|ALERTS)$/;
/** The nightly history's series (`faultline suite export --openmetrics`). */
const NIGHTLY = new Set<string>(Object.values(TREND_SERIES));
const FUNCTIONS = new Set([
  'sum',
  'max',
  'count',
  'rate',
  'increase',
  'delta',
  'histogram_quantile',
  'vector',
  'by',
  'on',
  'group_left',
  'bool',
  'or',
  'and',
  'last_over_time',
]);

/** Metric names in a query: identifiers outside strings, selectors and label lists, before `{`, `[` or `)`. */
function seriesNames(expr: string): string[] {
  const stripped = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\b(by|on|without|ignoring)\s*\([^)]*\)/g, '');
  const names = stripped.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*[{[)])/g) ?? [];
  return names.filter((n) => !FUNCTIONS.has(n));
}

describe('the generated Grafana dashboards', () => {
  it('are committed exactly as a fresh generation writes them', async () => {
    assert.deepEqual(await staleFiles(), [], 'run npm run dashboards:generate');
  });

  it('cover RED, saga health, messaging, resilience, SLOs, chaos runs and the nightly trend', () => {
    assert.deepEqual(
      DASHBOARDS.map((d) => d.uid),
      [
        'faultline-fleet-red',
        'faultline-saga-health',
        'faultline-messaging',
        'faultline-resilience',
        'faultline-slo',
        'faultline-chaos-runs',
        'faultline-resilience-trend',
      ],
    );
  });

  it('query only registered fleet series or known external ones', () => {
    for (const q of panelQueries()) {
      for (const name of seriesNames(q.expr)) {
        assert.ok(
          REGISTERED.has(name) || EXTERNAL.test(name) || NIGHTLY.has(name),
          `${q.dashboard} / ${q.panel} uses unknown series ${name}`,
        );
      }
    }
  });

  it('use only template variables their dashboard declares', () => {
    for (const d of DASHBOARDS) {
      const declared = Object.fromEntries(d.variables.map((v) => [v.name, '.+']));
      for (const q of panelQueries([d]))
        assert.doesNotThrow(() => substituteVariables(q.expr, declared), `${d.uid} / ${q.panel}`);
    }
  });

  it('substitute the rate interval and variables, and refuse an unknown variable', () => {
    assert.equal(
      substituteVariables('rate(x{job=~"$job"}[$__rate_interval])', { job: 'gateway' }, '2m'),
      'rate(x{job=~"gateway"}[2m])',
    );
    assert.throws(() => substituteVariables('x{a="$nope"}', {}), /unknown template variable \$nope/);
  });
});
