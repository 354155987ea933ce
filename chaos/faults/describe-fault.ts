import type { FaultRecord, FaultRequest } from './fault-record.js';

/** A short human label for a fault, e.g. `toxic latency on link payment-psp`, `process-pause of payment`. */
export function describeFault(fault: FaultRequest | FaultRecord): string {
  switch (fault.kind) {
    case 'toxic':
      return `toxic ${fault.toxic.type} (${fault.toxic.stream}) on link ${fault.link}`;
    case 'link-down':
      return `link-down of link ${fault.link}`;
    case 'process-kill':
    case 'process-pause':
    case 'process-restart':
      return `${fault.kind} of ${fault.service}`;
    case 'broker-memory-alarm':
    case 'broker-app-stop':
      return `${fault.kind} on the broker`;
  }
}
