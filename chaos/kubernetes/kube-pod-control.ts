import type { PodControl } from '../faults/pod-control.js';
import { LABELS, PART_OF } from './contract.js';
import { isKubeNotFound, type KubeClient } from './kube-client.js';

interface PodList {
  items?: { metadata?: { name?: string; deletionTimestamp?: string }; status?: { phase?: string } }[];
}

/** The label selector of a fleet service's pods, as the generated manifests label them. */
export function serviceSelector(service: string): string {
  return `${LABELS.name}=${service},${LABELS.partOf}=${PART_OF}`;
}

/** The strategic-merge patch of `kubectl rollout restart`. */
export function rolloutRestartPatch(restartedAt: string): Record<string, unknown> {
  return {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } },
  };
}

/** {@link PodControl} over the API server, in the client's namespace (pods list/delete, deployments patch). */
export function kubePodControl(client: KubeClient): PodControl {
  const ns = client.namespace;
  return {
    namespace: ns,
    async podsOf(service) {
      const selector = encodeURIComponent(serviceSelector(service));
      const list = await client.request<PodList>(
        'GET',
        `/api/v1/namespaces/${ns}/pods?labelSelector=${selector}`,
      );
      return (list.items ?? [])
        .filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.phase === 'Running')
        .map((p) => p.metadata?.name)
        .filter((n): n is string => n !== undefined);
    },
    async deletePods(names) {
      for (const name of names) {
        try {
          await client.request('DELETE', `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`, {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            gracePeriodSeconds: 0,
          });
        } catch (err) {
          if (!isKubeNotFound(err)) throw err;
        }
      }
    },
    async restartDeployment(service, restartedAt) {
      await client.request(
        'PATCH',
        `/apis/apps/v1/namespaces/${ns}/deployments/${service}`,
        rolloutRestartPatch(restartedAt),
        'application/strategic-merge-patch+json',
      );
    },
  };
}
