/**
 * Wakes the HTTP requests waiting on an order (`GET /v1/orders/:id?wait=ms`) when a transaction
 * that made the order terminal commits, so a client learns of it at once instead of by polling.
 * In-process: a transition committed by another order process (or a wake-up lost to a crash) is
 * seen by the waiter's next re-read, at most `recheckMs` later.
 *
 * ```
 * request ─► watch(id) ─► read order ─► terminal? ─yes─► answer
 *                               ▲            │no
 *                               └─ notify(id) after commit, or recheck timer, or the wait is over
 * ```
 */
export class OrderWatch {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Wakes every waiter on `id` (call after the commit that made it terminal). */
  notify(id: string): void {
    const set = this.waiting.get(id);
    if (set) for (const wake of set) wake();
  }

  /** Waiters registered now (for tests and a gauge). */
  get size(): number {
    let n = 0;
    for (const set of this.waiting.values()) n += set.size;
    return n;
  }

  /**
   * Registers a waiter on `id` BEFORE the caller reads the order, so a notify between that read
   * and the wait is not lost. `next(ms)` resolves `true` when notified since the last call (at
   * once if that already happened), `false` after `ms`. Call `close()` when done.
   */
  watch(id: string): OrderWaiter {
    let notified = false;
    let wake: (() => void) | undefined;
    const onNotify = (): void => {
      notified = true;
      wake?.();
    };
    let set = this.waiting.get(id);
    if (!set) this.waiting.set(id, (set = new Set()));
    set.add(onNotify);
    return {
      next: (ms) =>
        new Promise<boolean>((resolve) => {
          if (notified) {
            notified = false;
            resolve(true);
            return;
          }
          const timer = setTimeout(() => {
            wake = undefined;
            resolve(false);
          }, ms);
          wake = () => {
            clearTimeout(timer);
            wake = undefined;
            notified = false;
            resolve(true);
          };
        }),
      close: () => {
        wake?.();
        set.delete(onNotify);
        if (set.size === 0 && this.waiting.get(id) === set) this.waiting.delete(id);
      },
    };
  }
}

/** One registered wait on an order (see {@link OrderWatch.watch}). */
export interface OrderWaiter {
  next(ms: number): Promise<boolean>;
  close(): void;
}

/**
 * The wait a `?wait=` query asks for, in ms, capped at `maxMs`: 0 when absent; `undefined` when
 * it is not a whole number of milliseconds (the route answers 400). Pure.
 */
export function parseWaitMs(raw: unknown, maxMs: number): number | undefined {
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return undefined;
  return Math.min(Number(raw), maxMs);
}
