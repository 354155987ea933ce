import { access, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import type { ProcessIdentity } from './fault-record.js';
import { SerialStateStore, type RunState } from './fault-state-store.js';

/** Default folder of run-state files, relative to the working directory. */
export const DEFAULT_STATE_DIR = '.faultline/run-state';

/** The run-state file holds a {@link RunState}. */
export type { RunState };

/** Writes JSON to `path` atomically: a temp file in the same folder, fsync, then rename. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads and shape-checks a run-state file; `ERR_RUN_STATE_CORRUPT` when it is not one. */
export async function readRunState(path: string): Promise<RunState> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new FaultlineError('ERR_RUN_STATE_CORRUPT', `cannot read run-state file ${path}`, { cause: err });
  }
  const s = parsed as Partial<RunState> | null;
  if (
    s?.version !== 1 ||
    typeof s.runId !== 'string' ||
    !Array.isArray(s.faults) ||
    typeof s.controller?.pid !== 'number'
  ) {
    throw new FaultlineError(
      'ERR_RUN_STATE_CORRUPT',
      `${path} is not a faultline run-state file (version 1)`,
    );
  }
  return s as RunState;
}

/** Paths of the run-state files in `dir` (none when the folder does not exist). */
export async function listRunStateFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new FaultlineError('ERR_RUN_STATE_DIR', `cannot list run-state folder ${dir}`, { cause: err });
  }
}

/** One run's state file, kept in step with the faults (writes serialized, each one atomic). */
export class RunStateStore extends SerialStateStore {
  private constructor(
    /** Absolute or cwd-relative path of the file. */
    readonly path: string,
    state: RunState,
  ) {
    super(state);
  }

  /** Creates `<dir>/<runId>.json` (and the folder) for a new run; refuses to overwrite an existing one. */
  static async create(dir: string, runId: string, controller: ProcessIdentity): Promise<RunStateStore> {
    if (!/^[A-Za-z0-9._-]+$/.test(runId)) {
      throw new FaultlineError(
        'ERR_INPUT_RUN_ID',
        `run id must be letters, digits, '.', '_' or '-': ${runId}`,
      );
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${runId}.json`);
    // Overwriting would lose the undo records of an earlier run with the same id.
    if (await exists(path)) {
      throw new FaultlineError(
        'ERR_RUN_STATE_EXISTS',
        `run-state file ${path} already exists; run \`faultline cleanup\``,
      );
    }
    const state: RunState = {
      version: 1,
      runId,
      controller,
      createdAt: new Date().toISOString(),
      faults: [],
    };
    const store = new RunStateStore(path, state);
    await store.enqueue(() => undefined);
    return store;
  }

  /** Wraps an existing file (used by `cleanup`). */
  static async open(path: string): Promise<RunStateStore> {
    return new RunStateStore(path, await readRunState(path));
  }

  /** Deletes the file (the run ended with every fault removed). */
  async delete(): Promise<void> {
    await this.settled();
    await rm(this.path, { force: true });
  }

  protected persist(): Promise<void> {
    return writeJsonAtomic(this.path, this.state);
  }
}
