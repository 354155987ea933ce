import type { PlanFault } from '../experiment/plan.js';
import type { FaultSession } from '../faults/index.js';
import type { FaultWindow } from '../report/journal.js';
import { faultRequestOf } from './fault-request.js';
import { scheduleFaultActions } from './fault-schedule.js';
import { sleepUntil } from './sleep-until.js';

const message = (err: unknown): string => {
  const parts: string[] = [];
  for (let e = err; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.length > 0 ? parts.join(': ') : String(err);
};

/**
 * Applies and removes a plan's faults on schedule, relative to `t0` (epoch ms), until done or
 * `stop` aborts. Records each fault's real window into `windows` as it goes, so an interrupted run
 * still has them. Removing everything left is the caller's job (`FaultSession.removeAll`).
 */
export async function runFaultTimeline(
  faults: readonly PlanFault[],
  session: FaultSession,
  t0: number,
  stop: AbortSignal,
  windows: FaultWindow[],
  log: (line: string) => void,
): Promise<Map<string, string>> {
  const applied = new Map<string, string>();
  for (const step of scheduleFaultActions(faults)) {
    await sleepUntil(t0 + step.atMs, stop);
    if (stop.aborted) break;
    const { fault } = step;
    if (step.action === 'apply') {
      const window: FaultWindow = {
        name: fault.name,
        kind: fault.kind,
        target: fault.target,
        appliedMs: Date.now() - t0,
        errors: [],
      };
      windows.push(window);
      try {
        const record = await session.apply(faultRequestOf(fault));
        applied.set(fault.name, record.id);
        log(`fault ${fault.name} applied (${fault.kind} on ${fault.target})`);
      } catch (err) {
        window.errors.push(`apply failed: ${message(err)}`);
        log(`fault ${fault.name} could not be applied: ${message(err)}`);
      }
    } else {
      const id = applied.get(fault.name);
      if (id !== undefined) await removeRecorded(session, id, fault.name, t0, windows, log);
      applied.delete(fault.name);
    }
  }
  return applied;
}

/** Removes one applied fault and closes its window (never throws). */
export async function removeRecorded(
  session: FaultSession,
  id: string,
  name: string,
  t0: number,
  windows: FaultWindow[],
  log: (line: string) => void,
): Promise<void> {
  const result = await session.remove(id);
  const window = [...windows].reverse().find((w) => w.name === name && w.removedMs === undefined);
  if (result.error !== undefined) {
    window?.errors.push(`remove failed: ${message(result.error)}`);
    log(`fault ${name} could not be removed: ${message(result.error)}`);
    return;
  }
  if (window) window.removedMs = Date.now() - t0;
  log(`fault ${name} removed`);
}
