import assert from 'node:assert/strict';
import { renderOpenMetrics, TREND_SERIES, VERDICT_VALUE } from '../chaos/history/openmetrics.js';
import {
  backfilledPrometheus,
  type BackfilledPrometheus,
} from '../chaos/history/testing/backfilled-prometheus.js';
import {
  passing,
  syntheticRows,
  syntheticSuites,
  type SyntheticNight,
} from '../chaos/history/testing/synthetic-history.js';
import { dashboardsOf, panelQueries, substituteVariables } from './dashboards.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const NIGHTS = 6;

/**
 * Six recent nights, 2 experiments × 2 checks, 2 trials each, as the real exporter
 * (`renderOpenMetrics`, what `faultline suite export --openmetrics` writes) renders them:
 * `checkout-latency-slo` regresses on the last night (still passing, by 3 %),
 * `sagas-complete-again` fails on night 2, `no-double-capture` is flaky on night 1 and
 * inconclusive (no margin) on the last night.
 */
function nightlyRows(firstNight: number) {
  const nights = (f: (i: number) => SyntheticNight): SyntheticNight[] =>
    Array.from({ length: NIGHTS }, (_, i) => f(i));
  const last = NIGHTS - 1;
  return [
    ...syntheticRows(
      nights((i) => passing(i === last ? 0.03 : 0.5 + 0.01 * (i % 3))),
      { firstNight, experiment: 'psp-outage', check: 'checkout-latency-slo' },
    ),
    ...syntheticRows(
      nights((i) => (i === 2 ? { verdicts: ['fail', 'fail'], margins: [-0.25, -0.25] } : passing(0.4))),
      { firstNight, experiment: 'psp-outage', check: 'sagas-complete-again' },
    ),
    ...syntheticRows(
      nights((i) =>
        i === 1
          ? { verdicts: ['pass', 'fail'], margins: [0.2, -0.1] }
          : i === last
            ? { verdicts: ['inconclusive', 'inconclusive'], margins: [null, null] }
            : passing(0.5),
      ),
      { firstNight, experiment: 'payment-kill-mid-saga', check: 'no-double-capture' },
    ),
    ...syntheticRows(
      nights(() => passing(0.3)),
      { firstNight, experiment: 'payment-kill-mid-saga', check: 'orders-terminal' },
    ),
  ];
}

describe('the Resilience trend dashboard against a real Prometheus holding an exported history', function () {
  this.timeout(120000);
  // Nights at 02:00 UTC, the last within the past day (inside Prometheus' retention).
  const firstNight = Math.floor((Date.now() - NIGHTS * DAY_MS - Date.UTC(2026, 0, 1, 2)) / DAY_MS);
  const rows = nightlyRows(firstNight);
  const suites = syntheticSuites(rows, (i) => 80 + i);
  const lastNightMs = Date.parse(suites.at(-1)!.startedAt);
  const queryAtMs = lastNightMs + 2 * HOUR_MS;
  let prometheus: BackfilledPrometheus | undefined;

  before(async () => {
    prometheus = await backfilledPrometheus(renderOpenMetrics(suites, rows));
  });
  after(async () => prometheus?.stop());

  const panel = (series: string): string => {
    const q = panelQueries(dashboardsOf('nightly-history')).find((x) => x.expr.includes(`${series}{`));
    assert.ok(q, `no panel queries ${series}`);
    return substituteVariables(q.expr);
  };
  const at = async (series: string, keys: readonly string[]): Promise<string[]> =>
    (await prometheus!.query(panel(series), queryAtMs))
      .map((s) => `${keys.map((k) => s.metric[k]).join('/')}=${Number(s.value[1])}`)
      .sort();

  it('is the only dashboard on the nightly history, and every panel of it has a query', () => {
    const [trend, ...others] = dashboardsOf('nightly-history');
    assert.equal(trend?.uid, 'faultline-resilience-trend');
    assert.equal(others.length, 0);
    for (const p of trend.rows.flatMap((r) => r.panels)) assert.ok(p.queries.length > 0, p.title);
  });

  it('returns series for every panel query at a time inside the history', async () => {
    const empty: string[] = [];
    for (const q of panelQueries(dashboardsOf('nightly-history'))) {
      const r = await prometheus!.query(substituteVariables(q.expr), queryAtMs);
      if (r.length === 0) empty.push(`${q.panel}: ${q.expr}`);
    }
    assert.deepEqual(empty, [], 'panel queries returned no series');
  });

  it("shows last night's verdicts, margins, score and durations, not an earlier night's", async () => {
    const keys = ['branch', 'experiment', 'check'];
    assert.deepEqual(await at(TREND_SERIES.verdict, keys), [
      `main/payment-kill-mid-saga/no-double-capture=${VERDICT_VALUE.inconclusive}`,
      `main/payment-kill-mid-saga/orders-terminal=${VERDICT_VALUE.pass}`,
      `main/psp-outage/checkout-latency-slo=${VERDICT_VALUE.pass}`,
      `main/psp-outage/sagas-complete-again=${VERDICT_VALUE.pass}`,
    ]);
    assert.deepEqual(
      await at(TREND_SERIES.margin, keys),
      [
        'main/payment-kill-mid-saga/orders-terminal=0.3',
        'main/psp-outage/checkout-latency-slo=0.03',
        'main/psp-outage/sagas-complete-again=0.4',
      ],
      'an inconclusive check shows no margin (not the night before, not 0)',
    );
    assert.deepEqual(await at(TREND_SERIES.score, ['branch']), [`main=${80 + NIGHTS - 1}`]);
    assert.deepEqual(await at(TREND_SERIES.duration, ['branch', 'experiment']), [
      'main/payment-kill-mid-saga=30',
      'main/psp-outage=30',
    ]);
  });

  it('fills the branch and experiment variables from the history', async () => {
    const range = `&start=${Date.parse(suites[0]!.startedAt) / 1000}&end=${queryAtMs / 1000}`;
    assert.deepEqual(
      await prometheus!.api<string[]>(`/api/v1/label/branch/values?match[]=${TREND_SERIES.score}${range}`),
      ['main'],
    );
    assert.deepEqual(
      await prometheus!.api<string[]>(
        `/api/v1/label/experiment/values?match[]=${TREND_SERIES.verdict}${range}`,
      ),
      ['payment-kill-mid-saga', 'psp-outage'],
    );
  });
});
