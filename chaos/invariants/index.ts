export { INVARIANT_IDS, INVARIANT_TITLES, type InvariantId, type Violation } from './invariant.js';
export {
  evaluateSnapshot,
  reconcile,
  FLEET_CONSUMER_QUEUES,
  RECONCILE_DEFAULTS,
  type ReconcileOptions,
  type ReconcileReport,
} from './reconcile.js';
export type { FleetSnapshot, EvaluateOptions } from './snapshot.js';
