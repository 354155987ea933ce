import { brokerAppStopFault } from './broker-app-stop-fault.js';
import { brokerMemoryAlarmFault } from './broker-memory-alarm-fault.js';
import type { FaultDriver } from './fault-driver.js';
import type { FaultRecord } from './fault-record.js';
import type { FaultKind } from './fault-spec.js';
import { linkDownFault } from './link-down-fault.js';
import { processKillFault } from './process-kill-fault.js';
import { processPauseFault } from './process-pause-fault.js';
import { processRestartFault } from './process-restart-fault.js';
import { toxicFault } from './toxic-fault.js';

/** Every fault kind's driver: adding a kind is one file plus one line here. */
export const FAULT_DRIVERS: { readonly [K in FaultKind]: FaultDriver<K> } = {
  toxic: toxicFault,
  'link-down': linkDownFault,
  'process-kill': processKillFault,
  'process-pause': processPauseFault,
  'process-restart': processRestartFault,
  'broker-memory-alarm': brokerMemoryAlarmFault,
  'broker-app-stop': brokerAppStopFault,
};

/** The driver of a record's kind, typed for that record. */
export function driverFor<R extends FaultRecord>(record: R): FaultDriver<R['kind']> {
  return FAULT_DRIVERS[record.kind] as unknown as FaultDriver<R['kind']>;
}
