import { FaultlineError } from '../errors.js';
import type { ExitName } from '../exit-codes.js';
import type { SuiteAnalysis } from '../history/analyze-suite.js';
import type { SuiteRun } from './suite-json.js';

/** What `--fail-on` can make a suite fail on. */
export const FAIL_ON = ['fail', 'regression', 'flaky', 'inconclusive'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const DEFAULT_FAIL_ON: readonly FailOn[] = ['fail', 'regression'];

/**
 * Parses `--fail-on fail,regression`.
 * @throws FaultlineError `ERR_INPUT_SUITE_FAIL_ON` for an unknown or empty entry
 */
export function parseFailOn(text: string): FailOn[] {
  const items = text.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !(FAIL_ON as readonly string[]).includes(s));
  if (bad.length > 0 || items.length === 0)
    throw new FaultlineError(
      'ERR_INPUT_SUITE_FAIL_ON',
      `--fail-on ${text}: unknown ${bad.map((b) => `\`${b}\``).join(', ')} (choose from ${FAIL_ON.join(', ')})`,
    );
  return [...new Set(items as FailOn[])];
}

/** Which `--fail-on` conditions tonight's suite meets. */
export function failReasons(analysis: SuiteAnalysis): Record<FailOn, string[]> {
  const name = (e: string, c: string): string => `${e} ${c}`;
  const judged = analysis.checks.filter((c) => c.tonight !== undefined && c.tonight.expect === 'pass');
  return {
    fail: [
      ...analysis.experiments.filter((e) => e.outcome === 'fail').map((e) => e.experiment),
      ...judged
        .filter((c) => c.tonight?.outcome === 'fail' && c.tonight.kind !== 'evidence')
        .map((c) => name(c.experiment, c.check)),
    ],
    regression: analysis.checks.filter((c) => c.regressed).map((c) => name(c.experiment, c.check)),
    flaky: [
      ...analysis.experiments.filter((e) => e.outcome === 'flaky').map((e) => e.experiment),
      ...analysis.checks.filter((c) => c.status === 'flaky').map((c) => name(c.experiment, c.check)),
    ],
    inconclusive: [
      ...analysis.experiments.filter((e) => e.outcome === 'inconclusive').map((e) => e.experiment),
      ...judged.filter((c) => c.tonight?.outcome === 'inconclusive').map((c) => name(c.experiment, c.check)),
    ],
  };
}

/**
 * The suite's exit: interrupted and environment problems of any trial first, then, of the
 * conditions named by `--fail-on`, fail (also for flaky) before regressed before inconclusive.
 */
export function suiteExit(
  analysis: SuiteAnalysis,
  runs: readonly SuiteRun[],
  failOn: readonly FailOn[],
): ExitName {
  if (runs.some((r) => r.exit === 'interrupted')) return 'interrupted';
  if (runs.some((r) => r.status === 'error')) return 'environment';
  const hit = failReasons(analysis);
  const on = (f: FailOn): boolean => failOn.includes(f) && hit[f].length > 0;
  if (on('fail') || on('flaky')) return 'fail';
  if (on('regression')) return 'regressed';
  if (on('inconclusive')) return 'inconclusive';
  return 'pass';
}
