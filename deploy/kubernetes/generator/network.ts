/**
 * NetworkPolicies: Toxiproxy (admin API and link listeners) and the fleet (API and admin ports) take connections only
 * from pods of this namespace, which is where the stack's Prometheus scrapes from (prometheus.ts).
 */
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1';
import { LABELS, TOXIPROXY } from '../../../chaos/kubernetes/contract.js';
import { meta, plain, type K8sObject } from './meta.js';

const sameNamespace: INetworkPolicyPeer = { podSelector: {} };

export function networkPolicies(): K8sObject[] {
  const proxy = new NetworkPolicy({
    metadata: meta('toxiproxy-namespace-only', 'proxy'),
    spec: {
      podSelector: { matchLabels: { [LABELS.name]: TOXIPROXY.name } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [sameNamespace] }],
    },
  });
  const fleet = new NetworkPolicy({
    metadata: meta('fleet-admin-namespace-only', 'fleet'),
    spec: {
      podSelector: { matchLabels: { [LABELS.component]: 'fleet' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [sameNamespace] }],
    },
  });
  return [proxy, fleet].map(plain);
}
