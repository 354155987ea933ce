import assert from 'node:assert/strict';
import { BASE_EXPERIMENT } from './fixtures-base.js';
import { planExperiment } from './plan.js';
import { renderPlan } from './render-plan.js';
import { validateExperiment } from './validate-experiment.js';

function basePlan() {
  const result = validateExperiment(`${BASE_EXPERIMENT.join('\n')}\n`, 'base.yaml');
  assert.ok(result.ok);
  return planExperiment(result.experiment);
}

describe('planExperiment', function () {
  it('places phases back to back and faults at absolute offsets inside inject', function () {
    const plan = basePlan();
    assert.deepEqual(
      plan.phases.map((p) => [p.name, p.startMs, p.endMs, p.rate]),
      [
        ['warmup', 0, 1000, 1],
        ['baseline', 1000, 3000, 2],
        ['inject', 3000, 13000, 2],
        ['recover', 13000, 15000, 2],
      ],
    );
    assert.equal(plan.totalMs, 15000);
    assert.deepEqual(
      plan.faults.map((f) => [f.name, f.target, f.startMs, f.endMs, f.leaseMs]),
      [['slow', 'payment-psp', 4000, 9000, 35000]],
    );
    assert.deepEqual(plan.faults[0]?.toxic, {
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 100, jitter: 0 },
    });
  });

  it('gives every check an id and a group', function () {
    assert.deepEqual(
      basePlan().checks.map((c) => [c.id, c.group, c.kind]),
      [
        ['assertion-1', 'assertion', 'threshold'],
        ['evidence', 'evidence', 'evidence'],
      ],
    );
  });

  it('renders the plan as text', function () {
    assert.equal(
      renderPlan(basePlan()),
      [
        'experiment  t',
        'expect      pass    seed 1    environment embedded',
        'load        checkout journey, builtin engine, total 15s',
        '',
        'timeline',
        '  +0ms     warmup    1s      1 it/s',
        '  +1s      baseline  2s      2 it/s',
        '  +3s      inject    10s     2 it/s',
        '  +4s        apply  slow',
        '  +9s        remove slow',
        '  +13s     recover   2s      2 it/s',
        '  +15s     end',
        '',
        'faults',
        '  slow: toxic on payment-psp latency downstream toxicity=1 latency=100ms jitter=0ms',
        '    window +4s to +9s, lease 35s',
        '',
        'allowed     links [payment-psp] services [payment] broker not touched',
        '',
        'checks',
        '  [assertion] assertion-1 (threshold): http_req_duration: p(99)<800',
        '  [evidence] evidence (evidence): promql `up` > 0',
        '',
        'invariants  reconcile: orders-terminal, no-double-capture, no-orphan-reservation, compensated-refunded-released, stock-conserved, dlq-empty-or-explained',
        '',
      ].join('\n'),
    );
  });
});
