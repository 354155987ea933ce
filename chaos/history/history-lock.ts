import { open, readFile, rm } from 'node:fs/promises';
import { FaultlineError } from '../errors.js';

/** Whether a process with this id is alive (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the writer's lock on a history file: `<file>.lock`, created exclusively, holding our pid.
 * A lock left by a dead process is taken over; a live one is refused.
 * @returns a function that releases the lock (idempotent)
 * @throws FaultlineError `ERR_HISTORY_LOCKED` when another live process holds it
 */
export async function lockHistory(file: string): Promise<() => Promise<void>> {
  const lockPath = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new FaultlineError(
          'ERR_HISTORY_LOCKED',
          `history ${file} is being written by process ${holder} (lock ${lockPath}); wait for it to finish`,
        );
      await rm(lockPath, { force: true });
    }
  }
  throw new FaultlineError('ERR_HISTORY_LOCKED', `could not take the lock ${lockPath}`);
}
