/**
 * The names and permissions that the generated manifests (deploy/kubernetes/) and the runner's kubernetes mode
 * (chaos/kubernetes/) agree on. The generator writes objects with these names and labels; the runner looks them up
 * by the same names. Change both sides through this file only.
 */

/** The seven fleet services, one Deployment and one Service each, named exactly so. */
export const FLEET_SERVICES = [
  'gateway',
  'order',
  'payment',
  'inventory',
  'shipping',
  'psp',
  'carrier',
] as const;
export type FleetService = (typeof FLEET_SERVICES)[number];

export const DEFAULT_NAMESPACE = 'faultline';

/** Label keys on every generated object. `name` holds the service or component name. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
} as const;
export const PART_OF = 'faultline';

/** The in-cluster Toxiproxy: Deployment and Service of this name, admin API on this port. */
export const TOXIPROXY = { name: 'toxiproxy', adminPort: 8474 } as const;

/** The RabbitmqCluster custom resource; the operator names its pods `<name>-server-<i>`, container `rabbitmq`. */
export const BROKER = { name: 'broker', container: 'rabbitmq' } as const;

/** The Job, ServiceAccount, Role and RoleBinding of the in-cluster controller. */
export const CONTROLLER = { name: 'faultline-controller' } as const;

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** When set, the rule grants only these objects by name (RBAC cannot restrict `list` or `create` this way). */
  readonly resourceNames?: readonly string[];
}

/**
 * The fleet databases reconcile reads, by owning service: CloudNativePG's read-write Service `<cluster>-rw` (port
 * 5432) and the application-user Secret `<cluster>-app` (keys `username`, `password`, `dbname`), where the Cluster is
 * `<service>-db` (see DATABASE_OWNERS). shipping's database is not read by any invariant.
 */
export const RECONCILE_DATABASE_OWNERS = ['order', 'payment', 'inventory'] as const;
export type ReconcileDatabaseOwner = (typeof RECONCILE_DATABASE_OWNERS)[number];
export const POSTGRES_PORT = 5432;
export const databaseClusterOf = (service: string): string => `${service}-db`;
export const databaseSecretOf = (service: string): string => `${databaseClusterOf(service)}-app`;

/**
 * Least privilege for the controller, in one namespace: only what the fault drivers, cleanup and the k6-operator
 * engine need. The generated Role carries exactly these rules.
 */
export const CONTROLLER_RULES: readonly PolicyRule[] = [
  // kill = pod delete; find targets by label
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'delete'] },
  // broker app stop / memory alarm = rabbitmqctl via exec in the broker pod
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
  // reach the Toxiproxy admin API, the gateway, Prometheus and the databases from outside the cluster
  { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] },
  // reconcile: the CloudNativePG application-user Secrets of the databases it reads, by name and nothing else
  {
    apiGroups: [''],
    resources: ['secrets'],
    verbs: ['get'],
    resourceNames: RECONCILE_DATABASE_OWNERS.map(databaseSecretOf),
  },
  // the run lease and the state cleanup needs
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'update', 'delete'] },
  // restart = rollout restart (a pod-template annotation patch); nothing scales a Deployment
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch'] },
  // distributed load through k6-operator
  { apiGroups: ['k6.io'], resources: ['testruns'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
];

/**
 * Ports of each fleet service in the cluster, the same as in docker-compose.yml: `http` serves the API, `/healthz`,
 * `/readyz` and `/metrics`; `admin` serves `/v1/admin/*` (config, the simulators' behaviour) and is reachable only from
 * inside the namespace (NetworkPolicy).
 */
export const FLEET_PORTS: Readonly<Record<FleetService, { readonly http: number; readonly admin: number }>> =
  {
    gateway: { http: 8080, admin: 9180 },
    order: { http: 8081, admin: 9181 },
    payment: { http: 8082, admin: 9182 },
    inventory: { http: 8083, admin: 9183 },
    shipping: { http: 8084, admin: 9184 },
    psp: { http: 8085, admin: 9185 },
    carrier: { http: 8086, admin: 9186 },
  };

/** The fleet services that own a database: one CloudNativePG Cluster `<service>-db` each, database `<service>_db`. */
export const DATABASE_OWNERS = [
  'order',
  'payment',
  'inventory',
  'shipping',
] as const satisfies readonly FleetService[];

/** The controller's OTLP/HTTP trace receiver, behind the Service named CONTROLLER.name (the Collector exports to it). */
export const CONTROLLER_OTLP_PORT = 4318;

/**
 * The gateway's Service (the fleet's entry point), where load goes, and the Secret with its keys: `api-keys` is the
 * gateway's GATEWAY_API_KEYS, `client-key` the one plain key clients send (k6 runners, the controller Job).
 */
export const GATEWAY = {
  service: 'gateway',
  port: FLEET_PORTS.gateway.http,
  keysSecret: 'gateway-api-keys',
  clientKey: 'client-key',
} as const;

/**
 * The stack's own Prometheus, in the stack's namespace: a Prometheus Operator `Prometheus` object named `name`, whose
 * pods the operator labels `app.kubernetes.io/name: <podName>` (and the generator adds the faultline labels), behind
 * the operator's governing Service `service`. It selects the ServiceMonitors and PrometheusRules labelled
 * `app.kubernetes.io/part-of: faultline` in its namespace, and receives remote write at `remoteWritePath` (k6 runners).
 * The runner reaches it by port-forward from outside the cluster, by Service address inside.
 */
export const PROMETHEUS = {
  name: 'faultline',
  service: 'prometheus-operated',
  port: 9090,
  podName: 'prometheus',
  remoteWritePath: '/api/v1/write',
} as const;

/**
 * k6 on k6-operator: the script ConfigMap (built by `npm run build:k6`), the generated TestRun template's name, and
 * how runners write their samples to Prometheus: trend statistics as `k6_<metric>_<stat>` series (the runner reads
 * these back) and the push interval.
 */
export const K6 = {
  scriptConfigMap: 'faultline-k6-script',
  scriptFile: 'faultline.js',
  testRun: 'faultline-load',
  trendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  pushInterval: '1s',
  summaryPath: '/tmp/faultline-summary.json',
} as const;

/** The k6 arguments of a TestRun: every sample tagged `testid=<testId>` (the run id) and remote-written. */
export function k6Arguments(testId: string): string {
  return `--tag testid=${testId} --out experimental-prometheus-rw`;
}
