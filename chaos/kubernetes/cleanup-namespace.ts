import { describeError } from '../errors.js';
import {
  describeFault,
  type CleanupEntry,
  type CleanupReport,
  type FaultDeps,
  type FaultRecord,
} from '../faults/index.js';
import { driverFor } from '../faults/fault-drivers.js';
import type { KubeClient } from './kube-client.js';
import { deleteLease, isLeaseExpired, listLeases, writeLease, type RunLease } from './lease-config-map.js';

/** Options of {@link cleanupNamespace}. */
export interface NamespaceCleanupOptions {
  client: KubeClient;
  /**
   * How to undo, in the client's namespace: `pods` and `broker` (exec), and `proxyUrl`, a fresh
   * address of the in-cluster Toxiproxy: the one recorded was the dead controller's port-forward.
   */
  deps: FaultDeps;
  /** Clock, in epoch ms; default `Date.now`. */
  now?: () => number;
  onEntry?: (entry: CleanupEntry) => void;
}

/**
 * `faultline cleanup --namespace N`: for every run lease in the namespace that expired (its
 * controller stopped renewing it), undoes each recorded fault newest first, then deletes the lease,
 * or writes it back with the faults that could not be undone. Never throws for a fault or a lease.
 * @throws FaultlineError `ERR_K8S_*` when the leases cannot be listed at all
 */
export async function cleanupNamespace(options: NamespaceCleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { entries: [], liveRuns: [], runsCleaned: [], failures: 0 };
  const push = (entry: CleanupEntry): void => {
    report.entries.push(entry);
    if (entry.status === 'failed') report.failures++;
    options.onEntry?.(entry);
  };
  const { client } = options;
  const { leases, problems } = await listLeases(client);
  for (const problem of problems)
    push({
      runId: '?',
      file: `configmap/${client.namespace}`,
      description: 'run lease',
      status: 'failed',
      detail: problem,
    });
  const now = (options.now ?? Date.now)();
  for (const lease of leases) {
    if (!isLeaseExpired(lease, now)) {
      report.liveRuns.push(lease.state.runId);
      continue;
    }
    await undoLease(lease, options, push);
    try {
      if (lease.state.faults.length === 0) {
        await deleteLease(client, lease.name);
        report.runsCleaned.push(lease.state.runId);
      } else await writeLease(client, lease);
    } catch (err) {
      push({
        runId: lease.state.runId,
        file: lease.name,
        description: 'run lease',
        status: 'failed',
        detail: describeError(err),
      });
    }
  }
  return report;
}

async function undoLease(
  lease: RunLease,
  options: NamespaceCleanupOptions,
  push: (entry: CleanupEntry) => void,
): Promise<void> {
  const file = `configmap/${options.client.namespace}/${lease.name}`;
  for (const recorded of [...lease.state.faults].reverse()) {
    const record = withFreshProxy(recorded, options.deps.proxyUrl);
    const base = { runId: lease.state.runId, file, description: describeFault(record) };
    try {
      const outcome = await driverFor(record).remove(record, options.deps);
      lease.state.faults = lease.state.faults.filter((f) => f.id !== record.id);
      push({
        ...base,
        status: outcome.status,
        ...(outcome.status === 'not-undoable' ? { detail: outcome.note } : {}),
      });
    } catch (err) {
      push({ ...base, status: 'failed', detail: describeError(err) });
    }
  }
}

/** A link fault addressed to the Toxiproxy cleanup reaches now, not the dead run's port-forward. */
function withFreshProxy(record: FaultRecord, proxyUrl: string | undefined): FaultRecord {
  if ((record.kind === 'toxic' || record.kind === 'link-down') && proxyUrl !== undefined)
    return { ...record, proxyUrl };
  return record;
}
