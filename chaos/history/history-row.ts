import type { Verdict } from '../verdict.js';

/**
 * One row of the history: one check of one trial of one experiment in one suite run. The
 * DuckDB table `check_results` holds exactly these columns (history-store.ts).
 */
export interface CheckRow {
  suiteId: string;
  /** When the suite run started (ISO 8601): its "night". */
  startedAt: string;
  commit: string;
  branch: string;
  /** The experiment file's base name, e.g. `psp-outage`. */
  experiment: string;
  /** 1-based. */
  trial: number;
  /** The check id as in the journal. */
  check: string;
  title: string;
  kind: string;
  verdict: Verdict;
  observed: number | null;
  objective: string | null;
  /** See margin.ts; null when the check has none. */
  margin: number | null;
  /** The experiment's `expect`: checks of `fail` (pattern-off) experiments are not judged for regressions. */
  expect: 'pass' | 'fail';
  /** The trial's run verdict and duration. */
  runVerdict: Verdict;
  durationS: number;
  /** The trial's run folder, relative to the suite folder, when kept. */
  runDir: string | null;
}

/** One row per suite run (table `suite_runs`). */
export interface SuiteRow {
  suiteId: string;
  startedAt: string;
  commit: string;
  branch: string;
  machine: string;
  nodeVersion: string;
  faultlineVersion: string;
  selectionKey: string;
  trials: number;
  /** Resilience score 0-100 (score.ts). */
  score: number;
  /** The suite folder's path when it was merged, for links from trend.html. */
  suiteDir: string | null;
}
