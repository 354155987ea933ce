/**
 * Coalesces "mark these ids" requests into as few flushes as possible: a request made while no
 * flush runs starts one at once; requests made while one runs wait and go together in the next.
 * Each caller's promise settles with the flush that carried its ids (rejects if that flush
 * failed). Used by the outbox relay to mark rows published in one statement per flush rather than
 * one per transaction.
 */
export class MarkBatcher {
  private queued: string[] = [];
  private waiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly flush: (ids: string[]) => Promise<void>) {}

  /** Queues `ids`; resolves once a flush holding them succeeded. */
  mark(ids: readonly string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push(...ids);
      this.waiters.push({ resolve, reject });
      if (!this.flushing) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.flushing = true;
    while (this.waiters.length > 0) {
      const ids = this.queued;
      const waiters = this.waiters;
      this.queued = [];
      this.waiters = [];
      try {
        await this.flush(ids);
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = false;
  }
}
