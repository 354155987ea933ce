import { randomFillSync } from 'node:crypto';

/**
 * Random hex from a pre-filled buffer of crypto bytes (refilled when spent): one syscall per
 * `poolBytes` instead of one per trace id. Default pool 64 KiB.
 */
export function pooledRandomHex(poolBytes = 65_536): (bytes: number) => string {
  const pool = Buffer.alloc(poolBytes);
  let offset = poolBytes;
  return (bytes) => {
    if (bytes > poolBytes) throw new RangeError(`at most ${poolBytes} random bytes at a time`);
    if (offset + bytes > poolBytes) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    return hex;
  };
}
