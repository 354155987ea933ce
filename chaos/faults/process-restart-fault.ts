import type { FaultDriver } from './fault-driver.js';
import { requireProcessControl, resolveServiceProcess } from './process-target.js';

/** A graceful restart (SIGTERM, then start again) of a fleet service; nothing is left to remove. */
export const processRestartFault: FaultDriver<'process-restart'> = {
  kind: 'process-restart',
  observableEffect: 'the service drains, is briefly unavailable, and comes back under a new pid',
  prepare(request, _id, deps) {
    return Promise.resolve({
      service: request.service,
      process: resolveServiceProcess(deps, request.service),
    });
  },
  async apply(record, deps) {
    await requireProcessControl(deps).restart(record.service);
  },
  remove() {
    return Promise.resolve({ status: 'already-gone' });
  },
};
