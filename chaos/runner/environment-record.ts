import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { describeError } from '../errors.js';
import type { ProcessIdentity } from '../faults/index.js';
import { isSameProcessAlive, processIdentity } from '../faults/proc-stat.js';
import { listRunStateFiles, writeJsonAtomic } from '../faults/run-state.js';
import { dropFleetState } from '../fleet/fleet-harness.js';

/**
 * What an embedded environment started, written next to the run-state files so that a controller
 * killed with SIGKILL leaves nothing behind for good: the next run, or `faultline cleanup`, stops
 * the recorded processes (by pid and start time, never by name), drops the run's databases and
 * queues, and removes its temp folders.
 */

/** Sub-folder of the run-state folder that holds environment records. */
export const ENVIRONMENT_DIR = 'environments';

/** One process the environment started. */
export interface RecordedProcess extends ProcessIdentity {
  name: string;
}

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

  /** Adds started processes (by pid; a pid that is already gone is skipped) and temp folders. */
  async add(processes: Record<string, number | undefined>, tempDirs: readonly string[] = []): Promise<void> {
    for (const [name, pid] of Object.entries(processes)) {
      const id = pid === undefined || pid <= 0 ? undefined : processIdentity(pid);
      if (id !== undefined) this.record.processes.push({ name, ...id });
    }
    this.record.tempDirs.push(...tempDirs);
    await writeJsonAtomic(this.path, this.record);
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
 * drops its databases and queues, removes its temp folders, and deletes the record. A record with
 * problems stays for the next sweep. Never throws for a record.
 */
export async function cleanupDeadEnvironments(
  options: EnvironmentCleanupOptions,
): Promise<EnvironmentCleanupEntry[]> {
  const alive = options.isControllerAlive ?? isSameProcessAlive;
  const entries: EnvironmentCleanupEntry[] = [];
  for (const file of await listRunStateFiles(join(options.stateDir, ENVIRONMENT_DIR))) {
    const entry: EnvironmentCleanupEntry = { runId: basename(file, '.json'), actions: [], problems: [] };
    try {
      const record = await readEnvironmentRecord(file);
      if (alive(record.controller)) continue;
      entry.runId = record.runId;
      await cleanupRecord(record, options.graceMs ?? 5000, entry);
      if (entry.problems.length === 0) await rm(file, { force: true });
    } catch (err) {
      entry.problems.push(describeError(err));
    }
    entries.push(entry);
    options.onEntry?.(entry);
  }
  return entries;
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

async function cleanupRecord(
  record: EnvironmentRecord,
  graceMs: number,
  entry: EnvironmentCleanupEntry,
): Promise<void> {
  for (const p of record.processes) {
    try {
      if (await stopProcess(p, graceMs)) entry.actions.push(`stopped ${p.name} (pid ${p.pid})`);
    } catch (err) {
      entry.problems.push(`${p.name} (pid ${p.pid}): ${describeError(err)}`);
    }
  }
  // Only run prefixes are dropped: an attached environment records none.
  if (/^flr_[0-9a-f]+_$/.test(record.dbPrefix) && /^flr\.[0-9a-f]+\.$/.test(record.amqpPrefix)) {
    try {
      await dropFleetState(record.dbPrefix, record.amqpPrefix);
      entry.actions.push(`dropped databases ${record.dbPrefix}* and queues ${record.amqpPrefix}*`);
    } catch (err) {
      entry.problems.push(`fleet state ${record.dbPrefix}: ${describeError(err)}`);
    }
  }
  for (const dir of record.tempDirs) {
    if (!isFaultlineTempDir(dir)) {
      // Records are ours, but a folder is removed only if it has the shape of one we made.
      entry.actions.push(`left ${dir} alone (not a faultline-* folder in ${tmpdir()})`);
      continue;
    }
    try {
      await rm(dir, { recursive: true, force: true });
      entry.actions.push(`removed ${dir}`);
    } catch (err) {
      entry.problems.push(`${dir}: ${describeError(err)}`);
    }
  }
}

/** A folder made by `mkdtemp(join(tmpdir(), 'faultline-…'))`. */
function isFaultlineTempDir(dir: string): boolean {
  const path = resolve(dir);
  return dirname(path) === resolve(tmpdir()) && basename(path).startsWith('faultline-');
}

/** SIGTERM, then SIGKILL after `graceMs`, only while pid and start time still match; false if it was gone. */
async function stopProcess(p: ProcessIdentity, graceMs: number): Promise<boolean> {
  if (!isSameProcessAlive(p)) return false;
  process.kill(p.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!isSameProcessAlive(p)) return true;
  }
  if (isSameProcessAlive(p)) process.kill(p.pid, 'SIGKILL');
  return true;
}
