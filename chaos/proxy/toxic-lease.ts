/**
 * Proxy-side fault leases: a toxic created with Faultline's extra body field `lease_ms` is removed
 * by the proxy itself when the lease ends, so it cannot outlive a controller that died.
 *
 *   POST /proxies/p/toxics {..., "lease_ms": 5000}
 *        │ schedule(p, t, 5000)
 *        ▼
 *   timer (unref'd) ──expires──► onExpire(p, t)  (the server removes the toxic)
 *        ▲
 *   cancel(p, t) on DELETE of the toxic · cancelProxy(p) on DELETE of the proxy · cancelAll() on /reset
 *
 * Real Toxiproxy ignores unknown keys, so `lease_ms` stays wire-compatible. Standalone: imports
 * nothing outside chaos/proxy/.
 */

/** Longest lease accepted: 24 h (in ms). Longer values are clamped. */
export const MAX_LEASE_MS = 24 * 60 * 60 * 1000;

/** Called when a lease ends; must remove the toxic (and tolerate it being gone already). */
export type LeaseExpired = (proxy: string, toxic: string) => void;

/**
 * Reads `lease_ms` from a toxic-create body (raw JSON text). Returns the lease in ms, or
 * `undefined` when absent or not a positive finite number (ignored, like any unknown key).
 */
export function readLeaseMs(body: string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const value = (parsed as Record<string, unknown>)['lease_ms'];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.min(Math.ceil(value), MAX_LEASE_MS);
}

/** The active leases of one proxy server, keyed by proxy and toxic name. */
export class ToxicLeases {
  private readonly timers = new Map<string, Map<string, NodeJS.Timeout>>();

  /** @param onExpire removes the toxic when its lease ends (errors are swallowed). */
  constructor(private readonly onExpire: LeaseExpired) {}

  /** Starts (or restarts) the lease of `toxic` on `proxy`, ending after `leaseMs` ms. */
  schedule(proxy: string, toxic: string, leaseMs: number): void {
    this.cancel(proxy, toxic);
    const timer = setTimeout(
      () => {
        this.forget(proxy, toxic);
        try {
          this.onExpire(proxy, toxic);
        } catch {
          // The toxic may already be gone; a lease must never crash the server.
        }
      },
      Math.min(Math.max(0, leaseMs), MAX_LEASE_MS),
    );
    // A lease must not keep the process alive on shutdown.
    timer.unref();
    let byToxic = this.timers.get(proxy);
    if (!byToxic) this.timers.set(proxy, (byToxic = new Map<string, NodeJS.Timeout>()));
    byToxic.set(toxic, timer);
  }

  /** Cancels the lease of one toxic (manual removal). No-op when none. */
  cancel(proxy: string, toxic: string): void {
    const timer = this.timers.get(proxy)?.get(toxic);
    if (timer !== undefined) clearTimeout(timer);
    this.forget(proxy, toxic);
  }

  /** Cancels every lease on a proxy (proxy deleted). */
  cancelProxy(proxy: string): void {
    for (const timer of this.timers.get(proxy)?.values() ?? []) clearTimeout(timer);
    this.timers.delete(proxy);
  }

  /** Cancels every lease (`/reset`, server shutdown). */
  cancelAll(): void {
    for (const proxy of [...this.timers.keys()]) this.cancelProxy(proxy);
  }

  /** Number of active leases. */
  get size(): number {
    let n = 0;
    for (const byToxic of this.timers.values()) n += byToxic.size;
    return n;
  }

  /** True when `toxic` on `proxy` has an active lease. */
  has(proxy: string, toxic: string): boolean {
    return this.timers.get(proxy)?.has(toxic) ?? false;
  }

  private forget(proxy: string, toxic: string): void {
    const byToxic = this.timers.get(proxy);
    if (!byToxic) return;
    byToxic.delete(toxic);
    if (byToxic.size === 0) this.timers.delete(proxy);
  }
}
