import type { CheckRow, SuiteRow } from './history-row.js';
import { checkNights, experimentNights, type CheckOutcome } from './night-summary.js';

/**
 * The series `faultline suite export --openmetrics` writes: gauges, one timestamped sample per
 * night, labelled `branch` (and `experiment`, `check` where they apply). The "Resilience trend"
 * dashboard queries these names; this is their one definition.
 */
export const TREND_SERIES = {
  /** Signed, normalized distance from failing: > 0 passed with room, 0 on the line, < 0 failed. */
  margin: 'faultline_check_margin',
  /** 1 pass, 0 fail, 0.5 flaky (its trials disagree), -1 inconclusive. */
  verdict: 'faultline_check_verdict',
  /** Resilience score of the night, 0 to 100. */
  score: 'faultline_suite_score',
  /** Mean duration of one trial of an experiment, in seconds. */
  duration: 'faultline_experiment_duration_seconds',
} as const;

/** `faultline_check_verdict` values. */
export const VERDICT_VALUE: Record<CheckOutcome, number> = { pass: 1, fail: 0, flaky: 0.5, inconclusive: -1 };

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>): string =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',')}}`;
const seconds = (iso: string): string => (Date.parse(iso) / 1000).toFixed(3);

interface Sample {
  series: string;
  t: string;
  value: number;
}

function family(name: string, help: string, samples: Sample[], unit?: string): string[] {
  const bySeries = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = bySeries.get(s.series);
    if (list === undefined) bySeries.set(s.series, [s]);
    else list.push(s);
  }
  const lines = [
    `# TYPE ${name} gauge`,
    ...(unit ? [`# UNIT ${name} ${unit}`] : []),
    `# HELP ${name} ${help}`,
  ];
  for (const series of [...bySeries.keys()].sort())
    for (const s of bySeries.get(series)!.sort((a, b) => Number(a.t) - Number(b.t)))
      lines.push(`${name}${series} ${s.value} ${s.t}`);
  return lines;
}

/**
 * The history as OpenMetrics text, one timestamped sample per night (the suite's start):
 * `faultline_check_margin` and `faultline_check_verdict` {experiment, check, branch},
 * `faultline_suite_score` {branch} and `faultline_experiment_duration_seconds` {experiment, branch}.
 * Trials are folded as in the analysis (worst margin; flaky when they disagree). Checks without
 * a margin have no margin sample. Ends with `# EOF`. Pure.
 */
export function renderOpenMetrics(suites: readonly SuiteRow[], rows: readonly CheckRow[]): string {
  const checks = checkNights(rows);
  const experiments = experimentNights(rows);
  const branchOf = new Map(suites.map((s) => [s.suiteId, s.branch]));
  const checkLabels = (c: (typeof checks)[number]): string =>
    labels({ experiment: c.experiment, check: c.check, branch: c.branch });
  const lines = [
    ...family(
      TREND_SERIES.margin,
      'Signed normalized distance of a check from failing (docs/nightly.md).',
      checks.flatMap((c) =>
        c.margin === null ? [] : [{ series: checkLabels(c), t: seconds(c.startedAt), value: c.margin }],
      ),
    ),
    ...family(
      TREND_SERIES.verdict,
      'Verdict of a check over its trials: 1 pass, 0 fail, 0.5 flaky, -1 inconclusive.',
      checks.map((c) => ({
        series: checkLabels(c),
        t: seconds(c.startedAt),
        value: VERDICT_VALUE[c.outcome],
      })),
    ),
    ...family(
      TREND_SERIES.score,
      'Resilience score of a suite run, 0-100.',
      suites.map((s) => ({ series: labels({ branch: s.branch }), t: seconds(s.startedAt), value: s.score })),
    ),
    ...family(
      TREND_SERIES.duration,
      'Mean duration of one trial of an experiment.',
      experiments.map((e) => ({
        series: labels({ experiment: e.experiment, branch: branchOf.get(e.suiteId) ?? '' }),
        t: seconds(e.startedAt),
        value: e.durationS,
      })),
      'seconds',
    ),
    '# EOF',
  ];
  return `${lines.join('\n')}\n`;
}
