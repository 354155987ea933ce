import type { PlanFault } from '../experiment/plan.js';
import type { FaultRequest } from '../faults/index.js';
import type { FleetService } from '../faults/fault-spec.js';

/** The fault library's request for a planned fault. Pure. */
export function faultRequestOf(fault: PlanFault): FaultRequest {
  const leaseMs = fault.leaseMs;
  switch (fault.kind) {
    case 'toxic':
      if (fault.toxic === undefined) throw new Error(`fault ${fault.name} has no toxic`);
      return { kind: 'toxic', leaseMs, link: fault.target, toxic: fault.toxic as never };
    case 'link-down':
      return { kind: 'link-down', leaseMs, link: fault.target };
    case 'process-kill':
    case 'process-pause':
    case 'process-restart':
      return { kind: fault.kind, leaseMs, service: fault.target as FleetService };
    case 'broker-memory-alarm':
    case 'broker-app-stop':
      return { kind: fault.kind, leaseMs };
  }
}
