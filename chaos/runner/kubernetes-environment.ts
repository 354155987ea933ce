import { Toxiproxy } from 'toxiproxy-node-client';
import { createPrometheusClient } from '../assertions/promql/prometheus-client.js';
import { FaultlineError } from '../errors.js';
import type { ResolvedPlan } from '../experiment/plan.js';
import type { CleanupEntry } from '../faults/index.js';
import { cleanupNamespace } from '../kubernetes/cleanup-namespace.js';
import { reachDatabases } from '../kubernetes/database-access.js';
import { GATEWAY, PROMETHEUS } from '../kubernetes/contract.js';
import { execBrokerControl } from '../kubernetes/exec-broker-control.js';
import { execDlqDepths } from '../kubernetes/exec-dlq-depths.js';
import { k6OperatorRunLoad } from '../kubernetes/k6-operator/k6-operator-load.js';
import { KubeClient } from '../kubernetes/kube-client.js';
import { kubePodControl } from '../kubernetes/kube-pod-control.js';
import { LeaseConfigMap } from '../kubernetes/lease-config-map.js';
import { forwardPort, runningPodOf, serviceUrl } from '../kubernetes/port-forward.js';
import { preflightKubernetes } from '../kubernetes/preflight.js';
import { reachToxiproxy } from '../kubernetes/toxiproxy-address.js';
import { startCollector } from '../telemetry/index.js';
import type { RunEnvironment } from './environment.js';
import { attachPrometheus } from './run-prometheus.js';
import { undoStack } from './undo-stack.js';

/** Options of {@link startKubernetesEnvironment}; process state (env) is read by the caller. */
export interface KubernetesEnvironmentOptions {
  /** The client to use (tests); default one from the kubeconfig. */
  client?: KubeClient;
  /** `KUBECONFIG` as the entry point read it. */
  kubeconfig?: string;
  /** True when the controller runs in a pod: Service addresses instead of port-forwards. */
  inCluster: boolean;
  /** k6-operator runner pods; default 1. */
  parallelism?: number;
  /**
   * `FAULTLINE_OTLP_LISTEN` as the entry point read it: `host:port` of the run's OTLP/HTTP trace receiver. Default
   * `127.0.0.1:0` (loopback, any port); the controller Job sets `0.0.0.0:4318` so the in-cluster Collector, which
   * exports to the controller's Service, reaches it.
   */
  otlpListen?: string;
  log: (line: string) => void;
}

/**
 * Attaches to the stack deployed in `environment.namespace` (`mode: kubernetes`):
 *
 *   kubeconfig ─► sweep expired run leases ─► preflight (targets, CRD, RBAC) ─► Toxiproxy, gateway,
 *   Prometheus, the databases reconcile reads (Service addresses in the cluster, port-forwards outside;
 *   the CloudNativePG app Secrets) ─► own OTLP receiver
 *
 * Faults go through kubePodControl / execBrokerControl / the in-cluster Toxiproxy, and the run state
 * through a lease ConfigMap. Everything the run starts (port-forwards, receiver) stops with it.
 * @throws FaultlineError `ERR_RUN_ENVIRONMENT` (cause: `ERR_K8S_*`) before any fault was applied
 */
export async function startKubernetesEnvironment(
  plan: ResolvedPlan,
  o: KubernetesEnvironmentOptions,
): Promise<RunEnvironment> {
  const { undo, stop } = undoStack();
  try {
    const listen = listenAddress(o.otlpListen ?? '127.0.0.1:0');
    const namespace = plan.environment.namespace;
    if (namespace === undefined)
      throw new FaultlineError('ERR_K8S_NAMESPACE', 'kubernetes mode needs environment.namespace');
    const client = o.client ?? KubeClient.fromKubeconfig(namespace, plan.environment.context, o.kubeconfig);
    const pods = kubePodControl(client);
    const broker = execBrokerControl(client);
    await preflightKubernetes(client, plan);
    const reach = async (name: string, port: number, service: string, partOf?: string): Promise<string> => {
      if (o.inCluster) return serviceUrl(service, namespace, port);
      const forward = await forwardPort(client, await runningPodOf(client, name, partOf), port);
      undo.push({ name: `port-forward ${name}`, fn: () => forward.close() });
      return forward.url;
    };
    const toxiproxy = await reachToxiproxy(client, o.inCluster);
    undo.push({ name: 'port-forward toxiproxy', fn: () => toxiproxy.close() });
    const swept = await cleanupNamespace({ client, deps: { pods, broker, proxyUrl: toxiproxy.url } });
    for (const e of swept.entries) o.log(`cleanup: ${describeEntry(e)}`);
    await checkLinks(toxiproxy.url, plan.environment.allow.links);
    const gatewayUrl = await reach(GATEWAY.service, GATEWAY.port, GATEWAY.service);
    const prometheus = await attachPrometheus(
      await reach(PROMETHEUS.podName, PROMETHEUS.port, PROMETHEUS.service),
    );
    const databases = plan.invariants.reconcile ? await reachDatabases(client, o.inCluster) : undefined;
    for (const f of databases?.forwards ?? [])
      undo.push({ name: 'port-forward database', fn: () => f.close() });
    const collector = await startCollector(listen);
    const blind = o.inCluster ? undefined : traceBlindWarning(plan);
    if (blind !== undefined) o.log(blind);
    undo.push({ name: 'collector', fn: () => collector.close() });
    const inClusterGateway = serviceUrl(GATEWAY.service, namespace, GATEWAY.port);
    return {
      mode: 'kubernetes',
      proxyUrl: toxiproxy.url,
      gatewayUrl,
      collector,
      prometheus,
      reconcile: {
        dbPrefix: '',
        amqpPrefix: '',
        ...(databases === undefined ? {} : { databaseUrls: databases.databaseUrls }),
        readDlqs: (queues) => execDlqDepths(broker, queues),
      },
      ownedLinks: plan.environment.allow.links,
      kubernetes: {
        pods,
        broker,
        createStore: (runId, controller) => LeaseConfigMap.create(client, runId, controller),
      },
      ...(plan.load.engine === 'k6-operator'
        ? {
            load: k6OperatorRunLoad({
              client,
              prometheus: createPrometheusClient({ baseUrl: prometheus.url }),
              gatewayUrl: inClusterGateway,
              remoteWriteUrl: `${serviceUrl(PROMETHEUS.service, namespace, PROMETHEUS.port)}${PROMETHEUS.remoteWritePath}`,
              ...(o.parallelism === undefined ? {} : { parallelism: o.parallelism }),
            }),
          }
        : {}),
      stop,
    };
  } catch (err) {
    await stop();
    throw new FaultlineError('ERR_RUN_ENVIRONMENT', 'cannot attach to the Kubernetes namespace', {
      cause: err,
    });
  }
}

/**
 * Outside the cluster nothing sends fleet spans to this run's receiver (the Collector exports to the controller's
 * Service): the warning naming the trace checks that will see none, if there are any.
 */
export function traceBlindWarning(plan: ResolvedPlan): string | undefined {
  const ids = plan.checks.filter((c) => c.spec.type === 'trace').map((c) => c.id);
  if (ids.length === 0) return undefined;
  return `warning: trace checks ${ids.join(', ')} will see no fleet spans from outside the cluster (the Collector exports to the controller Job's receiver); run the experiment as the Job for them (docs/kubernetes-runner.md)`;
}

/** `host:port` (IPv4 or a name; port 0 = any free one) as collector options. */
export function listenAddress(text: string): { host: string; port: number } {
  const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(m?.[2]);
  if (!m?.[1] || port > 65535)
    throw new FaultlineError('ERR_K8S_OTLP_LISTEN', `FAULTLINE_OTLP_LISTEN must be host:port, got ${text}`);
  return { host: m[1], port };
}

function describeEntry(e: CleanupEntry): string {
  return `${e.status} ${e.runId} ${e.description}${e.detail === undefined ? '' : `: ${e.detail}`}`;
}

/** The in-cluster Toxiproxy holds every link the experiment may fault. */
async function checkLinks(url: string, links: readonly string[]): Promise<void> {
  const names = Object.keys(await new Toxiproxy(url).getAll());
  const missing = links.filter((l) => !names.includes(l));
  if (missing.length > 0)
    throw new FaultlineError(
      'ERR_K8S_TOXIPROXY',
      `the in-cluster Toxiproxy has no link named ${missing.join(', ')} (it has: ${names.join(', ') || 'none'})`,
    );
}
