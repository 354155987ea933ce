import type { FaultKind, FleetService, ToxicSpec } from './fault-spec.js';

/**
 * What the controller asks for (`FaultRequest`) and what it writes to the run-state file before
 * applying (`FaultRecord`). A record is plain JSON and carries everything needed to undo the fault
 * from another process (`faultline cleanup`): proxy URL and names, pids with their start times,
 * the broker's previous watermark.
 */

interface RequestBase {
  /** Maximum duration of the fault in ms; it is removed when the lease ends. */
  leaseMs: number;
}

/** A fault to inject, as the runner builds it from an experiment. */
export type FaultRequest =
  | (RequestBase & { kind: 'toxic'; link: string; toxic: ToxicSpec })
  | (RequestBase & { kind: 'link-down'; link: string })
  | (RequestBase & { kind: 'process-kill'; service: FleetService })
  | (RequestBase & { kind: 'process-pause'; service: FleetService })
  | (RequestBase & { kind: 'process-restart'; service: FleetService })
  | (RequestBase & { kind: 'broker-memory-alarm' })
  | (RequestBase & { kind: 'broker-app-stop' });

interface RecordBase {
  /** Unique within the run: `<runId>-<seq>`. */
  id: string;
  leaseMs: number;
  /** ISO time the record was written (just before the fault was applied). */
  recordedAt: string;
}

/** A process as identified on Linux: pid plus its start time (clock ticks since boot, /proc stat field 22). */
export interface ProcessIdentity {
  pid: number;
  startTicks: number;
}

/** Where a link fault lives. */
interface ProxyFields {
  proxyUrl: string;
  /** Set when the proxy ran inside the controller: the fault ended with the controller's process. */
  proxyInController?: true;
}

export type ToxicRecord = RecordBase &
  ProxyFields & {
    kind: 'toxic';
    link: string;
    toxicName: string;
    toxic: ToxicSpec;
  };
export type LinkDownRecord = RecordBase & ProxyFields & { kind: 'link-down'; link: string };
interface ProcessFields {
  service: FleetService;
  /** The service process when the fault was recorded. */
  process: ProcessIdentity;
}
/** The same faults on Kubernetes (see PodControl): the pods deleted, or the Deployment restarted. */
interface PodFields {
  service: FleetService;
  namespace: string;
  /** Pods deleted by a kill; empty for a restart. */
  pods: string[];
}
export type ProcessKillRecord = RecordBase & (ProcessFields | PodFields) & { kind: 'process-kill' };
export type ProcessPauseRecord = RecordBase & ProcessFields & { kind: 'process-pause' };
export type ProcessRestartRecord = RecordBase & (ProcessFields | PodFields) & { kind: 'process-restart' };
export type BrokerMemoryAlarmRecord = RecordBase & {
  kind: 'broker-memory-alarm';
  /** The watermark before the fault, as `rabbitmqctl set_vm_memory_high_watermark` arguments. */
  previousWatermark: string[];
};
export type BrokerAppStopRecord = RecordBase & { kind: 'broker-app-stop' };

/** One fault in the run-state file. */
export type FaultRecord =
  | ToxicRecord
  | LinkDownRecord
  | ProcessKillRecord
  | ProcessPauseRecord
  | ProcessRestartRecord
  | BrokerMemoryAlarmRecord
  | BrokerAppStopRecord;

/** Narrows a record to one kind. */
export type RecordOf<K extends FaultKind> = Extract<FaultRecord, { kind: K }>;
/** Narrows a request to one kind. */
export type RequestOf<K extends FaultKind> = Extract<FaultRequest, { kind: K }>;

/** Which targets an environment allows faults on (the experiment's `environment.allow`). */
export interface FaultAllowlist {
  links: readonly string[];
  services: readonly string[];
  /** Broker faults need a broker nothing else uses. Default false. */
  brokerDisposable: boolean;
  /** Kubernetes mode: the one namespace a run may touch. */
  namespace?: string;
}
