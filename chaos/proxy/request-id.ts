import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const machine = randomBytes(3);
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A 20-character request id in the shape of the `xid` ids Toxiproxy sends in
 * `X-Toxiproxy-Request-Id`: 12 bytes (time, machine, pid, counter) in base32hex.
 */
export function requestId(nowMs: number = Date.now()): string {
  const b = Buffer.alloc(12);
  b.writeUInt32BE(Math.floor(nowMs / 1000) >>> 0, 0);
  machine.copy(b, 4);
  b.writeUInt16BE(process.pid & 0xffff, 7);
  counter = (counter + 1) & 0xffffff;
  b.writeUIntBE(counter, 9, 3);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
