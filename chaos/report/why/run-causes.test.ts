import assert from 'node:assert/strict';
import { sampleJournal } from '../fixtures/sample-journal.js';
import type { Journal } from '../journal.js';
import { reportContextOf } from '../report-context.js';
import { plainText, type RichText } from '../rich-text.js';
import {
  droppedLoadCauses,
  failedBeforeFaultCauses,
  faultErrorCauses,
  faultOverrunCauses,
  faultsDuringFailureCauses,
  guardAbortCauses,
  switchedOffCauses,
} from './run-causes.js';

type Derive = (journal: Journal) => RichText[];
const withCtx =
  (derive: (journal: Journal, ctx: ReturnType<typeof reportContextOf>) => RichText[]): Derive =>
  (journal) =>
    derive(journal, reportContextOf(journal));

/** The sample journal (a failed run: inject-latency failed, psp-slow on +20.0 s → +30.0 s) changed by `edit`. */
function journal(edit: (j: Journal) => void): Journal {
  const j = sampleJournal();
  edit(j);
  return j;
}

describe('run causes', function () {
  const cases: [string, Derive, Journal, string[]][] = [
    [
      'states a guard abort with when, how many breaches and the message',
      withCtx(guardAbortCauses),
      journal((j) =>
        j.guardEvents.push({
          guard: 'error-budget',
          atMs: 26_000,
          type: 'abort',
          consecutive: 3,
          message: 'rate 0.6 >= 0.5.',
        }),
      ),
      [
        'Guard error-budget aborted inject at +26.0 s (00:42:26.0 UTC) after 3 consecutive breaches: rate 0.6 >= 0.5.',
      ],
    ],
    ['says nothing of guards that only breached', withCtx(guardAbortCauses), sampleJournal(), []],
    [
      'states fault errors and a fault never removed',
      faultErrorCauses,
      journal((j) => {
        j.faults = [
          {
            name: 'cut',
            kind: 'link-down',
            target: 'order-amqp',
            appliedMs: 1000,
            errors: ['HTTP 500 on DELETE'],
          },
        ];
      }),
      [
        'Fault cut (link-down on order-amqp) was never removed: it stayed on to the end of the run.',
        'Fault cut (link-down on order-amqp) reported an error: HTTP 500 on DELETE.',
      ],
    ],
    ['says nothing of faults that went on and off cleanly', faultErrorCauses, sampleJournal(), []],
    [
      'names the patterns a failed experiment switches off',
      switchedOffCauses,
      journal((j) => {
        j.experiment.expect = 'fail';
        j.experiment.environment.serviceConfig = {
          order: { FAULTLINE_OUTBOX: 'off', FAULTLINE_STEP_TIMEOUTS: false, SAGA_STEP_TIMEOUT_MS: 5000 },
          payment: { FAULTLINE_INBOX: 'on' },
        };
      }),
      [
        'The experiment switches off patterns (order FAULTLINE_OUTBOX=off, order FAULTLINE_STEP_TIMEOUTS=off), as this pattern-off experiment intends.',
      ],
    ],
    [
      'says nothing of switched-off patterns when the run did not fail',
      switchedOffCauses,
      journal((j) => {
        j.verdict = 'inconclusive';
        j.experiment.environment.serviceConfig = { order: { FAULTLINE_OUTBOX: 'off' } };
      }),
      [],
    ],
    [
      'places a fault in the phase where a check failed',
      faultsDuringFailureCauses,
      journal((j) => {
        const spec = j.experiment.checks.find((c) => c.id === 'inject-latency');
        if (spec) spec.phase = 'inject';
      }),
      [
        'psp-slow (latency latency=800ms jitter=300ms on payment-psp) was on +20.0 s → +30.0 s, in inject, where inject-latency failed.',
      ],
    ],
    [
      'says nothing of a fault outside the failed phase',
      faultsDuringFailureCauses,
      journal((j) => {
        const spec = j.experiment.checks.find((c) => c.id === 'inject-latency');
        if (spec) spec.phase = 'baseline';
      }),
      [],
    ],
    [
      'says nothing of faults when the failed check has no phase',
      faultsDuringFailureCauses,
      sampleJournal(),
      [],
    ],
    [
      'states dropped iterations',
      droppedLoadCauses,
      journal((j) => {
        j.load.summary.metrics['dropped_iterations'] = { type: 'counter', values: { count: 42 } };
      }),
      [
        '42 iterations were dropped: the load generator could not hold the arrival rate, so the fleet saw less load than planned.',
      ],
    ],
    ['says nothing when no iteration was dropped', droppedLoadCauses, sampleJournal(), []],
    [
      'states a fault that stayed on well past its planned end, and past the timeline',
      faultOverrunCauses,
      journal((j) => {
        const [f] = j.faults;
        if (f) f.removedMs = 50_000;
      }),
      [
        'psp-slow stayed on until +50.0 s, 20.0 s past its planned end (+30.0 s), and past the end of the timeline (+45.0 s).',
      ],
    ],
    [
      'says nothing of a fault removed within a second of its plan',
      faultOverrunCauses,
      journal((j) => {
        const [f] = j.faults;
        if (f) f.removedMs = 31_000;
      }),
      [],
    ],
    [
      'clears the fault of a check that failed before it was applied',
      failedBeforeFaultCauses,
      journal((j) => {
        j.checks.push({
          id: 'steady-state-1.baseline',
          kind: 'steady-state',
          title: 'p99 < 1500 (before)',
          verdict: 'fail',
          reason: 'p(99) was 2100 ms',
          evidence: { observed: 2100, objective: 'p(99)<1500' },
        });
      }),
      [
        'steady-state-1.baseline failed in baseline, which ended (+15.0 s) before the first fault was applied (+20.0 s): the fault did not cause it.',
      ],
    ],
    ['says nothing when every failed check ran with the fault', failedBeforeFaultCauses, sampleJournal(), []],
  ];
  for (const [name, derive, j, expected] of cases)
    it(name, () => assert.deepEqual(derive(j).map(plainText), expected));
});
