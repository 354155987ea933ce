/**
 * A small nightly history as `faultline suite export --openmetrics` writes it (the contract of
 * issue 17: gauges, one timestamped sample per night), for checking the "Resilience trend"
 * dashboard against a real Prometheus before the real exporter exists. Pure and deterministic.
 * `trend-queries.int.test.ts` takes its OpenMetrics from `trendFixture`; point that function at the
 * real exporter (a seeded history, exported) to check the dashboard against it instead.
 */
import { TREND_SERIES, VERDICT_VALUES } from './definitions/resilience-trend.js';

const DAY_MS = 86_400_000;

type Verdict = keyof typeof VERDICT_VALUES;

/** One check's result on one night; inconclusive results carry no margin. */
export interface CheckNight {
  branch: string;
  experiment: string;
  check: string;
  verdict: Verdict;
  margin?: number;
}

/** The history as OpenMetrics, and what its last night holds (what the dashboard must show then). */
export interface TrendHistory {
  openMetrics: string;
  /** Timestamp of each night's samples, oldest first (ms). */
  nightsMs: number[];
  lastNight: {
    checks: CheckNight[];
    scores: { branch: string; score: number }[];
    durations: { branch: string; experiment: string; seconds: number }[];
  };
}

const EXPERIMENTS: Readonly<Record<string, readonly string[]>> = {
  'psp-outage': ['checkout-latency-slo', 'sagas-complete-again'],
  'payment-kill-mid-saga': ['orders-terminal', 'no-double-capture'],
};

/**
 * One night of the fixture: margins drift a little, `checkout-latency-slo` regresses on the last
 * night (still passing, by 3 %), `sagas-complete-again` fails one night, `no-double-capture` is
 * flaky one night and inconclusive (no margin) on the last.
 */
function night(i: number, nights: number, branch: string): CheckNight[] {
  const last = i === nights - 1;
  const out: CheckNight[] = [];
  for (const [experiment, checks] of Object.entries(EXPERIMENTS))
    for (const check of checks) {
      let margin: number | undefined = 0.6 - 0.1 * (checks.indexOf(check) + 1) + 0.01 * (i % 3);
      let verdict: Verdict = 'pass';
      if (check === 'checkout-latency-slo' && last) margin = 0.03;
      if (check === 'sagas-complete-again' && i === 2) [margin, verdict] = [-0.25, 'fail'];
      if (check === 'no-double-capture' && i === 1) verdict = 'flaky';
      if (check === 'no-double-capture' && last) [margin, verdict] = [undefined, 'inconclusive'];
      out.push({ branch, experiment, check, verdict, ...(margin === undefined ? {} : { margin }) });
    }
  return out;
}

/** 0–100: share of passing checks; a stand-in for the real formula (docs/nightly.md). */
const score = (checks: readonly CheckNight[]): number =>
  Math.round((100 * checks.filter((c) => c.verdict === 'pass').length) / checks.length);

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>): string =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(',')}}`;

/** Renders samples as OpenMetrics: one gauge family each, series contiguous, samples in time order. */
function render(
  families: {
    name: string;
    help: string;
    samples: { l: Record<string, string>; v: number; tMs: number }[];
  }[],
): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`);
    const bySeries = new Map<string, string[]>();
    for (const s of [...f.samples].sort((a, b) => a.tMs - b.tMs)) {
      const key = labels(s.l);
      bySeries.set(key, [...(bySeries.get(key) ?? []), `${f.name}${key} ${s.v} ${s.tMs / 1000}`]);
    }
    for (const series of bySeries.values()) lines.push(...series);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** `nights` nights (default 6) on `branch`, the last at `lastNightMs`, 2 experiments × 2 checks. */
export function trendFixture(lastNightMs: number, nights = 6, branch = 'main'): TrendHistory {
  const nightsMs = Array.from({ length: nights }, (_, i) => lastNightMs - (nights - 1 - i) * DAY_MS);
  const all = nightsMs.map((tMs, i) => ({ tMs, checks: night(i, nights, branch) }));
  const durationOf = (experiment: string, i: number): number =>
    (experiment === 'psp-outage' ? 95 : 140) + (i % 4) * 3;
  const experiments = Object.keys(EXPERIMENTS);
  const openMetrics = render([
    {
      name: TREND_SERIES.margin,
      help: 'Signed, normalized SLO margin of a check (positive: passed with room).',
      samples: all.flatMap(({ tMs, checks }) =>
        checks.flatMap((c) =>
          c.margin === undefined
            ? []
            : [{ l: { experiment: c.experiment, check: c.check, branch }, v: c.margin, tMs }],
        ),
      ),
    },
    {
      name: TREND_SERIES.verdict,
      help: 'Verdict of a check: 1 pass, 0 fail, 0.5 flaky, -1 inconclusive.',
      samples: all.flatMap(({ tMs, checks }) =>
        checks.map((c) => ({
          l: { experiment: c.experiment, check: c.check, branch },
          v: VERDICT_VALUES[c.verdict],
          tMs,
        })),
      ),
    },
    {
      name: TREND_SERIES.score,
      help: 'Resilience score of the night, 0 to 100.',
      samples: all.map(({ tMs, checks }) => ({ l: { branch }, v: score(checks), tMs })),
    },
    {
      name: TREND_SERIES.duration,
      help: 'Wall time of an experiment, all trials.',
      samples: all.flatMap(({ tMs }, i) =>
        experiments.map((experiment) => ({ l: { experiment, branch }, v: durationOf(experiment, i), tMs })),
      ),
    },
  ]);
  const lastChecks = all.at(-1)?.checks ?? [];
  return {
    openMetrics,
    nightsMs,
    lastNight: {
      checks: lastChecks,
      scores: [{ branch, score: score(lastChecks) }],
      durations: experiments.map((experiment) => ({
        branch,
        experiment,
        seconds: durationOf(experiment, nights - 1),
      })),
    },
  };
}
