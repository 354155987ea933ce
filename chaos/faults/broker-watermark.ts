import { FaultlineError } from '../errors.js';

/** Erlang expression printing the broker's current memory high watermark. */
export const READ_WATERMARK_EXPR = 'vm_memory_monitor:get_vm_memory_high_watermark().';

/**
 * Turns the printed watermark (`0.4`, `{absolute,1073741824}` or `{absolute,"1GB"}`) into the
 * arguments of `rabbitmqctl set_vm_memory_high_watermark` that restore it.
 */
export function parseWatermark(printed: string): string[] {
  const text = printed.trim();
  if (/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return [text];
  const absolute = /^\{absolute,\s*"?([0-9A-Za-z.]+)"?\}$/.exec(text);
  if (absolute?.[1] !== undefined) return ['absolute', absolute[1]];
  throw new FaultlineError(
    'ERR_FAULT_BROKER_WATERMARK',
    `cannot parse the broker's memory watermark: ${text}`,
  );
}
