import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { FaultlineError } from '../errors.js';
import { checkValues, suiteValues, toCheckRow, toSuiteRow } from './history-row-codec.js';
import type { CheckRow, SuiteRow } from './history-row.js';
import { lockHistory } from './history-lock.js';
import {
  CHECK_SQL_COLUMNS,
  HISTORY_MIGRATIONS,
  HISTORY_SCHEMA_VERSION,
  SUITE_SQL_COLUMNS,
} from './history-schema.js';

/** Where `faultline suite` keeps its history unless `--history` names another file. */
export const DEFAULT_HISTORY_PATH = '.faultline/history.duckdb';

export interface OpenHistoryOptions {
  /** Create the file when it does not exist (`--history-init`); an existing file is kept as is. */
  init?: boolean;
  /** Open to write: takes the lock and migrates forward. Default false (read-only, no migration). */
  write?: boolean;
  /** Tests only: stop migrating at this version. */
  migrateTo?: number;
}

const META_VERSION = 'schema_version';
const TRIAL_COLUMN = CHECK_SQL_COLUMNS.indexOf('trial');

/**
 * The history file (DuckDB): one row per suite run and one per (suite run, experiment, trial,
 * check). Refuses, with a clear error, a missing file (unless `init`), a file that is not a
 * Faultline history, and one written by a newer Faultline; never starts afresh on its own.
 */
export class HistoryStore {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    readonly schemaVersion: number,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * @throws FaultlineError `ERR_INPUT_HISTORY_MISSING` (no file and no `init`),
   *   `ERR_INPUT_HISTORY_CORRUPT` (not a DuckDB file, or no Faultline history in it),
   *   `ERR_HISTORY_NEWER` (schema newer than this Faultline), `ERR_HISTORY_LOCKED`, `ERR_HISTORY_OPEN`
   */
  static async open(path: string, o: OpenHistoryOptions = {}): Promise<HistoryStore> {
    const exists = await checkFile(path, o.init === true);
    if (!exists) await mkdir(dirname(path), { recursive: true });
    const release = o.write || !exists ? await lockHistory(path) : async () => {};
    try {
      const instance = await DuckDBInstance.create(
        path,
        o.write || !exists ? {} : { access_mode: 'READ_ONLY' },
      ).catch((err: unknown) => {
        throw openError(path, err);
      });
      const db = await instance.connect();
      let version = await readVersion(db, path, exists);
      if (o.write || !exists) version = await migrate(db, version, o.migrateTo ?? HISTORY_SCHEMA_VERSION);
      return new HistoryStore(path, instance, db, version, release);
    } catch (err) {
      await release();
      throw err;
    }
  }

  /**
   * Every check row, oldest first; with `branch`, only that branch's, and with `lastNights`, only
   * those of its last N suite runs (what the analysis and trend.html need).
   */
  async readChecks(branch?: string, lastNights?: number): Promise<CheckRow[]> {
    const recent =
      lastNights === undefined
        ? ''
        : ` AND suite_id IN (SELECT suite_id FROM suite_runs WHERE branch = $1 ORDER BY started_at DESC LIMIT ${Math.floor(lastNights)})`;
    const where = branch === undefined ? '' : `WHERE branch = $1${recent}`;
    const rows = await this.query(
      `SELECT ${this.columns(CHECK_SQL_COLUMNS, 'run_dir')} FROM check_results ${where}
       ORDER BY started_at, experiment, check_id, trial`,
      branch === undefined ? [] : [branch],
    );
    return rows.map(toCheckRow);
  }

  /** Every suite run, oldest first. */
  async readSuites(): Promise<SuiteRow[]> {
    const rows = await this.query(
      `SELECT ${this.columns(SUITE_SQL_COLUMNS, 'suite_dir')} FROM suite_runs ORDER BY started_at`,
    );
    return rows.map(toSuiteRow);
  }

  /**
   * Appends one suite run and its rows in one transaction.
   * @throws FaultlineError `ERR_INPUT_HISTORY_DUPLICATE` when the suite id is already in the history
   */
  async append(suite: SuiteRow, rows: readonly CheckRow[]): Promise<void> {
    const [dup] = await this.query('SELECT count(*) AS n FROM suite_runs WHERE suite_id = $1', [
      suite.suiteId,
    ]);
    if (Number(dup?.['n'] ?? 0) > 0)
      throw new FaultlineError(
        'ERR_INPUT_HISTORY_DUPLICATE',
        `suite ${suite.suiteId} is already in ${this.path}; each suite run is appended once`,
      );
    await this.db.run('BEGIN TRANSACTION');
    try {
      await this.db.run(
        `INSERT INTO suite_runs (${SUITE_SQL_COLUMNS.join(', ')}) VALUES (${SUITE_SQL_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
        suiteValues(suite),
      );
      const appender = await this.db.createAppender('check_results');
      for (const r of rows) {
        for (const [i, v] of checkValues(r).entries()) {
          if (v === null) appender.appendNull();
          else if (i === TRIAL_COLUMN) appender.appendInteger(Number(v));
          else if (typeof v === 'number') appender.appendDouble(v);
          else appender.appendVarchar(v);
        }
        appender.endRow();
      }
      appender.closeSync();
      await this.db.run('COMMIT');
    } catch (err) {
      await this.db.run('ROLLBACK').catch(() => undefined);
      throw new FaultlineError('ERR_HISTORY_WRITE', `cannot append to ${this.path}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    try {
      this.db.closeSync();
      this.instance.closeSync();
    } finally {
      await this.release();
    }
  }

  private columns(all: readonly string[], addedInV2: string): string {
    return all.map((c) => (c === addedInV2 && this.schemaVersion < 2 ? `NULL AS ${c}` : c)).join(', ');
  }

  private async query(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const result = await this.db.runAndReadAll(sql, params);
    return result.getRowObjectsJS();
  }
}

/** True when the file exists and starts like a DuckDB file; false when missing and `init`. */
async function checkFile(path: string, init: boolean): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    if (init) return false;
    throw new FaultlineError(
      'ERR_INPUT_HISTORY_MISSING',
      `history ${path} does not exist; pass --history-init to start a new history there`,
    );
  }
  const head = Buffer.alloc(12);
  const handle = await open(path, 'r');
  const { bytesRead } = await handle.read(head, 0, 12, 0).finally(() => handle.close());
  if (!info.isFile() || bytesRead < 12 || head.subarray(8, 12).toString('latin1') !== 'DUCK')
    throw new FaultlineError(
      'ERR_INPUT_HISTORY_CORRUPT',
      `history ${path} is not a DuckDB file (corrupt or something else); it was left untouched`,
    );
  return true;
}

function openError(path: string, err: unknown): FaultlineError {
  const text = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(text))
    return new FaultlineError('ERR_HISTORY_LOCKED', `history ${path} is open in another process`, {
      cause: err,
    });
  if (/newer|version/i.test(text))
    return new FaultlineError('ERR_HISTORY_NEWER', `history ${path} was written by a newer DuckDB`, {
      cause: err,
    });
  if (/corrupt|not a valid|checksum|invalid/i.test(text))
    return new FaultlineError(
      'ERR_INPUT_HISTORY_CORRUPT',
      `history ${path} is corrupt; it was left untouched`,
      {
        cause: err,
      },
    );
  return new FaultlineError('ERR_HISTORY_OPEN', `cannot open history ${path}`, { cause: err });
}

async function readVersion(db: DuckDBConnection, path: string, exists: boolean): Promise<number> {
  if (!exists) return 0;
  const tables = await db.runAndReadAll(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'faultline_meta'",
  );
  if (Number(tables.getRowObjectsJS()[0]?.['n'] ?? 0) === 0)
    throw new FaultlineError(
      'ERR_INPUT_HISTORY_CORRUPT',
      `${path} is a DuckDB file but holds no Faultline history (no faultline_meta table); it was left untouched`,
    );
  const row = (
    await db.runAndReadAll('SELECT value FROM faultline_meta WHERE key = $1', [META_VERSION])
  ).getRowObjectsJS()[0];
  const version = Number(row?.['value']);
  if (!Number.isInteger(version) || version < 1)
    throw new FaultlineError('ERR_INPUT_HISTORY_CORRUPT', `history ${path} has no valid schema_version`);
  if (version > HISTORY_SCHEMA_VERSION)
    throw new FaultlineError(
      'ERR_HISTORY_NEWER',
      `history ${path} has schema version ${version}, newer than this Faultline's ${HISTORY_SCHEMA_VERSION}; upgrade Faultline`,
    );
  return version;
}

/** Runs the migrations after `from` up to `to`, each in its own transaction. */
async function migrate(db: DuckDBConnection, from: number, to: number): Promise<number> {
  for (let v = from + 1; v <= to; v++) {
    await db.run('BEGIN TRANSACTION');
    try {
      for (const sql of HISTORY_MIGRATIONS[v - 1] ?? []) await db.run(sql);
      await db.run('INSERT OR REPLACE INTO faultline_meta VALUES ($1, $2)', [META_VERSION, String(v)]);
      await db.run('COMMIT');
    } catch (err) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw new FaultlineError('ERR_HISTORY_MIGRATE', `migrating the history to version ${v} failed`, {
        cause: err,
      });
    }
  }
  return Math.max(from, to);
}
