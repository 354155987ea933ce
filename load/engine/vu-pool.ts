/**
 * The VUs of an arrival-rate executor, as pure bookkeeping. `preAllocatedVUs` exist from the
 * start; when all are busy a new one is allocated, up to `maxVUs`; past that an arrival cannot
 * start and is counted as a dropped iteration (k6 semantics).
 */
export class VuPool {
  private busyCount = 0;
  private allocatedCount: number;
  private droppedCount = 0;

  constructor(
    preAllocatedVUs: number,
    /** Default: `preAllocatedVUs`. */
    readonly maxVUs: number = preAllocatedVUs,
  ) {
    this.allocatedCount = preAllocatedVUs;
  }

  /** Claims a VU for one iteration; false (and one more dropped) when none can be had. */
  tryAcquire(): boolean {
    if (this.busyCount < this.allocatedCount) {
      this.busyCount++;
      return true;
    }
    if (this.allocatedCount < this.maxVUs) {
      this.allocatedCount++;
      this.busyCount++;
      return true;
    }
    this.droppedCount++;
    return false;
  }

  /** Returns a VU after its iteration ended. */
  release(): void {
    if (this.busyCount === 0) throw new RangeError('VuPool.release without a matching acquire');
    this.busyCount--;
  }

  /** VUs running an iteration now. */
  get busy(): number {
    return this.busyCount;
  }
  /** VUs allocated so far (k6 `vus_max`). */
  get allocated(): number {
    return this.allocatedCount;
  }
  /** Arrivals that found no VU. */
  get dropped(): number {
    return this.droppedCount;
  }
}
