import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { describeError } from '../errors.js';
import type { ProcessIdentity } from '../faults/index.js';
import { isSameProcessAlive } from '../faults/proc-stat.js';
import { dropFleetState } from '../fleet/fleet-harness.js';

/** One process an environment started. */
export interface RecordedProcess extends ProcessIdentity {
  name: string;
}

/** What a dead run's environment left, as its record lists it. */
export interface RecordedLeftovers {
  dbPrefix: string;
  amqpPrefix: string;
  processes: readonly RecordedProcess[];
  tempDirs: readonly string[];
}

/** What the teardown did (`stopped gateway (pid 123)` …) and what failed. */
export interface TeardownLog {
  actions: string[];
  problems: string[];
}

/**
 * Stops the recorded processes that still run (by pid and start time, never by name), then drops
 * the run's databases and queues, then removes its temp folders. Runs to the end: each failure is
 * logged under `problems` and the next step still runs.
 */
export async function tearDownRecorded(
  record: RecordedLeftovers,
  graceMs: number,
  log: TeardownLog,
): Promise<void> {
  for (const p of record.processes) {
    try {
      if (await stopProcess(p, graceMs)) log.actions.push(`stopped ${p.name} (pid ${p.pid})`);
    } catch (err) {
      log.problems.push(`${p.name} (pid ${p.pid}): ${describeError(err)}`);
    }
  }
  // Only run prefixes are dropped: an attached environment records none.
  if (/^flr_[0-9a-f]+_$/.test(record.dbPrefix) && /^flr\.[0-9a-f]+\.$/.test(record.amqpPrefix)) {
    try {
      await dropFleetState(record.dbPrefix, record.amqpPrefix);
      log.actions.push(`dropped databases ${record.dbPrefix}* and queues ${record.amqpPrefix}*`);
    } catch (err) {
      log.problems.push(`fleet state ${record.dbPrefix}: ${describeError(err)}`);
    }
  }
  for (const dir of record.tempDirs) {
    if (!isFaultlineTempDir(dir)) {
      // Records are ours, but a folder is removed only if it has the shape of one we made.
      log.actions.push(`left ${dir} alone (not a faultline-* folder in ${tmpdir()})`);
      continue;
    }
    try {
      await rm(dir, { recursive: true, force: true });
      log.actions.push(`removed ${dir}`);
    } catch (err) {
      log.problems.push(`${dir}: ${describeError(err)}`);
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
