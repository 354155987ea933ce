import type { FaultDriver } from './fault-driver.js';
import { READ_WATERMARK_EXPR, parseWatermark } from './broker-watermark.js';

/**
 * The broker's memory alarm: the watermark is set to 0, which raises the alarm at once, so the
 * broker blocks every publishing connection (`connection.blocked`). Removal restores the previous
 * watermark read in `prepare` (runtime setting only; a broker restart also restores its config).
 */
export const brokerMemoryAlarmFault: FaultDriver<'broker-memory-alarm'> = {
  kind: 'broker-memory-alarm',
  observableEffect: 'publishers get connection.blocked and their publishes stall; consumers keep consuming',
  modes: { embedded: true, attach: true, kubernetes: true },
  async prepare(_request, _id, deps) {
    const printed = await deps.broker.rabbitmqctl(['eval', READ_WATERMARK_EXPR]);
    return { previousWatermark: parseWatermark(printed) };
  },
  async apply(_record, deps) {
    await deps.broker.rabbitmqctl(['set_vm_memory_high_watermark', '0']);
  },
  async remove(record, deps) {
    await deps.broker.rabbitmqctl(['set_vm_memory_high_watermark', ...record.previousWatermark]);
    return { status: 'removed' };
  },
};
