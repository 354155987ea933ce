import assert from 'node:assert/strict';
import { endedRunSpans, planRunSpans, RUN_SPAN_ATTRIBUTES as A, type RunSpanInput } from './run-spans.js';

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

describe('endedRunSpans (what the live trace may send mid-run)', () => {
  const live = { ...input(), faults: [{ ...input().faults[0]!, removedMs: undefined }] };
  const cases: [string, number, number | undefined, string[]][] = [
    ['only the environment right after t0', 3001, undefined, ['environment']],
    ['warmup once its planned end has passed', 4000, undefined, ['environment', 'phase warmup']],
    ['a fault only once it was removed', 7600, 4500, ['environment', 'phase warmup', 'fault toxic']],
    [
      'every phase and fault past their end, never checks',
      9000,
      4500,
      ['environment', 'phase warmup', 'phase inject', 'fault toxic'],
    ],
  ];
  for (const [name, nowMs, removedMs, expected] of cases) {
    it(`plans ${name}`, () => {
      const faults = [{ ...live.faults[0]!, ...(removedMs === undefined ? {} : { removedMs }) }];
      const ended = endedRunSpans({ ...live, faults }, nowMs);
      assert.deepEqual(
        ended.slice(1).map((s) => s.name),
        expected,
      );
    });
  }

  it('plans each ended child exactly as the final plan does, so it is sent once', () => {
    const final = planRunSpans(input());
    for (const child of endedRunSpans(input(), 9000).slice(1))
      assert.deepEqual(
        child,
        final.find((s) => s.name === child.name),
      );
  });
});
