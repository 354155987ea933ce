import { FaultlineError } from '../errors.js';
import { assertFaultAllowed } from './allowlist.js';
import { describeFault } from './describe-fault.js';
import type { FaultDeps, RemoveOutcome } from './fault-driver.js';
import { FAULT_DRIVERS, driverFor } from './fault-drivers.js';
import type { FaultAllowlist, FaultRecord, FaultRequest, ProcessIdentity } from './fault-record.js';
import type { FaultStateStore } from './fault-state-store.js';
import { RunStateStore } from './run-state.js';

/**
 * The controller's handle on the faults of one run:
 *
 *   apply(request) ─► allowlist check ─► prepare ─► write run-state ─► apply ─► lease timer
 *   remove(id) / lease end / removeAll() ─► driver.remove ─► drop from run-state
 *
 * Nothing is written or applied for a refused fault. A fault whose removal fails stays in the
 * run-state file, so `faultline cleanup` can retry it.
 */

/** Options of {@link FaultSession.start}. */
export interface FaultSessionOptions {
  runId: string;
  /** Folder of run-state files (see DEFAULT_STATE_DIR). */
  stateDir: string;
  /** This controller process (pid and start time), recorded for `cleanup`. */
  controller: ProcessIdentity;
  allow: FaultAllowlist;
  deps: FaultDeps;
  /** Receives the result of each removal triggered by a lease ending. */
  onLeaseRemoval?: (result: RemovalResult) => void;
  /** Where to keep the run state; default a new file `<stateDir>/<runId>.json`. */
  store?: FaultStateStore;
}

/** How one removal ended; `error` is set when it failed. */
export interface RemovalResult {
  id: string;
  description: string;
  outcome?: RemoveOutcome;
  error?: unknown;
}

export class FaultSession {
  private seq = 0;
  private readonly active = new Map<string, FaultRecord>();
  private readonly leaseTimers = new Map<string, NodeJS.Timeout>();
  private readonly removing = new Map<string, Promise<RemovalResult>>();

  private constructor(
    private readonly options: FaultSessionOptions,
    /** The run state of this run (its file, or its lease ConfigMap). */
    readonly store: FaultStateStore,
  ) {}

  /** Creates the run-state file (unless `store` is given) and returns a session with no faults. */
  static async start(options: FaultSessionOptions): Promise<FaultSession> {
    const store =
      options.store ?? (await RunStateStore.create(options.stateDir, options.runId, options.controller));
    return new FaultSession(options, store);
  }

  /** The one-line observable effect of a fault kind. */
  static observableEffect(kind: FaultRequest['kind']): string {
    return FAULT_DRIVERS[kind].observableEffect;
  }

  /** Faults applied and not yet removed. */
  activeFaults(): FaultRecord[] {
    return [...this.active.values()];
  }

  /** Checks, records, then applies a fault and starts its lease. Returns its record. */
  async apply(request: FaultRequest): Promise<FaultRecord> {
    assertFaultAllowed(request, this.options.allow);
    const id = `${this.options.runId}-${++this.seq}`;
    const driver = FAULT_DRIVERS[request.kind] as unknown as typeof FAULT_DRIVERS.toxic;
    const prepared = await driver.prepare(request as never, id, this.options.deps);
    const record = {
      ...prepared,
      kind: request.kind,
      id,
      leaseMs: request.leaseMs,
      recordedAt: new Date().toISOString(),
    } as FaultRecord;
    await this.store.add(record);
    this.active.set(id, record);
    try {
      await driverFor(record).apply(record, this.options.deps);
    } catch (err) {
      // The fault may be half-applied (e.g. the toxic was created but the reply was lost).
      const undo = await this.remove(id);
      const left = undo.error === undefined ? '' : '; it could not be undone and stays in the run-state file';
      throw new FaultlineError('ERR_FAULT_APPLY', `cannot apply ${describeFault(record)}${left}`, {
        cause: err,
      });
    }
    this.startLease(record);
    return record;
  }

  /** Removes one fault (idempotent; concurrent calls share one removal). Never throws. */
  remove(id: string): Promise<RemovalResult> {
    const pending = this.removing.get(id);
    if (pending) return pending;
    const record = this.active.get(id);
    if (!record)
      return Promise.resolve({ id, description: 'unknown fault', outcome: { status: 'already-gone' } });
    const run = this.runRemoval(record).finally(() => this.removing.delete(id));
    this.removing.set(id, run);
    return run;
  }

  /** Removes every active fault, newest first, continuing past failures. */
  async removeAll(): Promise<RemovalResult[]> {
    const results: RemovalResult[] = [];
    for (const record of [...this.active.values()].reverse()) results.push(await this.remove(record.id));
    return results;
  }

  /** Removes every fault, then deletes the run-state file if nothing is left in it. */
  async close(): Promise<RemovalResult[]> {
    const results = await this.removeAll();
    if (this.store.faults().length === 0) await this.store.delete();
    return results;
  }

  private async runRemoval(record: FaultRecord): Promise<RemovalResult> {
    const timer = this.leaseTimers.get(record.id);
    if (timer !== undefined) clearTimeout(timer);
    this.leaseTimers.delete(record.id);
    const description = describeFault(record);
    try {
      const outcome = await driverFor(record).remove(record, this.options.deps);
      this.active.delete(record.id);
      await this.store.remove(record.id);
      return { id: record.id, description, outcome };
    } catch (error) {
      return { id: record.id, description, error };
    }
  }

  private startLease(record: FaultRecord): void {
    // Kept referenced on purpose: the process must stay alive to remove the fault on time.
    const timer = setTimeout(() => {
      void this.remove(record.id).then((result) => this.options.onLeaseRemoval?.(result));
    }, record.leaseMs);
    this.leaseTimers.set(record.id, timer);
  }
}
