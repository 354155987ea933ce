import { FaultlineError } from '../errors.js';
import type { ReconcileDatabase } from '../invariants/read-databases.js';
import {
  databaseClusterOf,
  databaseSecretOf,
  POSTGRES_PORT,
  RECONCILE_DATABASE_OWNERS,
  type ReconcileDatabaseOwner,
} from './contract.js';
import { isKubeNotFound, type KubeClient } from './kube-client.js';
import { forwardPort, type ForwardedPort } from './port-forward.js';

/** The application user of one CloudNativePG cluster, from its `<cluster>-app` Secret. */
export interface DatabaseCredentials {
  username: string;
  password: string;
  dbname: string;
}

interface SecretObject {
  data?: Record<string, string>;
}
interface PodList {
  items?: { metadata?: { name?: string; labels?: Record<string, string> }; status?: { phase?: string } }[];
}

/**
 * Reads `<service>-db-app` (a namespaced GET by name, which the Role grants for exactly these Secrets).
 * @throws FaultlineError `ERR_K8S_DB_SECRET` when it is missing or lacks a key; `ERR_K8S_FORBIDDEN` on a 403
 */
export async function readDatabaseSecret(
  client: KubeClient,
  service: ReconcileDatabaseOwner,
): Promise<DatabaseCredentials> {
  const name = databaseSecretOf(service);
  const secret = await client
    .request<SecretObject>('GET', `/api/v1/namespaces/${client.namespace}/secrets/${name}`)
    .catch((err: unknown) => {
      throw isKubeNotFound(err)
        ? new FaultlineError(
            'ERR_K8S_DB_SECRET',
            `the CloudNativePG Secret ${name} does not exist in namespace ${client.namespace} (is the ${databaseClusterOf(service)} Cluster ready?)`,
          )
        : err;
    });
  const key = (k: string): string => {
    const v = secret.data?.[k];
    if (v === undefined) throw new FaultlineError('ERR_K8S_DB_SECRET', `the Secret ${name} has no key ${k}`);
    return Buffer.from(v, 'base64').toString('utf8');
  };
  return { username: key('username'), password: key('password'), dbname: key('dbname') };
}

/**
 * The running primary pod of a CloudNativePG cluster: label `cnpg.io/cluster=<cluster>` and role primary
 * (`cnpg.io/instanceRole`, or the `role` label of CloudNativePG before 1.24).
 * @throws FaultlineError `ERR_K8S_NO_POD` when there is none
 */
export async function primaryPodOf(client: KubeClient, cluster: string): Promise<string> {
  const selector = encodeURIComponent(`cnpg.io/cluster=${cluster}`);
  const list = await client.request<PodList>(
    'GET',
    `/api/v1/namespaces/${client.namespace}/pods?labelSelector=${selector}`,
  );
  const primary = (list.items ?? []).find((p) => {
    const labels = p.metadata?.labels ?? {};
    const role = labels['cnpg.io/instanceRole'] ?? labels['role'];
    return p.status?.phase === 'Running' && role === 'primary';
  });
  const name = primary?.metadata?.name;
  if (name === undefined)
    throw new FaultlineError(
      'ERR_K8S_NO_POD',
      `the CloudNativePG cluster ${cluster} has no running primary pod in namespace ${client.namespace}`,
    );
  return name;
}

/** Connection URLs of the databases reconcile reads, and the port-forwards behind them (outside the cluster). */
export interface DatabaseAccess {
  databaseUrls: Record<ReconcileDatabase, string>;
  forwards: ForwardedPort[];
}

/**
 * Reaches the databases reconcile reads: reads each `<cluster>-app` Secret, then addresses the cluster's read-write
 * Service in the cluster, or port-forwards to its primary pod outside. Run before any fault, so that a missing
 * Secret, pod or permission stops the run (exit 5) with nothing applied. On failure, the forwards opened so far are
 * closed.
 */
export async function reachDatabases(client: KubeClient, inCluster: boolean): Promise<DatabaseAccess> {
  const forwards: ForwardedPort[] = [];
  try {
    const entries: [ReconcileDatabase, string][] = [];
    for (const service of RECONCILE_DATABASE_OWNERS) {
      const c = await readDatabaseSecret(client, service);
      const cluster = databaseClusterOf(service);
      let host = `${cluster}-rw.${client.namespace}.svc:${POSTGRES_PORT}`;
      if (!inCluster) {
        const forward = await forwardPort(client, await primaryPodOf(client, cluster), POSTGRES_PORT);
        forwards.push(forward);
        host = new URL(forward.url).host;
      }
      const auth = `${encodeURIComponent(c.username)}:${encodeURIComponent(c.password)}`;
      entries.push([`${service}_db`, `postgres://${auth}@${host}/${encodeURIComponent(c.dbname)}`]);
    }
    return { databaseUrls: Object.fromEntries(entries) as Record<ReconcileDatabase, string>, forwards };
  } catch (err) {
    await Promise.all(forwards.map((f) => f.close()));
    throw err;
  }
}
