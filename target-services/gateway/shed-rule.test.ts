import { strict as assert } from 'node:assert';
import type { SagaLoad } from '../contracts/saga-load.js';
import {
  admissionLimit,
  decideShed,
  estimatedInFlight,
  targetWaitMs,
  type ShedSettings,
} from './shed-rule.js';

const settings: ShedSettings = { deadlineMs: 30_000, minInFlight: 20, staleMs: 5000 };
const load = (
  inFlight: number,
  completedPerSec: number,
  stepTimeoutMs: number | null = 5000,
  stalled = false,
): SagaLoad => ({
  inFlight,
  completedPerSec,
  stalled,
  windowSec: 30,
  bucketSec: 5,
  stepTimeoutMs,
});

describe('the shedding rule', () => {
  const targets: { name: string; stepTimeoutMs: number | null; targetMs: number }[] = [
    { name: 'half the step timeout when it is the tighter bound', stepTimeoutMs: 5000, targetMs: 2500 },
    { name: 'half the deadline when the step timeout is longer', stepTimeoutMs: 60_000, targetMs: 15_000 },
    { name: 'half the deadline when step timeouts are off', stepTimeoutMs: null, targetMs: 15_000 },
  ];
  for (const c of targets)
    it(`aims at ${c.name}`, () =>
      assert.equal(targetWaitMs(load(0, 0, c.stepTimeoutMs), 30_000), c.targetMs));

  const limits: { name: string; load: SagaLoad; limit: number }[] = [
    { name: 'what the fleet completes in the target wait', load: load(0, 40), limit: 100 },
    { name: 'the floor for an idle fleet with no recent completions', load: load(0, 0), limit: 20 },
    { name: 'the floor when the measured rate gives less', load: load(0, 4), limit: 20 },
    { name: 'a longer queue under longer step timeouts', load: load(0, 10, 60_000), limit: 150 },
    // broker-app-restart: 10 orders/s, 60 s steps, 30 s deadline, 15 s into the outage.
    { name: 'the whole deadline after a stall', load: load(0, 10, 60_000, true), limit: 300 },
    {
      name: 'the whole step timeout after a stall when it is tighter',
      load: load(0, 10, 5000, true),
      limit: 50,
    },
    { name: 'the floor after a stall longer than the window', load: load(0, 0, 60_000, true), limit: 20 },
  ];
  for (const c of limits)
    it(`limits in-flight sagas to ${c.name}`, () => assert.equal(admissionLimit(c.load, settings), c.limit));

  const decisions: {
    name: string;
    load: SagaLoad;
    ageMs?: number;
    shed: boolean;
    retryAfterSec?: number;
  }[] = [
    { name: 'admits under the limit', load: load(99, 40), shed: false },
    { name: 'sheds at the limit', load: load(100, 40), shed: true, retryAfterSec: 1 },
    {
      name: 'asks to come back when the excess has drained',
      load: load(180, 10),
      shed: true,
      retryAfterSec: 16,
    },
    { name: 'never asks for more than 30 s', load: load(2000, 10), shed: true, retryAfterSec: 30 },
    { name: 'sheds a stalled fleet past the floor', load: load(25, 0), shed: true, retryAfterSec: 3 },
    { name: 'admits on a stale report (fail open)', load: load(500, 1), ageMs: 5001, shed: false },
    { name: 'admits an outage backlog the outbox holds', load: load(160, 10, 60_000, true), shed: false },
    {
      name: 'sheds the same backlog without a stall',
      load: load(160, 10, 60_000),
      shed: true,
      retryAfterSec: 2,
    },
  ];
  for (const c of decisions)
    it(c.name, () => {
      const d = decideShed({ load: c.load, atMs: 1000, admittedSince: 0 }, 1000 + (c.ageMs ?? 0), settings);
      assert.equal(d.shed, c.shed);
      if (d.shed) {
        assert.equal(d.retryAfterSec, c.retryAfterSec);
        assert.match(d.detail, new RegExp(`${c.load.inFlight} orders in flight`));
      }
    });

  it('counts the orders admitted since the report as in flight', () => {
    const reading = { load: load(90, 40), atMs: 0, admittedSince: 9 };
    assert.equal(decideShed(reading, 0, settings).shed, false);
    assert.equal(decideShed({ ...reading, admittedSince: 10 }, 0, settings).shed, true);
  });

  it('admits before the first report arrives', () => {
    assert.deepEqual(decideShed(undefined, 0, settings), { shed: false, reason: 'no-report' });
  });
});

describe('the sagas in flight the gateway counts', () => {
  it("adds this gateway's admissions since the report, less what the fleet completed meanwhile", () => {
    // 24 admitted in the 750 ms since a report of 10 in flight, at 24 completions/s: 18 done.
    assert.equal(estimatedInFlight({ load: load(10, 24), atMs: 1000, admittedSince: 24 }, 1750), 16);
  });
  it('never counts fewer than the report', () =>
    assert.equal(estimatedInFlight({ load: load(10, 100), atMs: 1000, admittedSince: 5 }, 2000), 10));
  it('counts every admission when the fleet completes nothing', () =>
    assert.equal(estimatedInFlight({ load: load(10, 0), atMs: 1000, admittedSince: 30 }, 3000), 40));
});
