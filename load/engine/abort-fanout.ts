/**
 * One listener on a phase's abort signal that aborts any number of per-request child signals.
 * Giving every in-flight request and sleep its own listener on the shared signal costs O(n) per
 * add in Node's EventTarget, which shows up at thousands of requests per second.
 */
export class AbortFanout {
  private readonly children = new Set<AbortController>();

  constructor(readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.abortAll(), { once: true });
  }

  /** A signal that aborts with the parent. Call `release` when the operation ends. */
  child(): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    if (this.signal.aborted) controller.abort();
    else this.children.add(controller);
    return { signal: controller.signal, release: () => this.children.delete(controller) };
  }

  private abortAll(): void {
    for (const child of this.children) child.abort();
    this.children.clear();
  }
}
