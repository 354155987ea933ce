import { hostname } from 'node:os';
import type { ProcessIdentity, RunState } from '../faults/index.js';
import { SerialStateStore } from '../faults/fault-state-store.js';
import { CONTROLLER, LABELS, PART_OF } from './contract.js';
import { isKubeNotFound, type KubeClient } from './kube-client.js';

/**
 * A run's state in kubernetes mode: one ConfigMap in the namespace, written before each fault is
 * applied (as the run-state file is in the other modes), renewed every {@link RENEW_MS} like a
 * Kubernetes Lease. A controller that died (killed Job pod, laptop closed) stops renewing; once
 * `renewedAt + leaseSeconds` has passed, `faultline cleanup --namespace N` undoes what it recorded.
 *
 *   create ─► add(record) ─► apply ─► remove(id) ─► ... ─► delete      (renew every 10 s meanwhile)
 */

/** `app.kubernetes.io/component` of run leases, for the list cleanup reads. */
export const LEASE_COMPONENT = 'run-lease';
/** The data key holding the run state (the run-state file's JSON). */
export const LEASE_DATA_KEY = 'run-state.json';
export const RENEWED_AT = 'faultline.dev/renewed-at';
export const LEASE_SECONDS = 'faultline.dev/lease-seconds';
export const HOLDER = 'faultline.dev/holder';
/** How long a lease holds without renewal: 30 s. */
export const DEFAULT_LEASE_SECONDS = 30;
/** Renewal period: 10 s, a third of the lease. */
export const RENEW_MS = 10_000;

/** The ConfigMap name of a run: `faultline-run-<run id>`, lower-cased into a DNS-1123 subdomain. */
export function leaseName(runId: string): string {
  const id = runId
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `faultline-run-${id}`.slice(0, 253).replace(/[^a-z0-9]+$/, '');
}

/** The label selector of every run lease. */
export const LEASE_SELECTOR = `${LABELS.partOf}=${PART_OF},${LABELS.component}=${LEASE_COMPONENT}`;

interface ConfigMap {
  metadata?: { name?: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
}

/** A lease as read back by cleanup. */
export interface RunLease {
  name: string;
  state: RunState;
  renewedAtMs: number;
  leaseSeconds: number;
}

/** True when the lease was not renewed in time: its controller is gone (pure). */
export function isLeaseExpired(
  lease: Pick<RunLease, 'renewedAtMs' | 'leaseSeconds'>,
  nowMs: number,
): boolean {
  return !(lease.renewedAtMs + lease.leaseSeconds * 1000 > nowMs);
}

/** The ConfigMap object of a run state (pure; the contract tests validate it). */
export function leaseConfigMap(
  namespace: string,
  state: RunState,
  renewedAt: Date,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: leaseName(state.runId),
      namespace,
      labels: {
        [LABELS.partOf]: PART_OF,
        [LABELS.component]: LEASE_COMPONENT,
        [LABELS.name]: CONTROLLER.name,
      },
      annotations: {
        [RENEWED_AT]: renewedAt.toISOString(),
        [LEASE_SECONDS]: String(leaseSeconds),
        [HOLDER]: `${hostname()}/${state.controller.pid}`,
      },
    },
    data: { [LEASE_DATA_KEY]: `${JSON.stringify(state, null, 2)}\n` },
  };
}

/** A run's state kept in its lease ConfigMap; writes are serialized, each one also renews. */
export class LeaseConfigMap extends SerialStateStore {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly client: KubeClient,
    state: RunState,
    private readonly now: () => Date,
  ) {
    super(state);
  }

  /** Creates the ConfigMap (refusing to replace one of the same run) and starts renewing it. */
  static async create(
    client: KubeClient,
    runId: string,
    controller: ProcessIdentity,
    now: () => Date = () => new Date(),
  ): Promise<LeaseConfigMap> {
    const state: RunState = { version: 1, runId, controller, createdAt: now().toISOString(), faults: [] };
    const lease = new LeaseConfigMap(client, state, now);
    await client.request(
      'POST',
      `/api/v1/namespaces/${client.namespace}/configmaps`,
      leaseConfigMap(client.namespace, state, now()),
    );
    lease.timer = setInterval(() => void lease.persist().catch(() => undefined), RENEW_MS);
    lease.timer.unref();
    return lease;
  }

  get path(): string {
    return `configmap/${this.client.namespace}/${leaseName(this.state.runId)}`;
  }

  /** Stops renewing and deletes the ConfigMap (a missing one is fine). */
  async delete(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
    await deleteLease(this.client, leaseName(this.state.runId));
  }

  /** PUTs the whole state, which also renews the lease. */
  protected persist(): Promise<void> {
    const name = leaseName(this.state.runId);
    return this.client
      .request(
        'PUT',
        `/api/v1/namespaces/${this.client.namespace}/configmaps/${name}`,
        leaseConfigMap(this.client.namespace, this.state, this.now()),
      )
      .then(() => undefined);
  }
}

/** Deletes a lease ConfigMap; one already gone is fine. */
export async function deleteLease(client: KubeClient, name: string): Promise<void> {
  try {
    await client.request('DELETE', `/api/v1/namespaces/${client.namespace}/configmaps/${name}`);
  } catch (err) {
    if (!isKubeNotFound(err)) throw err;
  }
}

/** Writes a lease back as cleanup leaves it (fewer faults, same renewal time: still expired). */
export async function writeLease(client: KubeClient, lease: RunLease): Promise<void> {
  await client.request(
    'PUT',
    `/api/v1/namespaces/${client.namespace}/configmaps/${lease.name}`,
    leaseConfigMap(client.namespace, lease.state, new Date(lease.renewedAtMs), lease.leaseSeconds),
  );
}

/** Every run lease in the namespace; one that cannot be read is returned as a problem. */
export async function listLeases(client: KubeClient): Promise<{ leases: RunLease[]; problems: string[] }> {
  const list = await client.request<{ items?: ConfigMap[] }>(
    'GET',
    `/api/v1/namespaces/${client.namespace}/configmaps?labelSelector=${encodeURIComponent(LEASE_SELECTOR)}`,
  );
  const leases: RunLease[] = [];
  const problems: string[] = [];
  for (const item of list.items ?? []) {
    const name = item.metadata?.name ?? '?';
    try {
      const state = JSON.parse(item.data?.[LEASE_DATA_KEY] ?? '') as RunState;
      if (state.version !== 1 || !Array.isArray(state.faults)) throw new Error('not a version 1 run state');
      const annotations = item.metadata?.annotations ?? {};
      const renewedAtMs = Date.parse(annotations[RENEWED_AT] ?? '');
      const leaseSeconds = Number(annotations[LEASE_SECONDS] ?? DEFAULT_LEASE_SECONDS);
      if (!Number.isFinite(renewedAtMs)) throw new Error(`no ${RENEWED_AT} annotation`);
      leases.push({ name, state, renewedAtMs, leaseSeconds });
    } catch (err) {
      problems.push(`configmap ${name}: ${(err as Error).message}`);
    }
  }
  return { leases, problems };
}
