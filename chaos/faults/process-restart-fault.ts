import { NOT_OWNED_PROCESSES } from './environment-modes.js';
import type { FaultDriver } from './fault-driver.js';
import { requirePods } from './process-kill-fault.js';
import { requireProcessControl, resolveServiceProcess } from './process-target.js';

/**
 * A graceful restart (SIGTERM, then start again) of a fleet service; nothing is left to remove.
 * On Kubernetes: a rollout restart of the service's Deployment.
 */
export const processRestartFault: FaultDriver<'process-restart'> = {
  kind: 'process-restart',
  observableEffect: 'the service drains, is briefly unavailable, and comes back under a new pid',
  modes: { embedded: true, attach: NOT_OWNED_PROCESSES, kubernetes: true },
  prepare(request, _id, deps) {
    if (deps.pods !== undefined)
      return Promise.resolve({ service: request.service, namespace: deps.pods.namespace, pods: [] });
    return Promise.resolve({
      service: request.service,
      process: resolveServiceProcess(deps, request.service),
    });
  },
  async apply(record, deps) {
    if ('pods' in record) {
      await requirePods(deps, record.namespace).restartDeployment(record.service, record.recordedAt);
      return;
    }
    await requireProcessControl(deps).restart(record.service);
  },
  remove() {
    return Promise.resolve({ status: 'already-gone' });
  },
};
