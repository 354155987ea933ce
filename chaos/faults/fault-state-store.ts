import type { FaultRecord } from './fault-record.js';

/**
 * Where a fault session keeps its run state, written before each fault is applied: a file
 * (`RunStateStore`, the default) or, in kubernetes mode, a lease ConfigMap in the namespace
 * (chaos/kubernetes/lease-config-map.ts). Writes resolve once the state is durable.
 */
export interface FaultStateStore {
  /** Where the state lives, for messages: a file path, or `configmap/<namespace>/<name>`. */
  readonly path: string;
  readonly runId: string;
  /** The faults currently recorded (a copy). */
  faults(): FaultRecord[];
  add(record: FaultRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Deletes the state (the run ended with every fault removed). */
  delete(): Promise<void>;
}
