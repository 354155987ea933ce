import { FaultlineError } from '../errors.js';
import type { FaultDriver } from './fault-driver.js';
import { requireProcessControl, resolveServiceProcess, signalRecorded } from './process-target.js';

/** SIGKILL a fleet service; removal starts it again (only the controller that runs the fleet can). */
export const processKillFault: FaultDriver<'process-kill'> = {
  kind: 'process-kill',
  observableEffect: "the service's connections drop at once and its port refuses until it is restarted",
  prepare(request, _id, deps) {
    return Promise.resolve({
      service: request.service,
      process: resolveServiceProcess(deps, request.service),
    });
  },
  apply(record) {
    if (!signalRecorded(record.process, 'SIGKILL')) {
      throw new FaultlineError('ERR_FAULT_NO_PROCESS', `service ${record.service} exited before the kill`);
    }
    return Promise.resolve();
  },
  async remove(record, deps) {
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
