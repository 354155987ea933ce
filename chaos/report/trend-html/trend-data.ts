import type { SuiteAnalysis } from '../../history/analyze-suite.js';
import type { CheckRow, SuiteRow } from '../../history/history-row.js';
import { checkNights, experimentNights, type CheckOutcome } from '../../history/night-summary.js';

/** Nights shown in the grid and the margin charts (the score chart shows all). */
export const TREND_NIGHTS = 90;

export interface TrendNight {
  suiteId: string;
  startedAt: string;
  commit: string;
  score: number;
}

export interface TrendCheck {
  experiment: string;
  check: string;
  status: string;
  regressed: boolean;
  /** One margin per shown night (null: not run or no margin). */
  margins: (number | null)[];
  band?: { median: number; floor: number; ceiling: number };
}

/** Everything trend.html draws; built from the history rows of one branch. Pure data. */
export interface TrendData {
  branch: string;
  generatedFor: string;
  /** Every night (score chart). */
  allNights: TrendNight[];
  /** The last TREND_NIGHTS nights (grid and margin charts). */
  nights: TrendNight[];
  experiments: string[];
  /** grid[experiment][night]: the outcome, or null when it did not run. */
  grid: Record<string, (CheckOutcome | null)[]>;
  /** links[experiment][night]: a report.html path relative to trend.html, when the folder is kept. */
  links: Record<string, (string | null)[]>;
  checks: TrendCheck[];
}

/**
 * Builds the trend of a branch: suites and rows of every night (tonight included), tonight's
 * analysis for the bands, and `linkOf`, which says where a run folder's report.html is relative
 * to trend.html (undefined when the folder is not kept). Pure.
 */
export function buildTrendData(
  suites: readonly SuiteRow[],
  rows: readonly CheckRow[],
  analysis: SuiteAnalysis,
  suiteId: string,
  linkOf: (runDir: string) => string | undefined,
): TrendData {
  const branch = analysis.branch;
  const allNights = suites
    .filter((s) => s.branch === branch)
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1))
    .map((s) => ({ suiteId: s.suiteId, startedAt: s.startedAt, commit: s.commit, score: s.score }));
  const nights = allNights.slice(-TREND_NIGHTS);
  const index = new Map(nights.map((n, i) => [n.suiteId, i]));
  const shown = rows.filter((r) => r.branch === branch && index.has(r.suiteId));
  const experiments = [...new Set(shown.map((r) => r.experiment))].sort();
  const grid: TrendData['grid'] = {};
  const links: TrendData['links'] = {};
  for (const e of experiments) {
    grid[e] = nights.map(() => null);
    links[e] = nights.map(() => null);
  }
  for (const en of experimentNights(shown)) {
    const i = index.get(en.suiteId)!;
    grid[en.experiment]![i] = en.outcome;
    const dir = en.runDirs[0];
    links[en.experiment]![i] = dir === undefined ? null : (linkOf(dir) ?? null);
  }
  const series = new Map<string, (number | null)[]>();
  for (const cn of checkNights(shown)) {
    const k = `${cn.experiment}\u0000${cn.check}`;
    const list = series.get(k) ?? nights.map(() => null);
    list[index.get(cn.suiteId)!] = cn.margin;
    series.set(k, list);
  }
  const checks: TrendCheck[] = [...series.entries()].map(([k, margins]) => {
    const [experiment, check] = k.split('\u0000') as [string, string];
    const a = analysis.checks.find((c) => c.experiment === experiment && c.check === check);
    const b = a?.band;
    return {
      experiment,
      check,
      status: a?.status ?? 'not run tonight',
      regressed: a?.regressed ?? false,
      margins,
      ...(b ? { band: { median: b.median, floor: b.floor, ceiling: b.median + (b.median - b.floor) } } : {}),
    };
  });
  checks.sort(
    (x, y) =>
      Number(y.regressed) - Number(x.regressed) ||
      x.experiment.localeCompare(y.experiment) ||
      x.check.localeCompare(y.check),
  );
  return { branch, generatedFor: suiteId, allNights, nights, experiments, grid, links, checks };
}
