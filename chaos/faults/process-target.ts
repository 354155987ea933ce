import { FaultlineError } from '../errors.js';
import type { FaultDeps } from './fault-driver.js';
import type { ProcessIdentity } from './fault-record.js';
import type { FleetService } from './fault-spec.js';
import type { ProcessControl } from './process-control.js';
import { isSameProcessAlive, processIdentity } from './proc-stat.js';

/** The process control, or `ERR_FAULT_NO_PROCESS_CONTROL` (e.g. in `cleanup`, or in compose mode). */
export function requireProcessControl(deps: FaultDeps): ProcessControl {
  if (deps.processes === undefined) {
    throw new FaultlineError(
      'ERR_FAULT_NO_PROCESS_CONTROL',
      'process faults need a fleet started by this controller',
    );
  }
  return deps.processes;
}

/** The running process of `service` (pid plus start time), or `ERR_FAULT_NO_PROCESS`. */
export function resolveServiceProcess(deps: FaultDeps, service: FleetService): ProcessIdentity {
  const pid = requireProcessControl(deps).pidOf(service);
  const id = pid === undefined ? undefined : processIdentity(pid);
  if (id === undefined) throw new FaultlineError('ERR_FAULT_NO_PROCESS', `service ${service} is not running`);
  return id;
}

/**
 * Sends `signal` to the process only if it is still the very process recorded (same pid and start
 * time), so a reused pid is never signalled. Returns false when the process is gone.
 */
export function signalRecorded(id: ProcessIdentity, signal: NodeJS.Signals): boolean {
  if (!isSameProcessAlive(id)) return false;
  try {
    process.kill(id.pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw new FaultlineError('ERR_FAULT_SIGNAL', `cannot send ${signal} to pid ${id.pid}`, { cause: err });
  }
}
