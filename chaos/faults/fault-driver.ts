import type { BrokerControl } from './broker-control.js';
import type { ModeSupport } from './environment-modes.js';
import type { FaultKind } from './fault-spec.js';
import type { RecordOf, RequestOf } from './fault-record.js';
import type { PodControl } from './pod-control.js';
import type { ProcessControl } from './process-control.js';

/** What a driver may use besides the record. `processes` is absent in `faultline cleanup`. */
export interface FaultDeps {
  /** Toxiproxy API URL of the proxy holding the links, e.g. `http://127.0.0.1:8474`. Needed to apply link faults. */
  proxyUrl?: string;
  /**
   * True when that proxy runs inside the controller process (the embedded environment): its
   * toxics and disabled links die with the controller, so `cleanup` has nothing to undo there.
   */
  proxyInController?: boolean;
  processes?: ProcessControl;
  /** Kubernetes mode: pods and Deployments of the namespace (kill, restart). */
  pods?: PodControl;
  broker: BrokerControl;
}

/** How a removal ended. `already-gone`: nothing was left to undo; `not-undoable`: see `note`. */
export type RemoveOutcome =
  { status: 'removed' } | { status: 'already-gone' } | { status: 'not-undoable'; note: string };

/** The fields a driver adds to a request to make a record (before `id`, `leaseMs`, `recordedAt`). */
export type PreparedFields<K extends FaultKind> = Omit<RecordOf<K>, 'id' | 'leaseMs' | 'recordedAt' | 'kind'>;

/**
 * One fault kind: `prepare` gathers what undoing needs (without changing anything), `apply` injects
 * the fault, `remove` undoes it from the record alone, so another process can run it.
 */
export interface FaultDriver<K extends FaultKind> {
  kind: K;
  /** One line: what an observer sees while the fault is active. */
  observableEffect: string;
  /** The environment modes it can run in, or why not; validation refuses the others. */
  modes: ModeSupport;
  prepare(request: RequestOf<K>, id: string, deps: FaultDeps): Promise<PreparedFields<K>>;
  apply(record: RecordOf<K>, deps: FaultDeps): Promise<void>;
  remove(record: RecordOf<K>, deps: FaultDeps): Promise<RemoveOutcome>;
}
