import type { Verdict } from '../verdict.js';
import type { CheckRow } from './history-row.js';

/** A check's outcome over a night's trials: `flaky` when the trials disagree. */
export type CheckOutcome = Verdict | 'flaky';
export const CHECK_OUTCOMES = ['pass', 'fail', 'inconclusive', 'flaky'] as const;

/** One check in one suite run, its trials folded together. */
export interface CheckNight {
  suiteId: string;
  startedAt: string;
  commit: string;
  branch: string;
  experiment: string;
  check: string;
  title: string;
  /** The check's kind (`evidence` failures make a run inconclusive, not failed). */
  kind: string;
  outcome: CheckOutcome;
  /** The worst (lowest) margin of its trials; null when no trial has one. */
  margin: number | null;
  trials: number;
  passedTrials: number;
  expect: 'pass' | 'fail';
}

/** One experiment in one suite run: its outcome judged against `expect`, over all trials. */
export interface ExperimentNight {
  suiteId: string;
  startedAt: string;
  experiment: string;
  expect: 'pass' | 'fail';
  outcome: CheckOutcome;
  /** Each trial's run verdict, in trial order. */
  trialVerdicts: Verdict[];
  /** Mean duration of a trial (s). */
  durationS: number;
  runDirs: string[];
}

/** Same verdict in every trial → that verdict; otherwise flaky. */
export function foldTrials(verdicts: readonly Verdict[]): CheckOutcome {
  const first = verdicts[0];
  if (first === undefined) return 'inconclusive';
  return verdicts.every((v) => v === first) ? first : 'flaky';
}

const key = (...parts: string[]): string => parts.join('\u0000');

function groupBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/** Folds rows into one `CheckNight` per (suite run, experiment, check). Pure. */
export function checkNights(rows: readonly CheckRow[]): CheckNight[] {
  return [...groupBy(rows, (r) => key(r.suiteId, r.experiment, r.check)).values()].map((trials) => {
    const first = trials[0]!;
    const margins = trials.map((t) => t.margin).filter((m): m is number => m !== null);
    return {
      suiteId: first.suiteId,
      startedAt: first.startedAt,
      commit: first.commit,
      branch: first.branch,
      experiment: first.experiment,
      check: first.check,
      title: first.title,
      kind: first.kind,
      outcome: foldTrials([...trials].sort((a, b) => a.trial - b.trial).map((t) => t.verdict)),
      margin: margins.length === 0 ? null : Math.min(...margins),
      trials: trials.length,
      passedTrials: trials.filter((t) => t.verdict === 'pass').length,
      expect: first.expect,
    };
  });
}

/** A trial's run verdict against its experiment's `expect`: a pattern-off run that fails passes. */
export function asExpected(verdict: Verdict, expect: 'pass' | 'fail'): Verdict {
  if (expect === 'pass' || verdict === 'inconclusive') return verdict;
  return verdict === 'fail' ? 'pass' : 'fail';
}

/** Folds rows into one `ExperimentNight` per (suite run, experiment). Pure. */
export function experimentNights(rows: readonly CheckRow[]): ExperimentNight[] {
  return [...groupBy(rows, (r) => key(r.suiteId, r.experiment)).values()].map((list) => {
    const byTrial = [...groupBy(list, (r) => String(r.trial)).values()]
      .map((t) => t[0]!)
      .sort((a, b) => a.trial - b.trial);
    const first = byTrial[0]!;
    return {
      suiteId: first.suiteId,
      startedAt: first.startedAt,
      experiment: first.experiment,
      expect: first.expect,
      outcome: foldTrials(byTrial.map((t) => asExpected(t.runVerdict, t.expect))),
      trialVerdicts: byTrial.map((t) => t.runVerdict),
      durationS: byTrial.reduce((s, t) => s + t.durationS, 0) / byTrial.length,
      runDirs: byTrial.flatMap((t) => (t.runDir === null ? [] : [t.runDir])),
    };
  });
}
