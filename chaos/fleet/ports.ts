import { createServer } from 'node:net';

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * Blocks handed out by this process and not yet bound by their users: a fleet takes three blocks
 * (services, admin ports, proxy listens) before it binds any of them, so without this the second
 * block could land on the first one's still-free ports. A reservation lapses after two minutes;
 * by then its ports are bound (and `tryListen` sees them taken) or the start has failed.
 */
const handedOut: { start: number; end: number; untilMs: number }[] = [];
const RESERVATION_MS = 120_000;

function overlapsHandedOut(start: number, end: number, nowMs: number): boolean {
  for (let i = handedOut.length - 1; i >= 0; i--)
    if ((handedOut[i] as { untilMs: number }).untilMs < nowMs) handedOut.splice(i, 1);
  return handedOut.some((b) => start < b.end && b.start < end);
}

/**
 * Finds `size` consecutive free loopback ports in [from, to) and returns the first. Tests and the
 * runner use it for a fleet of their own (the ports could be taken by another process between the
 * check and the bind; the fleet start then fails loudly). The default range stays below Linux's
 * ephemeral range (32768+), where outgoing connections would take ports from under us.
 */
export async function allocatePortBlock(size: number, from = 22000, to = 32700): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + Math.floor(Math.random() * ((to - from - size) / 10)) * 10;
    if (overlapsHandedOut(base, base + size, Date.now())) continue;
    let free = true;
    for (let p = base; p < base + size && free; p++) free = await tryListen(p);
    if (free && !overlapsHandedOut(base, base + size, Date.now())) {
      handedOut.push({ start: base, end: base + size, untilMs: Date.now() + RESERVATION_MS });
      return base;
    }
  }
  throw new Error(`no block of ${size} free ports found`);
}
