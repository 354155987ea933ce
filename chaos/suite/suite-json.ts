import type { ExitName } from '../exit-codes.js';
import type { SuiteAnalysis } from '../history/analyze-suite.js';
import type { CheckRow } from '../history/history-row.js';
import type { RunStatus } from '../report/journal.js';
import type { Verdict } from '../verdict.js';
import type { ShardSpec } from './shard.js';
import type { SuiteEntry } from './suite-entry.js';

/** Bumped on any incompatible change of suite.json; readers refuse versions they do not know. */
export const SUITE_SCHEMA_VERSION = 1;

/** One trial of one experiment. `dir` is relative to the folder holding this suite.json. */
export interface SuiteRun {
  experiment: string;
  trial: number;
  runId: string | null;
  dir: string | null;
  verdict: Verdict;
  exit: ExitName;
  status: RunStatus | 'error';
  startedAt: string;
  endedAt: string;
  /** Why the trial could not run (environment or input problem); its checks are then absent. */
  error?: string;
}

/** Where a suite runs: the commit, branch and machine (suite-context.ts). */
export interface SuiteOrigin {
  commit: string;
  branch: string;
  machine: string;
  nodeVersion: string;
  faultlineVersion: string;
}

/**
 * The content of `suite.json`: a shard's output (`shard` set, no `analysis`), or a merged (or
 * unsharded) suite with its analysis against the history and its exit code. JSON Schema:
 * `chaos/suite/suite.schema.json`.
 */
export interface SuiteJson extends SuiteOrigin {
  schemaVersion: typeof SUITE_SCHEMA_VERSION;
  suiteId: string;
  startedAt: string;
  endedAt: string;
  selection: { key: string; tags: string[]; excludeTags: string[]; experiments: SuiteEntry[] };
  trials: number;
  /** The shard this output is, or null for a merged or unsharded suite. */
  shard: ShardSpec | null;
  /** The shard outputs a merged suite was made of (their folders, relative to this one). */
  mergedFrom: { index: number; count: number; suiteId: string; dir: string }[];
  runs: SuiteRun[];
  /** History rows of every trial (suite id and start time are the merged suite's after a merge). */
  rows: CheckRow[];
  analysis?: SuiteAnalysis;
  failOn?: string[];
  exit?: ExitName;
  /** The history file the analysis read and appended to, if any. */
  history?: string | null;
}
