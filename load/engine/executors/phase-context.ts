import type { Clock } from '../clock.js';
import type { IterationBudget } from '../iteration-budget.js';

/** What an executor gets to run one phase (the edge around the pure planning). */
export interface PhaseContext {
  clock: Clock;
  /** Aborts when the whole run stops (SIGINT, caller). */
  signal: AbortSignal;
  budget: IterationBudget;
  /** Time in-flight iterations get after the phase's duration (ms) before they are aborted. */
  gracefulStopMs: number;
  /** Runs one iteration; `signal` aborts it (graceful stop expired or run stopped). */
  startIteration(signal: AbortSignal): Promise<void>;
  /** An arrival found no free VU. */
  onDropped(): void;
  /** VU bookkeeping changed: `busy` running iterations, `allocated` VUs. */
  onVus(busy: number, allocated: number): void;
}

/** An executor: a config type plus how to run it (k6's config + executor split). */
export interface Executor<C> {
  run(config: C, ctx: PhaseContext): Promise<void>;
}
