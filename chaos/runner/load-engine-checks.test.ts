import assert from 'node:assert/strict';
import type { BuiltinSummary } from '../../load/engine/run-load.js';
import { loadChecks } from './load-engine-checks.js';

const summary = (drops: Record<string, number>): BuiltinSummary =>
  ({
    metrics: Object.fromEntries(
      Object.entries(drops).map(([p, n]) => [
        `dropped_iterations{phase:${p}}`,
        { type: 'counter', values: { count: n } },
      ]),
    ),
  }) as unknown as BuiltinSummary;

describe('loadChecks', () => {
  const phases = ['warm-up', 'baseline', 'inject', 'recover'];

  it('passes when no phase dropped an iteration (a phase k6 has no drop metric for counts as zero)', () => {
    const [check] = loadChecks(summary({ inject: 0 }), [], phases);
    assert.equal(check?.verdict, 'pass');
  });

  it('is inconclusive when any phase dropped iterations, naming the phases and counts', () => {
    const [check] = loadChecks(summary({ baseline: 0, inject: 49 }), [], phases);
    assert.equal(check?.verdict, 'inconclusive');
    assert.match(check?.reason ?? '', /49 iteration\(s\) dropped \(inject 49\)/);
    assert.equal(check?.evidence.observed, 49);
  });

  it("folds k6's crossed drop thresholds into the drop check and fails every other crossed k6 threshold", () => {
    const checks = loadChecks(
      summary({}),
      [
        { metric: 'dropped_iterations{scenario:inject}', expression: 'count==0' },
        { metric: 'http_req_failed{phase:inject}', expression: 'rate<0.01' },
      ],
      phases,
    );
    assert.deepEqual(
      checks.map((c) => [c.id, c.verdict]),
      [
        ['load.dropped-iterations', 'inconclusive'],
        ['load.k6-threshold.1', 'fail'],
      ],
    );
    assert.match(checks[0]?.reason ?? '', /inject \(k6: count==0 crossed\)/);
  });
});
