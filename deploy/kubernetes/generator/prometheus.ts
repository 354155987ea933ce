/**
 * The stack's own Prometheus (PROMETHEUS in chaos/kubernetes/contract.ts), run by the Prometheus Operator in the
 * stack's namespace: it scrapes through the ServiceMonitors and evaluates the PrometheusRule labelled part-of
 * faultline in this namespace only, and receives the k6 runners' remote write. Its ServiceAccount may only discover
 * targets in this namespace (a Role, no ClusterRole).
 */
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ServiceAccount } from 'kubernetes-models/v1';
import { LABELS, PART_OF, PROMETHEUS } from '../../../chaos/kubernetes/contract.js';
import type { Prometheus } from './custom-resources.js';
import { labels, meta, plain, type K8sObject } from './meta.js';

/** The ServiceAccount, Role and RoleBinding of the Prometheus pods. */
export const PROMETHEUS_ACCOUNT = 'faultline-prometheus';

/** What a namespaced Prometheus needs to discover ServiceMonitor targets (Endpoints or EndpointSlice discovery). */
const DISCOVERY_RULES = [
  { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
];

export function prometheusAccess(): K8sObject[] {
  const name = PROMETHEUS_ACCOUNT;
  const role = new Role({ metadata: meta(name, 'observability'), rules: DISCOVERY_RULES });
  const binding = new RoleBinding({
    metadata: meta(name, 'observability'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name }],
  });
  return [new ServiceAccount({ metadata: meta(name, 'observability') }), role, binding].map(plain);
}

/** The `Prometheus` object; `image` is the compose stack's pin (.env PROMETHEUS_IMAGE). */
export function prometheusServer(image: string): Prometheus {
  const version = /:(v\d+\.\d+\.\d+)$/.exec(image)?.[1];
  if (!version) throw new Error(`cannot read a Prometheus version from ${image}`);
  const ours = { [LABELS.partOf]: PART_OF };
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: meta(PROMETHEUS.name, 'observability'),
    spec: {
      replicas: 1,
      image,
      version,
      serviceAccountName: PROMETHEUS_ACCOUNT,
      // The operator sets app.kubernetes.io/name: prometheus itself; the runner finds the pod by it and part-of.
      podMetadata: { labels: labels(PROMETHEUS.podName, 'observability') },
      // No namespace selectors: the operator then looks in this namespace only.
      serviceMonitorSelector: { matchLabels: ours },
      ruleSelector: { matchLabels: ours },
      enableRemoteWriteReceiver: true,
      // As compose's Prometheus (--enable-feature=exemplar-storage, --storage.tsdb.retention.time=2d).
      enableFeatures: ['exemplar-storage'],
      retention: '2d',
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    },
  };
}
