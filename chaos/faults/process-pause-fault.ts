import { NOT_OWNED_PROCESSES } from './environment-modes.js';
import { FaultlineError } from '../errors.js';
import type { FaultDriver } from './fault-driver.js';
import { resolveServiceProcess, signalRecorded } from './process-target.js';

/** SIGSTOP a fleet service for the window; removal sends SIGCONT (also from `cleanup`). */
export const processPauseFault: FaultDriver<'process-pause'> = {
  kind: 'process-pause',
  observableEffect: 'the service accepts connections but answers nothing; its broker consumers stall',
  modes: {
    embedded: true,
    attach: NOT_OWNED_PROCESSES,
    kubernetes:
      'pausing a container needs a node agent (SIGSTOP in the pod), which Faultline does not deploy; use process-kill or process-restart',
  },
  prepare(request, _id, deps) {
    return Promise.resolve({
      service: request.service,
      process: resolveServiceProcess(deps, request.service),
    });
  },
  apply(record) {
    if (!signalRecorded(record.process, 'SIGSTOP')) {
      throw new FaultlineError('ERR_FAULT_NO_PROCESS', `service ${record.service} exited before the pause`);
    }
    return Promise.resolve();
  },
  remove(record) {
    return Promise.resolve(
      signalRecorded(record.process, 'SIGCONT') ? { status: 'removed' } : { status: 'already-gone' },
    );
  },
};
