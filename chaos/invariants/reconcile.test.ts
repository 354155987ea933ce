import assert from 'node:assert/strict';
import { INVARIANTS } from '../experiment/check-spec.js';
import { INVARIANT_IDS } from './invariant.js';
import { evaluateSnapshot } from './reconcile.js';

describe('evaluateSnapshot', () => {
  const options = { orderTimeoutMs: 1000, explainedReasons: [] };

  it('passes every check on consistent stores', () => {
    const report = evaluateSnapshot(
      {
        orders: [{ id: 'o1', status: 'completed', ageMs: 5000 }],
        payments: [{ orderId: 'o1', kind: 'charge', status: 'authorized' }],
        reservations: [{ orderId: 'o1', sku: 's', quantity: 1, status: 'reserved' }],
        products: [{ sku: 's', stock: 9, initialStock: 10 }],
        dlqs: [{ queue: 'x.dlq', depth: 0, messages: [] }],
      },
      options,
    );
    assert.equal(report.verdict, 'pass');
    assert.deepEqual(report.violations, []);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.kind, c.verdict]),
      INVARIANT_IDS.map((id) => [`invariant.${id}`, 'invariant', 'pass']),
    );
  });

  it('fails only the violated check and cites its order ids', () => {
    const report = evaluateSnapshot(
      {
        orders: [{ id: 'o1', status: 'pending', ageMs: 5000 }],
        payments: [],
        reservations: [],
        products: [],
        dlqs: [],
      },
      options,
      ['orders-terminal', 'no-double-capture'],
    );
    assert.equal(report.verdict, 'fail');
    assert.deepEqual(
      report.checks.map((c) => c.verdict),
      ['fail', 'pass'],
    );
    assert.deepEqual(report.checks[0]?.evidence.details?.['orderIds'], ['o1']);
  });

  it('knows every invariant the experiment schema lets a user select', () => {
    for (const id of INVARIANTS) assert.ok((INVARIANT_IDS as readonly string[]).includes(id), id);
  });
});
