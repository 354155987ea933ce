import { FaultlineError } from '../errors.js';
import { NOT_OWNED_PROCESSES } from './environment-modes.js';
import type { FaultDriver } from './fault-driver.js';
import { requireProcessControl, resolveServiceProcess, signalRecorded } from './process-target.js';

/**
 * SIGKILL a fleet service; removal starts it again (only the controller that runs the fleet can).
 * On Kubernetes: delete the service's pods (grace period 0); the Deployment starts new ones.
 */
export const processKillFault: FaultDriver<'process-kill'> = {
  kind: 'process-kill',
  observableEffect: "the service's connections drop at once and its port refuses until it is restarted",
  modes: { embedded: true, attach: NOT_OWNED_PROCESSES, kubernetes: true },
  async prepare(request, _id, deps) {
    if (deps.pods !== undefined) {
      const pods = await deps.pods.podsOf(request.service);
      if (pods.length === 0)
        throw new FaultlineError(
          'ERR_FAULT_NO_PROCESS',
          `service ${request.service} has no pod in namespace ${deps.pods.namespace}`,
        );
      return { service: request.service, namespace: deps.pods.namespace, pods };
    }
    return { service: request.service, process: resolveServiceProcess(deps, request.service) };
  },
  async apply(record, deps) {
    if ('pods' in record) {
      await requirePods(deps, record.namespace).deletePods(record.pods);
      return;
    }
    if (!signalRecorded(record.process, 'SIGKILL')) {
      throw new FaultlineError('ERR_FAULT_NO_PROCESS', `service ${record.service} exited before the kill`);
    }
  },
  async remove(record, deps) {
    // The Deployment's ReplicaSet replaces deleted pods by itself: nothing is left to undo.
    if ('pods' in record) return { status: 'already-gone' };
    if (deps.processes === undefined) {
      return {
        status: 'not-undoable',
        note: `${record.service} stays down: restart the fleet to bring it back`,
      };
    }
    await requireProcessControl(deps).restart(record.service);
    return { status: 'removed' };
  },
};

/** The pod control of the record's namespace, or `ERR_FAULT_NO_POD_CONTROL`. */
export function requirePods(deps: Parameters<FaultDriver<'process-kill'>['apply']>[1], namespace: string) {
  if (deps.pods === undefined || deps.pods.namespace !== namespace)
    throw new FaultlineError(
      'ERR_FAULT_NO_POD_CONTROL',
      `this fault needs the Kubernetes API of namespace ${namespace}`,
    );
  return deps.pods;
}
