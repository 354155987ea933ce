import { createServer } from 'node:net';

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * Finds `size` consecutive free loopback ports in [from, to) and returns the first. Tests use it
 * for a fleet of their own (the ports could be taken between the check and the bind; the fleet
 * start then fails loudly). The default range stays below Linux's ephemeral range (32768+), where
 * outgoing connections would take ports from under us.
 */
export async function allocatePortBlock(size: number, from = 22000, to = 32700): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + Math.floor(Math.random() * ((to - from - size) / 10)) * 10;
    let free = true;
    for (let p = base; p < base + size && free; p++) free = await tryListen(p);
    if (free) return base;
  }
  throw new Error(`no block of ${size} free ports found`);
}
