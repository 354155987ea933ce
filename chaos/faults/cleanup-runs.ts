import { connect } from 'node:net';
import { describeError } from '../errors.js';
import { describeFault } from './describe-fault.js';
import type { FaultDeps } from './fault-driver.js';
import { driverFor } from './fault-drivers.js';
import type { ProcessIdentity } from './fault-record.js';
import { isSameProcessAlive } from './proc-stat.js';
import { RunStateStore, listRunStateFiles } from './run-state.js';

/**
 * Undoes what dead runs left: for every run-state file whose controller process is gone, removes
 * each recorded fault (newest first), drops it from the file, and deletes the file once empty.
 * Failures are recorded and the sweep goes on; a file with failures stays for the next attempt.
 */

/** What happened to one fault (or one unreadable file). */
export interface CleanupEntry {
  runId: string;
  file: string;
  description: string;
  status: 'removed' | 'already-gone' | 'not-undoable' | 'failed';
  detail?: string;
}

/** The result of a sweep. */
export interface CleanupReport {
  entries: CleanupEntry[];
  /** Runs whose controller is still alive; they were not touched. */
  liveRuns: string[];
  /** Run-state files deleted because every fault was undone. */
  runsCleaned: string[];
  failures: number;
}

/** Options of {@link cleanupDeadRuns}. */
export interface CleanupOptions {
  stateDir: string;
  /** Broker (and, rarely, process) access for undoing; the proxy URL comes from each record. */
  deps: FaultDeps;
  /** Liveness test of a controller; default: same pid and start time still running. */
  isControllerAlive?: (controller: ProcessIdentity) => boolean;
  /** Called as each entry is decided, for live output. */
  onEntry?: (entry: CleanupEntry) => void;
}

/** Sweeps `stateDir`; never throws for a fault or a file, only reports. */
export async function cleanupDeadRuns(options: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { entries: [], liveRuns: [], runsCleaned: [], failures: 0 };
  const push = (entry: CleanupEntry): void => {
    report.entries.push(entry);
    if (entry.status === 'failed') report.failures++;
    options.onEntry?.(entry);
  };
  const alive = options.isControllerAlive ?? isSameProcessAlive;
  for (const file of await listRunStateFiles(options.stateDir)) {
    let store: RunStateStore;
    try {
      store = await RunStateStore.open(file);
    } catch (err) {
      push({ runId: '?', file, description: 'run-state file', status: 'failed', detail: describeError(err) });
      continue;
    }
    if (alive(store.controller)) {
      report.liveRuns.push(store.runId);
      continue;
    }
    await undoRun(store, file, options.deps, push);
    if (store.faults().length === 0) {
      await store.delete();
      report.runsCleaned.push(store.runId);
    }
  }
  return report;
}

async function undoRun(
  store: RunStateStore,
  file: string,
  deps: FaultDeps,
  push: (entry: CleanupEntry) => void,
): Promise<void> {
  for (const record of store.faults().reverse()) {
    const base = { runId: store.runId, file, description: describeFault(record) };
    try {
      if ((record.kind === 'toxic' || record.kind === 'link-down') && record.proxyInController === true) {
        // The proxy was part of the dead controller: the fault died with it, and its port may
        // since belong to somebody else's proxy, which must not be touched.
        await store.remove(record.id);
        push({ ...base, status: 'already-gone', detail: 'the proxy ran inside the dead controller' });
        continue;
      }
      const outcome = await driverFor(record)
        .remove(record, deps)
        .catch(async (err: unknown) => {
          // Toxiproxy holds toxics in memory only: when nothing listens on its API any more, its
          // process is gone and the fault with it (an embedded proxy recorded before
          // `proxyInController` existed ends up here too).
          if (
            (record.kind === 'toxic' || record.kind === 'link-down') &&
            (await refusesConnections(record.proxyUrl))
          )
            return {
              status: 'already-gone' as const,
              detail: `nothing listens on ${record.proxyUrl} any more`,
            };
          throw err;
        });
      await store.remove(record.id);
      push({
        ...base,
        status: outcome.status,
        ...(outcome.status === 'not-undoable' ? { detail: outcome.note } : {}),
        ...('detail' in outcome ? { detail: outcome.detail } : {}),
      });
    } catch (err) {
      push({ ...base, status: 'failed', detail: describeError(err) });
    }
  }
}

/** True when a TCP connection to the URL's host and port is refused (nothing listens there). */
export function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) || 80 });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}
