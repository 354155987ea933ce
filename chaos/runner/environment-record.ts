import { renameSync, writeFileSync } from 'node:fs';
import { access, mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeError } from '../errors.js';
import type { ProcessIdentity } from '../faults/index.js';
import { isSameProcessAlive, processIdentity } from '../faults/proc-stat.js';
import { listRunStateFiles, writeJsonAtomic } from '../faults/run-state.js';
import { tearDownRecorded, type RecordedProcess } from './environment-teardown.js';
import { listRecordDrafts, mergeRecordLists, type RecordDraft } from './record-drafts.js';

export type { RecordedProcess } from './environment-teardown.js';

/**
 * What an embedded environment started, written next to the run-state files so that a controller
 * killed with SIGKILL leaves nothing behind for good: the next run, or `faultline cleanup`, stops
 * the recorded processes (by pid and start time, never by name), drops the run's databases and
 * queues, and removes its temp folders.
 */

/** Sub-folder of the run-state folder that holds environment records. */
export const ENVIRONMENT_DIR = 'environments';

/** The environment record file (`<stateDir>/environments/<runId>.json`). */
export interface EnvironmentRecord {
  version: 1;
  runId: string;
  controller: ProcessIdentity;
  createdAt: string;
  dbPrefix: string;
  amqpPrefix: string;
  processes: RecordedProcess[];
  tempDirs: string[];
}

/** A live run's record, rewritten as the environment grows. */
export class EnvironmentRecordFile {
  private constructor(
    readonly path: string,
    private readonly record: EnvironmentRecord,
  ) {}

  /** Writes the record before anything is started, so even a half-started environment is found. */
  static async create(
    stateDir: string,
    fields: Pick<EnvironmentRecord, 'runId' | 'controller' | 'dbPrefix' | 'amqpPrefix'>,
  ): Promise<EnvironmentRecordFile> {
    const dir = join(stateDir, ENVIRONMENT_DIR);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const record: EnvironmentRecord = {
      version: 1,
      ...fields,
      createdAt: new Date().toISOString(),
      processes: [],
      tempDirs: [],
    };
    const file = new EnvironmentRecordFile(join(dir, `${fields.runId}.json`), record);
    await writeJsonAtomic(file.path, record);
    return file;
  }

  /**
   * Adds processes (by pid, read now with their start time: call it right after the spawn; a pid
   * that is already gone is skipped) and temp folders, and writes the record before returning.
   * The write is synchronous on purpose: an asynchronous one waits for libuv's thread pool, and on
   * a busy machine a controller SIGKILLed 300 ms after spawning Prometheus had not yet recorded it.
   * No fsync: the page cache outlives a killed process, which is what the record is for.
   */
  add(processes: Record<string, number | undefined>, tempDirs: readonly string[] = []): Promise<void> {
    for (const [name, pid] of Object.entries(processes)) {
      const id = pid === undefined || pid <= 0 ? undefined : processIdentity(pid);
      if (id !== undefined) this.record.processes.push({ name, ...id });
    }
    this.record.tempDirs.push(...tempDirs);
    try {
      // Same draft name as writeJsonAtomic, so cleanup reads a draft left mid-write (record-drafts.ts).
      const draft = `${this.path}.${process.pid}.tmp`;
      writeFileSync(draft, `${JSON.stringify(this.record, null, 2)}\n`, { mode: 0o600 });
      renameSync(draft, this.path);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** Deletes the record once the environment was torn down. */
  async delete(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/** What the sweep did with one dead run's environment. */
export interface EnvironmentCleanupEntry {
  runId: string;
  /** e.g. `stopped gateway (pid 123)`, `dropped databases flr_ab12_*`. */
  actions: string[];
  problems: string[];
}

/** Options of {@link cleanupDeadEnvironments}. */
export interface EnvironmentCleanupOptions {
  stateDir: string;
  isControllerAlive?: (controller: ProcessIdentity) => boolean;
  /** How long a process gets after SIGTERM before SIGKILL; default 5 000 ms. */
  graceMs?: number;
  onEntry?: (entry: EnvironmentCleanupEntry) => void;
}

/**
 * For each environment record whose controller is gone: stops its processes that still run,
 * drops its databases and queues, removes its temp folders, and deletes the record (and the draft
 * a controller killed mid-write left, whose newer lines are honoured: `record-drafts.ts`). A
 * record with problems stays for the next sweep. Never throws for a record.
 */
export async function cleanupDeadEnvironments(
  options: EnvironmentCleanupOptions,
): Promise<EnvironmentCleanupEntry[]> {
  const alive = options.isControllerAlive ?? isSameProcessAlive;
  const dir = join(options.stateDir, ENVIRONMENT_DIR);
  const drafts = await listRecordDrafts(dir);
  const files = await listRunStateFiles(dir);
  const paths = [...new Set([...files, ...drafts.map((d) => d.recordPath)])].sort();
  const entries: EnvironmentCleanupEntry[] = [];
  for (const file of paths) {
    const entry: EnvironmentCleanupEntry = { runId: basename(file, '.json'), actions: [], problems: [] };
    const own = drafts.filter((d) => d.recordPath === file);
    try {
      const record = await readWithDrafts(file, own);
      if (record === undefined) {
        // Only an unreadable draft: its writer died in the record's first write, before it
        // started anything. Removed once that writer is gone.
        for (const d of own)
          if (processIdentity(d.writerPid) === undefined) await rm(d.path, { force: true });
        continue;
      }
      if (alive(record.controller)) continue;
      entry.runId = record.runId;
      await tearDownRecorded(record, options.graceMs ?? 5000, entry);
      if (entry.problems.length === 0)
        for (const path of [file, ...own.map((d) => d.path)]) await rm(path, { force: true });
    } catch (err) {
      entry.problems.push(describeError(err));
    }
    entries.push(entry);
    options.onEntry?.(entry);
  }
  return entries;
}

/** The record at `path` (if any) merged with its readable drafts; undefined when neither reads. */
async function readWithDrafts(
  path: string,
  drafts: readonly RecordDraft[],
): Promise<EnvironmentRecord | undefined> {
  const fileExists = await access(path).then(
    () => true,
    () => false,
  );
  let record = fileExists ? await readEnvironmentRecord(path) : undefined;
  for (const draft of drafts) {
    const newer = await readEnvironmentRecord(draft.path).catch(() => undefined);
    if (newer !== undefined)
      record = record === undefined ? newer : { ...record, ...mergeRecordLists(record, newer) };
  }
  return record;
}

async function readEnvironmentRecord(path: string): Promise<EnvironmentRecord> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<EnvironmentRecord> | null;
  if (
    parsed?.version !== 1 ||
    typeof parsed.runId !== 'string' ||
    typeof parsed.controller?.pid !== 'number' ||
    typeof parsed.dbPrefix !== 'string' ||
    typeof parsed.amqpPrefix !== 'string' ||
    !Array.isArray(parsed.processes) ||
    !Array.isArray(parsed.tempDirs)
  ) {
    throw new Error(`${path} is not a faultline environment record (version 1)`);
  }
  return parsed as EnvironmentRecord;
}
