import type { PlanFault } from '../experiment/plan.js';

/** What the timeline does at one moment. */
export interface ScheduledAction {
  /** Offset from the start of the run (ms). */
  atMs: number;
  action: 'apply' | 'remove';
  fault: PlanFault;
}

/**
 * The fault actions of a plan in execution order. Pure. At the same instant removals come before
 * applications, so back-to-back windows on one target never overlap.
 */
export function scheduleFaultActions(faults: readonly PlanFault[]): ScheduledAction[] {
  const actions: ScheduledAction[] = faults.flatMap((fault) => [
    { atMs: fault.startMs, action: 'apply' as const, fault },
    { atMs: fault.endMs, action: 'remove' as const, fault },
  ]);
  return actions.sort(
    (a, b) => a.atMs - b.atMs || (a.action === b.action ? 0 : a.action === 'remove' ? -1 : 1),
  );
}
