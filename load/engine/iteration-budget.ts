/** A bound on the iterations a run may start (the profile's `maxIterations`). Shared by all phases. */
export class IterationBudget {
  private started = 0;

  /** `limit` undefined means unbounded. */
  constructor(private readonly limit: number | undefined) {}

  /** Takes one iteration from the budget; false once it is spent. */
  take(): boolean {
    if (this.limit !== undefined && this.started >= this.limit) return false;
    this.started++;
    return true;
  }

  get exhausted(): boolean {
    return this.limit !== undefined && this.started >= this.limit;
  }
}
