import type { ExitName } from '../exit-codes.js';
import { combineVerdicts, type CheckResult, type Verdict } from '../verdict.js';
import type { RunStatus } from './journal.js';

/** The verdict and exit code name of a run, as written into its journal. */
export interface RunOutcome {
  verdict: Verdict;
  exit: ExitName;
}

/**
 * Folds a run's check results into its verdict and exit code. Pure.
 * - any failed check other than the evidence check fails the run;
 * - otherwise a run whose evidence check did not pass is inconclusive: without proof that the
 *   fault took effect, passing assertions prove nothing;
 * - otherwise the checks combine (`combineVerdicts`): no checks at all is inconclusive.
 * An interrupted or guard-aborted run exits with that status whatever the checks say; a run that
 * stopped on an error (its load engine failed) is inconclusive and exits "environment".
 */
export function runOutcome(checks: readonly CheckResult[], status: RunStatus): RunOutcome {
  const others = checks.filter((c) => c.kind !== 'evidence');
  const evidence = checks.filter((c) => c.kind === 'evidence');
  let verdict: Verdict;
  if (others.some((c) => c.verdict === 'fail')) verdict = 'fail';
  else if (evidence.length === 0 || evidence.some((c) => c.verdict !== 'pass')) verdict = 'inconclusive';
  else verdict = combineVerdicts(checks.map((c) => c.verdict));
  if (status === 'interrupted') return { verdict, exit: 'interrupted' };
  if (status === 'error') return { verdict: 'inconclusive', exit: 'environment' };
  if (status === 'aborted') return { verdict, exit: 'aborted' };
  return { verdict, exit: verdict };
}
