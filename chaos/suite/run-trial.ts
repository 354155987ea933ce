import { describeError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import { runExperiment } from '../runner/run-experiment.js';
import type { RunExperimentOptions } from '../runner/run-options.js';
import type { SuiteEntry } from './suite-entry.js';
import type { TrialOutcome } from './run-suite.js';

/** What every trial of a suite shares: the runner's options except the experiment and folder. */
export type TrialSettings = Omit<RunExperimentOptions, 'file' | 'plan' | 'runsDir'>;

/**
 * Runs one trial through the runner (`runExperiment`), exactly as `faultline run` would; a
 * runner error (environment, input) becomes the trial's error instead of stopping the suite.
 */
export async function runTrial(
  entry: SuiteEntry,
  plan: ResolvedPlan,
  runsDir: string,
  settings: TrialSettings,
): Promise<TrialOutcome> {
  try {
    const run = await runExperiment({ ...settings, file: entry.file, plan, runsDir });
    return { journal: run.journal, dir: run.dir };
  } catch (err) {
    return { error: describeError(err), interrupted: settings.signal.aborted };
  }
}
