/** The fault library: typed faults with apply/remove, run-state bookkeeping, leases, cleanup. */
export { assertFaultAllowed, refusalReason, MAX_FAULT_LEASE_MS } from './allowlist.js';
export { localBrokerControl, type BrokerControl, type LocalBrokerOptions } from './broker-control.js';
export {
  cleanupDeadRuns,
  type CleanupEntry,
  type CleanupOptions,
  type CleanupReport,
} from './cleanup-runs.js';
export { describeFault } from './describe-fault.js';
export type { FaultDeps, FaultDriver, RemoveOutcome } from './fault-driver.js';
export { FAULT_DRIVERS } from './fault-drivers.js';
export type { FaultAllowlist, FaultRecord, FaultRequest, ProcessIdentity } from './fault-record.js';
export { FaultSession, type FaultSessionOptions, type RemovalResult } from './fault-session.js';
export { processIdentity } from './proc-stat.js';
export type { ProcessControl } from './process-control.js';
export { DEFAULT_STATE_DIR, readRunState, type RunState } from './run-state.js';
export type { FaultStateStore } from './fault-state-store.js';
export type { PodControl } from './pod-control.js';
