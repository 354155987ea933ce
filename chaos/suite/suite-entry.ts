import { basename, extname } from 'node:path';
import type { ResolvedPlan } from '../experiment/plan.js';

/** One experiment of a suite's catalog, as selection, sharding and reports see it. */
export interface SuiteEntry {
  /** The experiment file's base name without extension, e.g. `psp-outage`: its id in the history. */
  id: string;
  /** The file as given (relative to cwd). */
  file: string;
  title: string;
  tags: string[];
  /** Expected duration (ms), for shard balance. */
  weightMs: number;
  expect: ResolvedPlan['expect'];
}

/** The id of an experiment file: its base name without `.yaml`/`.yml`. */
export function experimentId(file: string): string {
  return basename(file, extname(file));
}

/** A suite entry from a validated, planned experiment file. */
export function suiteEntryOf(file: string, plan: ResolvedPlan): SuiteEntry {
  return {
    id: experimentId(file),
    file,
    title: plan.title,
    tags: [...plan.tags],
    weightMs: plan.weightMs,
    expect: plan.expect,
  };
}
