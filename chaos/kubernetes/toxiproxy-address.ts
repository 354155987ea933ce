import type { KubeClient } from './kube-client.js';
import { TOXIPROXY } from './contract.js';
import { forwardPort, runningPodOf, serviceUrl, type ForwardedPort } from './port-forward.js';

/**
 * How the controller reaches the in-cluster Toxiproxy admin API: inside the cluster (the
 * controller Job) by its Service address; outside, through a port-forward to its pod. The
 * NetworkPolicies keep the admin port inside the namespace, so nothing else can.
 */
export async function reachToxiproxy(client: KubeClient, inCluster: boolean): Promise<ForwardedPort> {
  if (inCluster)
    return {
      url: serviceUrl(TOXIPROXY.name, client.namespace, TOXIPROXY.adminPort),
      close: () => Promise.resolve(),
    };
  const pod = await runningPodOf(client, TOXIPROXY.name);
  return forwardPort(client, pod, TOXIPROXY.adminPort);
}

/** True when this process runs in a pod (the ServiceAccount environment Kubernetes sets). */
export function isInCluster(env: Readonly<Record<string, string | undefined>>): boolean {
  return env['KUBERNETES_SERVICE_HOST'] !== undefined && env['KUBERNETES_SERVICE_PORT'] !== undefined;
}
