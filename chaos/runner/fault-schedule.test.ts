import assert from 'node:assert/strict';
import type { PlanFault } from '../experiment/plan.js';
import { scheduleFaultActions } from './fault-schedule.js';

const fault = (name: string, startMs: number, endMs: number): PlanFault => ({
  name,
  kind: 'link-down',
  target: 'payment-psp',
  startMs,
  endMs,
  leaseMs: endMs - startMs + 1000,
});

describe('scheduleFaultActions', () => {
  it('orders applications and removals by time', () => {
    const steps = scheduleFaultActions([fault('b', 5000, 9000), fault('a', 1000, 3000)]);
    assert.deepEqual(
      steps.map((s) => `${s.atMs} ${s.action} ${s.fault.name}`),
      ['1000 apply a', '3000 remove a', '5000 apply b', '9000 remove b'],
    );
  });

  it('removes before it applies at the same instant, so back-to-back windows never overlap', () => {
    const steps = scheduleFaultActions([fault('second', 4000, 6000), fault('first', 2000, 4000)]);
    assert.deepEqual(
      steps.filter((s) => s.atMs === 4000).map((s) => `${s.action} ${s.fault.name}`),
      ['remove first', 'apply second'],
    );
  });

  it('keeps overlapping windows of different faults', () => {
    const steps = scheduleFaultActions([fault('a', 0, 5000), fault('b', 1000, 2000)]);
    assert.deepEqual(
      steps.map((s) => s.fault.name + s.action),
      ['aapply', 'bapply', 'bremove', 'aremove'],
    );
  });
});
