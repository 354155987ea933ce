import type { CheckRow } from './history-row.js';
import {
  checkNights,
  experimentNights,
  type CheckNight,
  type CheckOutcome,
  type ExperimentNight,
} from './night-summary.js';
import { BASELINE_NIGHTS, regressionBand, type RegressionBand } from './regression-band.js';
import { resilienceScore } from './score.js';

/**
 * What happened to a check tonight, most important first:
 * `flaky` (trials disagree; never a regression) · `new-failure` (failed, had not before) ·
 * `failing` (failed again) · `regressed` (margin under the band) · `fixed` (passes, failed
 * before) · `new` (no earlier night) · `removed` (ran before, not tonight) · `inconclusive` ·
 * `insufficient-history` (fewer than 5 passing nights) · `stable`.
 */
export const CHECK_STATUSES = [
  'flaky',
  'new-failure',
  'failing',
  'regressed',
  'fixed',
  'new',
  'removed',
  'inconclusive',
  'insufficient-history',
  'stable',
] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** One check's verdict tonight next to its history. */
export interface CheckAnalysis {
  experiment: string;
  check: string;
  title: string;
  status: CheckStatus;
  /** Tonight's margin under the band floor (also set on failing checks that regressed). */
  regressed: boolean;
  /** Undefined for a removed check. */
  tonight?: CheckNight;
  band?: RegressionBand;
  /** Tonight's margin minus the baseline median. */
  delta?: number;
  /** The margins of the last 14 nights on the branch, tonight last (null: no margin that night). */
  sparkline: (number | null)[];
}

export interface SuiteAnalysis {
  branch: string;
  checks: CheckAnalysis[];
  experiments: ExperimentNight[];
  /** 0-100 (score.ts). */
  score: number;
}

const byTime = (a: { startedAt: string }, b: { startedAt: string }): number =>
  a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;

/**
 * Judges tonight's rows against the earlier nights of the same branch. Pure.
 * @param history every earlier row (any branch; rows of tonight's suite id are ignored)
 */
export function analyzeSuite(history: readonly CheckRow[], tonight: readonly CheckRow[]): SuiteAnalysis {
  const first = tonight[0];
  const branch = first?.branch ?? '';
  const ids = new Set(tonight.map((r) => r.suiteId));
  const past = checkNights(history.filter((r) => r.branch === branch && !ids.has(r.suiteId))).sort(byTime);
  const nightsOf = new Map<string, CheckNight[]>();
  for (const n of past) {
    const k = `${n.experiment}\u0000${n.check}`;
    const list = nightsOf.get(k);
    if (list === undefined) nightsOf.set(k, [n]);
    else list.push(n);
  }
  const now = checkNights(tonight);
  const checks = now.map((t) => judgeCheck(t, nightsOf.get(`${t.experiment}\u0000${t.check}`) ?? []));
  const ranTonight = new Set(now.map((n) => n.experiment));
  const seen = new Set(now.map((n) => `${n.experiment}\u0000${n.check}`));
  checks.push(...removedChecks(past, ranTonight, seen));
  const experiments = experimentNights(tonight);
  return { branch, checks: sortChecks(checks), experiments, score: resilienceScore(now, experiments) };
}

function judgeCheck(t: CheckNight, earlier: readonly CheckNight[]): CheckAnalysis {
  const passingMargins = earlier
    .filter((n) => n.outcome === 'pass' && n.margin !== null)
    .map((n) => n.margin as number);
  const band = regressionBand(passingMargins);
  const judged = t.expect === 'pass' && t.outcome !== 'flaky' && t.outcome !== 'inconclusive';
  const regressed = judged && band !== undefined && t.margin !== null && t.margin < band.floor;
  const lastJudged = earlier.findLast((n) => n.outcome === 'pass' || n.outcome === 'fail');
  const sparkline = [...earlier.slice(-(BASELINE_NIGHTS - 1)), t].map((n) => n.margin);
  return {
    experiment: t.experiment,
    check: t.check,
    title: t.title,
    status: statusOf(t.outcome, earlier.length === 0, lastJudged?.outcome, regressed, band !== undefined),
    regressed,
    tonight: t,
    ...(band === undefined ? {} : { band }),
    ...(band === undefined || t.margin === null ? {} : { delta: t.margin - band.median }),
    sparkline,
  };
}

function statusOf(
  outcome: CheckOutcome,
  isNew: boolean,
  before: CheckOutcome | undefined,
  regressed: boolean,
  hasBand: boolean,
): CheckStatus {
  if (outcome === 'flaky') return 'flaky';
  if (outcome === 'fail') return before === 'fail' ? 'failing' : isNew ? 'new' : 'new-failure';
  if (regressed) return 'regressed';
  if (outcome === 'pass' && before === 'fail') return 'fixed';
  if (isNew) return 'new';
  if (outcome === 'inconclusive') return 'inconclusive';
  return hasBand ? 'stable' : 'insufficient-history';
}

/** Checks of an experiment that ran tonight, seen on its last earlier night but not tonight. */
function removedChecks(
  past: readonly CheckNight[],
  ranTonight: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): CheckAnalysis[] {
  const lastSuite = new Map<string, string>();
  for (const n of past) if (ranTonight.has(n.experiment)) lastSuite.set(n.experiment, n.suiteId);
  return past
    .filter((n) => lastSuite.get(n.experiment) === n.suiteId && !seen.has(`${n.experiment}\u0000${n.check}`))
    .map((n) => ({
      experiment: n.experiment,
      check: n.check,
      title: n.title,
      status: 'removed' as const,
      regressed: false,
      sparkline: [],
    }));
}

function sortChecks(checks: CheckAnalysis[]): CheckAnalysis[] {
  const rank = (s: CheckStatus): number => CHECK_STATUSES.indexOf(s);
  return checks.sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      a.experiment.localeCompare(b.experiment) ||
      a.check.localeCompare(b.check),
  );
}
