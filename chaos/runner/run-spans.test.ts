import assert from 'node:assert/strict';
import { planRunSpans, RUN_SPAN_ATTRIBUTES as A, type RunSpanInput } from './run-spans.js';

const input = (over: Partial<RunSpanInput> = {}): RunSpanInput => ({
  runId: 'r1',
  title: 'T',
  file: 'x.yaml',
  status: 'completed',
  verdict: 'pass',
  startedMs: 1000,
  t0: 3000,
  checksStartMs: 9000,
  endMs: 9500,
  phases: [
    { name: 'warmup', startMs: 0, endMs: 1000 },
    { name: 'inject', startMs: 1000, endMs: 5000 },
  ],
  faults: [
    { name: 'slow', kind: 'toxic', target: 'payment-psp', appliedMs: 1500, removedMs: 4500, errors: [] },
  ],
  guardEvents: [],
  ...over,
});

describe('planRunSpans', () => {
  it('puts the environment, each phase, each fault and the checks under one experiment span', () => {
    const spans = planRunSpans(input());
    assert.deepEqual(
      spans.map((s) => [s.name, s.parent, s.startMs, s.endMs]),
      [
        ['experiment', undefined, 1000, 9500],
        ['environment', 0, 1000, 3000],
        ['phase warmup', 0, 3000, 4000],
        ['phase inject', 0, 4000, 8000],
        ['fault toxic', 0, 4500, 7500],
        ['checks', 0, 9000, 9500],
      ],
    );
    assert.equal(spans[0]?.attributes[A.verdict], 'pass');
    assert.equal(spans[4]?.attributes[A.faultName], 'slow');
    assert.equal(spans[4]?.error, undefined);
  });

  it('marks a fault that could not be removed as an error, ending at the timeline end', () => {
    const [, , , , fault] = planRunSpans(
      input({
        faults: [
          {
            name: 'down',
            kind: 'link-down',
            target: 'x-y',
            appliedMs: 1500,
            errors: ['remove failed: boom'],
          },
        ],
      }),
    );
    assert.equal(fault?.endMs, 8000);
    assert.equal(fault?.error, 'remove failed: boom');
  });

  it('has no checks span for an interrupted run and records a guard abort as an event', () => {
    const spans = planRunSpans(
      input({
        status: 'aborted',
        checksStartMs: undefined,
        guardEvents: [{ guard: 'g', atMs: 2000, type: 'abort', consecutive: 2, message: 'm' }],
      }),
    );
    assert.ok(!spans.some((s) => s.name === 'checks'));
    assert.deepEqual(spans[0]?.events, [{ name: 'guard abort', atMs: 5000, attributes: { [A.guard]: 'g' } }]);
  });
});
