import type { FleetService } from './fault-spec.js';

/**
 * What process faults need from whoever runs the fleet (the fleet launcher implements it).
 * Kill and pause signal the pid directly; restart and "start again after a kill" go through here.
 */
export interface ProcessControl {
  /** The pid of the running service, or `undefined` when it is not running. */
  pidOf(service: FleetService): number | undefined;
  /** Stops the service gracefully (SIGTERM) if it runs, then starts it again; resolves when it is up. */
  restart(service: FleetService): Promise<void>;
}
