import type { DuckDBValue } from '@duckdb/node-api';
import type { CheckRow, SuiteRow } from './history-row.js';

/** Row <-> SQL value mapping of the history tables, in the column order of history-schema.ts. */
export function suiteValues(s: SuiteRow): DuckDBValue[] {
  return [
    s.suiteId,
    s.startedAt,
    s.commit,
    s.branch,
    s.machine,
    s.nodeVersion,
    s.faultlineVersion,
    s.selectionKey,
    s.trials,
    s.score,
    s.suiteDir,
  ];
}

export function checkValues(r: CheckRow): (string | number | null)[] {
  return [
    r.suiteId,
    r.startedAt,
    r.commit,
    r.branch,
    r.experiment,
    r.trial,
    r.check,
    r.title,
    r.kind,
    r.verdict,
    r.observed,
    r.objective,
    r.margin,
    r.expect,
    r.runVerdict,
    r.durationS,
    r.runDir,
  ];
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toCheckRow(o: Record<string, unknown>): CheckRow {
  return {
    suiteId: str(o['suite_id']),
    startedAt: str(o['started_at']),
    commit: str(o['commit']),
    branch: str(o['branch']),
    experiment: str(o['experiment']),
    trial: Number(o['trial']),
    check: str(o['check_id']),
    title: str(o['title']),
    kind: str(o['kind']),
    verdict: str(o['verdict']) as CheckRow['verdict'],
    observed: num(o['observed']),
    objective: o['objective'] === null ? null : str(o['objective']),
    margin: num(o['margin']),
    expect: str(o['expect']) === 'fail' ? 'fail' : 'pass',
    runVerdict: str(o['run_verdict']) as CheckRow['runVerdict'],
    durationS: Number(o['duration_s']),
    runDir: o['run_dir'] === null || o['run_dir'] === undefined ? null : str(o['run_dir']),
  };
}

export function toSuiteRow(o: Record<string, unknown>): SuiteRow {
  return {
    suiteId: str(o['suite_id']),
    startedAt: str(o['started_at']),
    commit: str(o['commit']),
    branch: str(o['branch']),
    machine: str(o['machine']),
    nodeVersion: str(o['node_version']),
    faultlineVersion: str(o['faultline_version']),
    selectionKey: str(o['selection_key']),
    trials: Number(o['trials']),
    score: Number(o['score']),
    suiteDir: o['suite_dir'] === null || o['suite_dir'] === undefined ? null : str(o['suite_dir']),
  };
}
