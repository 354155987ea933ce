import assert from 'node:assert/strict';
import { renderOpenMetrics } from './openmetrics.js';
import { backfilledPrometheus, type BackfilledPrometheus } from './testing/backfilled-prometheus.js';
import { failing, passing, syntheticRows, syntheticSuites } from './testing/synthetic-history.js';

const DAY_MS = 86_400_000;

describe('OpenMetrics export backfilled into a real Prometheus with promtool', function () {
  this.timeout(120_000);
  let prometheus: BackfilledPrometheus | undefined;
  after(async () => prometheus?.stop());

  it('creates blocks from the export and answers queries for every series on the nights it was written', async function () {
    // Six recent nights (inside Prometheus' retention): passing, then a failing last night.
    const firstNight = Math.floor((Date.now() - 7 * DAY_MS - Date.UTC(2026, 0, 1, 2)) / DAY_MS);
    const rows = [
      ...syntheticRows([...Array.from({ length: 5 }, () => passing(0.6)), failing(-0.2)], {
        firstNight,
        check: 'inject-latency',
      }),
      ...syntheticRows(
        Array.from({ length: 6 }, (_, i) =>
          i === 2 ? { verdicts: ['pass', 'fail'], margins: [0.1, -0.1] } : passing(0.3),
        ),
        {
          firstNight,
          check: 'gateway "errors"',
        },
      ),
    ];
    const suites = syntheticSuites(rows, (i) => 90 - i);
    prometheus = await backfilledPrometheus(renderOpenMetrics(suites, rows));
    const query = (expr: string, atS: number) => prometheus!.query(expr, atS * 1000);
    const night = (i: number): number => Date.parse(suites[i]!.startedAt) / 1000;

    const margin = await query('faultline_check_margin{check="inject-latency"}', night(5));
    assert.deepEqual(
      margin.map((s) => [s.metric['experiment'], s.metric['branch'], Number(s.value[1])]),
      [['psp-outage', 'main', -0.2]],
    );
    const verdicts = await query('faultline_check_verdict', night(2));
    assert.deepEqual(
      verdicts.map((s) => [s.metric['check'], Number(s.value[1])]).sort(),
      [
        ['gateway "errors"', 0.5],
        ['inject-latency', 1],
      ],
      'flaky is 0.5 and the quoted label survives',
    );
    assert.equal(
      Number((await query('faultline_check_verdict{check="inject-latency"}', night(5)))[0]?.value[1]),
      0,
    );
    assert.equal(Number((await query('faultline_suite_score{branch="main"}', night(3)))[0]?.value[1]), 87);
    const duration = await query('faultline_experiment_duration_seconds', night(1));
    assert.deepEqual(
      duration.map((s) => [s.metric['experiment'], Number(s.value[1])]),
      [['psp-outage', 30]],
    );
  });
});
