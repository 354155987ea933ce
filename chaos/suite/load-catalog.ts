import {
  expandExperimentPaths,
  loadExperimentFile,
  readKnownLinks,
} from '../experiment/load-experiment-file.js';
import { planExperiment, type ResolvedPlan } from '../experiment/plan.js';
import { formatProblem } from '../experiment/problem.js';
import { FaultlineError } from '../errors.js';
import { suiteEntryOf, type SuiteEntry } from './suite-entry.js';

/** A validated catalog: an entry and a plan per experiment file. */
export interface Catalog {
  entries: SuiteEntry[];
  plans: Map<string, ResolvedPlan>;
}

/**
 * Loads and validates every experiment under `paths` (default `experiments/`).
 * @throws FaultlineError `ERR_INPUT_SUITE_EXPERIMENT` listing every problem of every invalid file
 */
export async function loadCatalog(
  paths: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Catalog> {
  const knownLinks = await readKnownLinks(cwd, env);
  const files = await expandExperimentPaths(paths.length === 0 ? ['experiments'] : paths, cwd);
  const entries: SuiteEntry[] = [];
  const plans = new Map<string, ResolvedPlan>();
  const problems: string[] = [];
  for (const path of files) {
    const { file, result } = await loadExperimentFile(path, cwd, knownLinks);
    if (!result.ok) {
      problems.push(...result.problems.map(formatProblem));
      continue;
    }
    const plan = planExperiment(result.experiment);
    const entry = suiteEntryOf(file, plan);
    entries.push(entry);
    plans.set(entry.file, plan);
  }
  if (problems.length > 0) throw new FaultlineError('ERR_INPUT_SUITE_EXPERIMENT', problems.join('\n'));
  return { entries, plans };
}
