import { FaultlineError } from '../errors.js';
import type { FaultRecord, ProcessIdentity } from './fault-record.js';

/** A run's state: the faults it has (or may have) applied and not yet removed. */
export interface RunState {
  version: 1;
  runId: string;
  /** The controller process; `cleanup` only touches runs whose controller is gone. */
  controller: ProcessIdentity;
  createdAt: string;
  faults: FaultRecord[];
}

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

/**
 * The bookkeeping both stores share: the state in memory, and every change written through one
 * serial queue, so concurrent add/remove calls never lose an update and each resolves once its
 * write is durable. A backend says only how to write the whole state (`persist`) and delete it.
 */
export abstract class SerialStateStore implements FaultStateStore {
  private queue: Promise<void> = Promise.resolve();

  protected constructor(protected readonly state: RunState) {}

  abstract readonly path: string;

  /** Writes the whole state durably. */
  protected abstract persist(): Promise<void>;

  get runId(): string {
    return this.state.runId;
  }

  /** The controller process that owns the run. */
  get controller(): ProcessIdentity {
    return this.state.controller;
  }

  faults(): FaultRecord[] {
    return [...this.state.faults];
  }

  /** Records a fault; resolves once it is durably written. */
  add(record: FaultRecord): Promise<void> {
    return this.enqueue(() => this.state.faults.push(record));
  }

  /** Forgets a removed fault; resolves once the written state no longer lists it. */
  remove(id: string): Promise<void> {
    return this.enqueue(() => {
      this.state.faults = this.state.faults.filter((f) => f.id !== id);
    });
  }

  abstract delete(): Promise<void>;

  /** Waits for the writes already queued (their failures were reported to their callers). */
  protected settled(): Promise<void> {
    return this.queue.catch(() => undefined);
  }

  protected enqueue(mutate: () => void): Promise<void> {
    const next = this.settled().then(async () => {
      mutate();
      try {
        await this.persist();
      } catch (err) {
        throw new FaultlineError('ERR_RUN_STATE_WRITE', `cannot write the run state ${this.path}`, {
          cause: err,
        });
      }
    });
    this.queue = next;
    return next;
  }
}
