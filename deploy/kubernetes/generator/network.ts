/**
 * NetworkPolicies: Toxiproxy (admin API and link listeners) and the fleet's admin ports take connections only from
 * pods of this namespace. The one exception is Prometheus (monitoring namespace) on the ports it scrapes: the fleet's
 * `http` port and Toxiproxy's admin port (Toxiproxy serves /metrics there; a policy cannot filter by path).
 */
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1';
import { LABELS, TOXIPROXY } from '../../../chaos/kubernetes/contract.js';
import { meta, MONITORING, plain, type K8sObject } from './meta.js';

const sameNamespace: INetworkPolicyPeer = { podSelector: {} };
const prometheus: INetworkPolicyPeer = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': MONITORING.namespace } },
  podSelector: { matchLabels: MONITORING.prometheusPodLabels },
};

export function networkPolicies(): K8sObject[] {
  const proxy = new NetworkPolicy({
    metadata: meta('toxiproxy-namespace-only', 'proxy'),
    spec: {
      podSelector: { matchLabels: { [LABELS.name]: TOXIPROXY.name } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [sameNamespace] },
        { from: [prometheus], ports: [{ protocol: 'TCP', port: TOXIPROXY.adminPort }] },
      ],
    },
  });
  const fleet = new NetworkPolicy({
    metadata: meta('fleet-admin-namespace-only', 'fleet'),
    spec: {
      podSelector: { matchLabels: { [LABELS.component]: 'fleet' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [sameNamespace] },
        // The API, health and /metrics port (named `http` in every fleet pod); never `admin`.
        { from: [prometheus], ports: [{ protocol: 'TCP', port: 'http' }] },
      ],
    },
  });
  return [proxy, fleet].map(plain);
}
