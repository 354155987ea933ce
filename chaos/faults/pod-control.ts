import type { FleetService } from './fault-spec.js';

/**
 * What process faults need in kubernetes mode (chaos/kubernetes implements it against the API
 * server, in one namespace): kill = pod delete, restart = rollout restart.
 */
export interface PodControl {
  /** The one namespace every request stays in. */
  readonly namespace: string;
  /** Names of the service's pods (label `app.kubernetes.io/name=<service>`); `ERR_K8S_*` on API errors. */
  podsOf(service: FleetService): Promise<string[]>;
  /** Deletes the pods now (grace period 0); a pod already gone is not an error. */
  deletePods(names: readonly string[]): Promise<void>;
  /** `kubectl rollout restart`: stamps `kubectl.kubernetes.io/restartedAt` on the pod template. */
  restartDeployment(service: FleetService, restartedAt: string): Promise<void>;
}
