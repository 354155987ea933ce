import type { GuardEvent } from '../report/journal.js';
import type { Verdict } from '../verdict.js';

/**
 * Counts one guard's consecutive breaches. Pure. A `fail` is a breach; a `pass` resets the count
 * (and records `recovered` when it ends a streak); `inconclusive` neither breaches nor resets,
 * because no data is not evidence of health.
 */
export class GuardTracker {
  private consecutive = 0;
  private tripped = false;

  constructor(
    readonly guard: string,
    /** Breaches in a row that abort inject. */
    readonly limit: number,
  ) {}

  /** Whether the guard has reached its limit. */
  get aborted(): boolean {
    return this.tripped;
  }

  /** Records one evaluation at `atMs`; returns the events it caused (possibly none). */
  record(atMs: number, verdict: Verdict, message: string, observed?: number): GuardEvent[] {
    const base = { guard: this.guard, atMs, message, ...(observed === undefined ? {} : { observed }) };
    if (verdict === 'pass') {
      const had = this.consecutive;
      this.consecutive = 0;
      return had > 0 ? [{ ...base, type: 'recovered', consecutive: 0 }] : [];
    }
    if (verdict === 'inconclusive' || this.tripped) return [];
    this.consecutive++;
    const events: GuardEvent[] = [{ ...base, type: 'breach', consecutive: this.consecutive }];
    if (this.consecutive >= this.limit) {
      this.tripped = true;
      events.push({ ...base, type: 'abort', consecutive: this.consecutive });
    }
    return events;
  }
}
