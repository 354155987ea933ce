/**
 * Names the generated objects refer to one another by (the ones shared with the runner are in
 * chaos/kubernetes/contract.ts). Operator-made names follow the operators' conventions.
 */
import { BROKER, GATEWAY } from '../../../chaos/kubernetes/contract.js';

/** The ConfigMap with both link maps: `links.json` for the fleet, `toxiproxy.json` for the proxy. */
export const LINKS_CONFIGMAP = 'faultline-links';
/**
 * The Secret with the gateway's keys: `api-keys` is GATEWAY_API_KEYS (a comma-separated list, entries may be hashed),
 * `client-key` the one plain key the load generator sends.
 */
export const GATEWAY_SECRET = GATEWAY.keysSecret;
/** The RabbitMQ Cluster Operator's default-user Secret of the broker (keys `username`, `password`). */
export const BROKER_SECRET = `${BROKER.name}-default-user`;
/** A service's CloudNativePG cluster, its read-write Service and its application-user Secret. */
export const databaseCluster = (service: string) => `${service}-db`;
export const databaseService = (service: string) => `${service}-db-rw`;
export const databaseSecret = (service: string) => `${service}-db-app`;
/** A service's database name, as the fleet computes it (`${FAULTLINE_DB_PREFIX}${service}_db`, prefix empty). */
export const databaseName = (service: string) => `${service}_db`;

/**
 * The services that scale out. psp and carrier stay at one replica everywhere: they simulate one external system
 * each, with in-memory state (idempotency replays, the behaviour set on their admin port) that replicas would not share.
 */
export const SCALED_SERVICES = ['gateway', 'order', 'payment', 'inventory', 'shipping'] as const;

export const COLLECTOR = { name: 'otel-collector', otlpHttpPort: 4318, otlpGrpcPort: 4317 } as const;
export const TEMPO = { name: 'tempo', httpPort: 3200, otlpGrpcPort: 4317 } as const;
/** The PersistentVolumeClaim the controller Job writes its run folders to. */
export const RUNS_CLAIM = 'faultline-runs';
/** The ConfigMap holding the experiment the controller Job runs (created by the user, see docs/kubernetes.md). */
export const EXPERIMENT_CONFIGMAP = 'faultline-experiment';
