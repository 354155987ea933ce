import { TREND_SERIES, VERDICT_VALUE } from '../../chaos/history/openmetrics.js';
import type { DashboardSpec } from '../model.js';

/**
 * Nightly samples are a day apart, past Prometheus' 5-minute lookback: every panel holds each
 * night's value until the next night (an hour more, for a late run; a night with no run shows as a
 * gap) with last_over_time.
 */
const HOLD = '25h';
const held = (series: string, selector: string): string => `last_over_time(${series}${selector}[${HOLD}])`;
const byBranch = '{branch=~"$branch"}';
const byCheck = '{branch=~"$branch", experiment=~"$experiment"}';

/** Night-over-night resilience from the nightly suite's history (backfilled OpenMetrics). */
export const resilienceTrend: DashboardSpec = {
  uid: 'faultline-resilience-trend',
  title: 'Faultline / Resilience trend',
  question:
    'Is resilience getting worse night over night: which check, by how much margin, since which night?',
  tags: ['faultline', 'nightly'],
  series: 'nightly-history',
  time: { from: 'now-30d', to: 'now' },
  refresh: '1h',
  variables: [
    { name: 'branch', label: 'Branch', query: `label_values(${TREND_SERIES.score}, branch)` },
    {
      name: 'experiment',
      label: 'Experiment',
      query: `label_values(${TREND_SERIES.verdict}{branch=~"$branch"}, experiment)`,
    },
  ],
  rows: [
    {
      title: 'Score',
      panels: [
        {
          title: 'Resilience score (last night)',
          description:
            'Weighted share of passing checks, adjusted by margin, 0 to 100 (docs/nightly.md has the formula).',
          kind: 'stat',
          unit: 'none',
          width: 6,
          queries: [{ expr: held(TREND_SERIES.score, byBranch), legend: '{{branch}}' }],
        },
        {
          title: 'Resilience score over nights',
          description: 'The nightly score per branch; a step down is a night that lost resilience.',
          kind: 'timeseries',
          unit: 'none',
          width: 18,
          queries: [{ expr: held(TREND_SERIES.score, byBranch), legend: '{{branch}}' }],
        },
      ],
    },
    {
      title: 'Checks',
      panels: [
        {
          title: 'Verdict per check',
          description:
            'Each check of each experiment, night by night: pass, fail, flaky (its trials disagreed) or inconclusive.',
          kind: 'state-timeline',
          width: 24,
          states: [
            { value: VERDICT_VALUE.pass, text: 'pass', color: 'green' },
            { value: VERDICT_VALUE.flaky, text: 'flaky', color: 'orange' },
            { value: VERDICT_VALUE.fail, text: 'fail', color: 'red' },
            { value: VERDICT_VALUE.inconclusive, text: 'inconclusive', color: 'gray' },
          ],
          queries: [{ expr: held(TREND_SERIES.verdict, byCheck), legend: '{{experiment}} / {{check}}' }],
        },
        {
          title: 'SLO margin per check',
          description:
            'Signed distance from failing, normalized by the objective: above the dashed 0 line it passed with room to spare, under it it failed. A fall while still above 0 is the regression a pass/fail view misses.',
          kind: 'timeseries',
          unit: 'percentunit',
          width: 24,
          lineAt: 0,
          queries: [{ expr: held(TREND_SERIES.margin, byCheck), legend: '{{experiment}} / {{check}}' }],
        },
      ],
    },
    {
      title: 'Cost',
      panels: [
        {
          title: 'Experiment duration',
          description: 'Wall time of each experiment per night, all trials; what shard balancing works from.',
          kind: 'timeseries',
          unit: 's',
          width: 24,
          queries: [
            {
              expr: held(TREND_SERIES.duration, '{branch=~"$branch", experiment=~"$experiment"}'),
              legend: '{{experiment}}',
            },
          ],
        },
      ],
    },
  ],
};
