/**
 * The history file's schema, as a list of forward migrations. Version N is reached by running
 * migrations 1..N in order; `faultline_meta.schema_version` records where a file is. A file at a
 * higher version than `HISTORY_SCHEMA_VERSION` was written by a newer Faultline and is refused.
 *
 *   v1  suite_runs, check_results (the row of history-row.ts without run folders)
 *   v2  + suite_runs.suite_dir, check_results.run_dir (links from trend.html to each night's report)
 */
export const HISTORY_MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE faultline_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
    `CREATE TABLE suite_runs (
      suite_id VARCHAR PRIMARY KEY, started_at VARCHAR NOT NULL, commit VARCHAR NOT NULL,
      branch VARCHAR NOT NULL, machine VARCHAR NOT NULL, node_version VARCHAR NOT NULL,
      faultline_version VARCHAR NOT NULL, selection_key VARCHAR NOT NULL, trials INTEGER NOT NULL,
      score DOUBLE NOT NULL)`,
    `CREATE TABLE check_results (
      suite_id VARCHAR NOT NULL, started_at VARCHAR NOT NULL, commit VARCHAR NOT NULL,
      branch VARCHAR NOT NULL, experiment VARCHAR NOT NULL, trial INTEGER NOT NULL,
      check_id VARCHAR NOT NULL, title VARCHAR NOT NULL, kind VARCHAR NOT NULL,
      verdict VARCHAR NOT NULL, observed DOUBLE, objective VARCHAR, margin DOUBLE,
      expect VARCHAR NOT NULL, run_verdict VARCHAR NOT NULL, duration_s DOUBLE NOT NULL)`,
  ],
  [
    `ALTER TABLE suite_runs ADD COLUMN suite_dir VARCHAR`,
    `ALTER TABLE check_results ADD COLUMN run_dir VARCHAR`,
    `CREATE INDEX check_results_branch ON check_results (branch, experiment, check_id)`,
  ],
];

/** The schema version this Faultline writes. */
export const HISTORY_SCHEMA_VERSION = HISTORY_MIGRATIONS.length;

/** Column lists of the current schema, in insert order (names as in history-row.ts). */
export const SUITE_SQL_COLUMNS = [
  'suite_id',
  'started_at',
  'commit',
  'branch',
  'machine',
  'node_version',
  'faultline_version',
  'selection_key',
  'trials',
  'score',
  'suite_dir',
] as const;

export const CHECK_SQL_COLUMNS = [
  'suite_id',
  'started_at',
  'commit',
  'branch',
  'experiment',
  'trial',
  'check_id',
  'title',
  'kind',
  'verdict',
  'observed',
  'objective',
  'margin',
  'expect',
  'run_verdict',
  'duration_s',
  'run_dir',
] as const;
