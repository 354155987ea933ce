import { FaultlineError } from '../errors.js';
import type { FaultAllowlist, FaultRequest } from './fault-record.js';

/** Longest lease a fault may carry: 1 h (ms). */
export const MAX_FAULT_LEASE_MS = 60 * 60 * 1000;

/**
 * Why `request` may not be applied in an environment with `allow`, or `undefined` when it may.
 * Pure: the session calls it before anything is written or applied.
 */
export function refusalReason(request: FaultRequest, allow: FaultAllowlist): string | undefined {
  switch (request.kind) {
    case 'toxic':
    case 'link-down':
      return allow.links.includes(request.link)
        ? undefined
        : `link \`${request.link}\` is not in the environment's allowlist (allow.links: [${allow.links.join(', ')}])`;
    case 'process-kill':
    case 'process-pause':
    case 'process-restart':
      return allow.services.includes(request.service)
        ? undefined
        : `service \`${request.service}\` is not in the environment's allowlist (allow.services: [${allow.services.join(', ')}])`;
    case 'broker-memory-alarm':
    case 'broker-app-stop':
      return allow.brokerDisposable
        ? undefined
        : `a ${request.kind} fault needs a broker the environment marks disposable (allow.brokerDisposable: true)`;
  }
}

/** Throws `ERR_INPUT_FAULT_NOT_ALLOWED` or `ERR_INPUT_FAULT_LEASE` when `request` must be refused. */
export function assertFaultAllowed(request: FaultRequest, allow: FaultAllowlist): void {
  const reason = refusalReason(request, allow);
  if (reason !== undefined)
    throw new FaultlineError('ERR_INPUT_FAULT_NOT_ALLOWED', `fault refused: ${reason}`);
  const lease = request.leaseMs;
  if (!Number.isInteger(lease) || lease <= 0 || lease > MAX_FAULT_LEASE_MS) {
    throw new FaultlineError(
      'ERR_INPUT_FAULT_LEASE',
      `fault refused: leaseMs must be an integer from 1 to ${MAX_FAULT_LEASE_MS}, got ${String(lease)}`,
    );
  }
}
