import type { Verdict } from '../../verdict.js';
import type { CheckRow, SuiteRow } from '../history-row.js';

/** One synthetic night of one check: a verdict per trial and a margin per trial. */
export interface SyntheticNight {
  verdicts: Verdict[];
  margins: (number | null)[];
}

const DAY_MS = 86_400_000;

/** The ISO start time of night `i` (0 = the first), 02:00 UTC from 2026-01-01. */
export function nightTime(i: number): string {
  return new Date(Date.UTC(2026, 0, 1, 2) + i * DAY_MS).toISOString();
}

/** Rows for a sequence of nights of one check (test and benchmark fixture). */
export function syntheticRows(
  nights: readonly SyntheticNight[],
  o: {
    experiment?: string;
    check?: string;
    branch?: string;
    expect?: 'pass' | 'fail';
    firstNight?: number;
  } = {},
): CheckRow[] {
  const experiment = o.experiment ?? 'psp-outage';
  const check = o.check ?? 'inject-latency';
  return nights.flatMap((night, i) =>
    night.verdicts.map((verdict, t): CheckRow => ({
      suiteId: `suite-${String((o.firstNight ?? 0) + i).padStart(4, '0')}`,
      startedAt: nightTime((o.firstNight ?? 0) + i),
      commit: `c${(o.firstNight ?? 0) + i}`,
      branch: o.branch ?? 'main',
      experiment,
      trial: t + 1,
      check,
      title: check,
      kind: 'threshold',
      verdict,
      observed: null,
      objective: null,
      margin: night.margins[t] ?? null,
      expect: o.expect ?? 'pass',
      runVerdict: verdict,
      durationS: 30,
      runDir: null,
    })),
  );
}

/** A passing night with every trial at `margin`. */
export const passing = (margin: number, trials = 2): SyntheticNight => ({
  verdicts: Array<Verdict>(trials).fill('pass'),
  margins: Array<number>(trials).fill(margin),
});

/** A failing night with every trial at `margin`. */
export const failing = (margin: number, trials = 2): SyntheticNight => ({
  verdicts: Array<Verdict>(trials).fill('fail'),
  margins: Array<number>(trials).fill(margin),
});

/** Splits rows into the earlier nights and the last one ("tonight"). */
export function splitTonight(rows: readonly CheckRow[]): { history: CheckRow[]; tonight: CheckRow[] } {
  const last = rows.reduce((m, r) => (r.startedAt > m ? r.startedAt : m), '');
  return {
    history: rows.filter((r) => r.startedAt !== last),
    tonight: rows.filter((r) => r.startedAt === last),
  };
}

/** One suite row per distinct suite of `rows`, on branch main, with `score(i)` for the i-th night. */
export function syntheticSuites(rows: readonly CheckRow[], score: (i: number) => number): SuiteRow[] {
  return [...new Set(rows.map((r) => r.suiteId))].sort().map((suiteId, i) => ({
    suiteId,
    startedAt: rows.find((r) => r.suiteId === suiteId)!.startedAt,
    commit: `c${i}`,
    branch: rows.find((r) => r.suiteId === suiteId)!.branch,
    machine: 'm',
    nodeVersion: 'v20',
    faultlineVersion: '0.1.0',
    selectionKey: 'k',
    trials: 2,
    score: score(i),
    suiteDir: null,
  }));
}
