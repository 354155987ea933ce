/**
 * One CloudNativePG Cluster per service that owns data, so the fleet's data ownership holds in the cluster as it does
 * on one machine: `<service>-db` with database `<service>_db` owned by the application user whose Secret
 * (`<service>-db-app`) the service reads.
 */
import { DATABASE_OWNERS } from '../../../chaos/kubernetes/contract.js';
import type { PostgresCluster } from './custom-resources.js';
import { meta } from './meta.js';
import { databaseCluster, databaseName } from './names.js';

/** The database clusters; `imageName` is a CloudNativePG PostgreSQL image of the compose stack's major version. */
export function databaseClusters(imageName: string): PostgresCluster[] {
  return DATABASE_OWNERS.map((service) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: meta(databaseCluster(service), 'database', { 'faultline.dev/owner': service }),
    spec: {
      instances: 1,
      imageName,
      storage: { size: '2Gi' },
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      bootstrap: { initdb: { database: databaseName(service), owner: service } },
      // DB_POOL_MAX (10) per replica, several replicas, plus the operator's own connections.
      postgresql: { parameters: { max_connections: '200' } },
    },
  }));
}
