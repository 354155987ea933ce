import assert from 'node:assert/strict';
import type { Violation } from '../invariant.js';
import type { EvaluateOptions, FleetSnapshot } from '../snapshot.js';
import { EVALUATORS } from './index.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const opts: EvaluateOptions = { orderTimeoutMs: 30000, explainedReasons: ['poison: '] };
const empty: FleetSnapshot = { orders: [], payments: [], reservations: [], products: [], dlqs: [] };
const snap = (s: Partial<FleetSnapshot>): FleetSnapshot => ({ ...empty, ...s });
const charge = (orderId: string, status = 'authorized') => ({ orderId, kind: 'charge', status });
const refund = (orderId: string) => ({ orderId, kind: 'refund', status: 'refunded' });
const held = (orderId: string, sku = 'sku-1', quantity = 2, status = 'reserved') => ({
  orderId,
  sku,
  quantity,
  status,
});

interface Case {
  name: string;
  snapshot: FleetSnapshot;
  /** Expected [orderIds, detail substring] per violation, in order. */
  expect: [string[], string][];
}

const TABLES: Record<keyof typeof EVALUATORS, Case[]> = {
  'orders-terminal': [
    {
      name: 'terminal orders of any age pass',
      snapshot: snap({
        orders: [
          { id: A, status: 'completed', ageMs: 9e6 },
          { id: B, status: 'compensated', ageMs: 9e6 },
        ],
      }),
      expect: [],
    },
    {
      name: 'a young pending order is still in flight',
      snapshot: snap({ orders: [{ id: A, status: 'pending', ageMs: 29999 }] }),
      expect: [],
    },
    {
      name: 'an old pending order is reported',
      snapshot: snap({ orders: [{ id: A, status: 'pending', ageMs: 31000 }] }),
      expect: [[[A], 'pending 31 s']],
    },
    {
      name: 'an old compensating order is reported',
      snapshot: snap({ orders: [{ id: B, status: 'compensating', ageMs: 60000 }] }),
      expect: [[[B], 'compensating']],
    },
  ],
  'no-double-capture': [
    {
      name: 'one authorized charge passes',
      snapshot: snap({ payments: [charge(A), refund(A)] }),
      expect: [],
    },
    {
      name: 'declined retries are not captures',
      snapshot: snap({ payments: [charge(A, 'declined'), charge(A)] }),
      expect: [],
    },
    {
      name: 'two authorized charges are reported even when refunded',
      snapshot: snap({ payments: [charge(A), charge(B), charge(A), refund(A)] }),
      expect: [[[A], '2 authorized charges (1 refunds)']],
    },
  ],
  'no-orphan-reservation': [
    {
      name: 'a reservation of a live order passes',
      snapshot: snap({ orders: [{ id: A, status: 'pending', ageMs: 0 }], reservations: [held(A)] }),
      expect: [],
    },
    {
      name: 'a released reservation of a missing order passes',
      snapshot: snap({ reservations: [held(A, 'sku-1', 1, 'released')] }),
      expect: [],
    },
    {
      name: 'a reservation of a missing order is reported',
      snapshot: snap({ reservations: [held(A)] }),
      expect: [[[A], 'missing order']],
    },
    {
      name: 'a reservation of a compensated order is reported',
      snapshot: snap({
        orders: [{ id: B, status: 'compensated', ageMs: 0 }],
        reservations: [held(B, 'sku-2', 3)],
      }),
      expect: [[[B], '3 × sku-2 reserved for a compensated order']],
    },
  ],
  'compensated-refunded-released': [
    {
      name: 'a refunded and released compensated order passes',
      snapshot: snap({
        orders: [{ id: A, status: 'compensated', ageMs: 0 }],
        payments: [charge(A), refund(A)],
        reservations: [held(A, 'sku-1', 1, 'released')],
      }),
      expect: [],
    },
    {
      name: 'a declined payment needs no refund',
      snapshot: snap({
        orders: [{ id: A, status: 'compensated', ageMs: 0 }],
        payments: [charge(A, 'declined')],
      }),
      expect: [],
    },
    {
      name: 'a completed order is not checked',
      snapshot: snap({
        orders: [{ id: A, status: 'completed', ageMs: 0 }],
        payments: [charge(A)],
        reservations: [held(A)],
      }),
      expect: [],
    },
    {
      name: 'an unrefunded charge is reported',
      snapshot: snap({ orders: [{ id: A, status: 'compensated', ageMs: 0 }], payments: [charge(A)] }),
      expect: [[[A], '1 authorized charge(s) not refunded']],
    },
    {
      name: 'an unreleased reservation is reported',
      snapshot: snap({
        orders: [{ id: B, status: 'compensated', ageMs: 0 }],
        reservations: [held(B, 'sku-9')],
      }),
      expect: [[[B], 'not released (sku-9)']],
    },
  ],
  'stock-conserved': [
    {
      name: 'stock plus reserved equal to initial passes',
      snapshot: snap({
        products: [{ sku: 'sku-1', stock: 8, initialStock: 10 }],
        reservations: [held(A, 'sku-1', 2), held(B, 'sku-1', 5, 'released')],
      }),
      expect: [],
    },
    {
      name: 'lost stock is reported with the holding orders',
      snapshot: snap({
        products: [{ sku: 'sku-1', stock: 7, initialStock: 10 }],
        reservations: [held(A, 'sku-1', 2)],
      }),
      expect: [[[A], 'sku-1: initial 10 ≠ stock 7 + reserved 2 (-1)']],
    },
    {
      name: 'created stock is reported without orders',
      snapshot: snap({ products: [{ sku: 'sku-2', stock: 11, initialStock: 10 }] }),
      expect: [[[], '(+1)']],
    },
  ],
  'dlq-empty-or-explained': [
    {
      name: 'empty queues pass',
      snapshot: snap({ dlqs: [{ queue: 'q.dlq', depth: 0, messages: [] }] }),
      expect: [],
    },
    {
      name: 'explained messages pass',
      snapshot: snap({ dlqs: [{ queue: 'q.dlq', depth: 1, messages: [{ reason: 'poison: bad json' }] }] }),
      expect: [],
    },
    {
      name: 'unexplained messages are reported with their order ids',
      snapshot: snap({
        dlqs: [
          {
            queue: 'q.dlq',
            depth: 2,
            messages: [{ reason: 'poison: bad json' }, { reason: 'exhausted 5 attempts: boom', orderId: A }],
          },
        ],
      }),
      expect: [[[A], 'q.dlq: 2 message(s); unexplained reasons: exhausted 5 attempts: boom']],
    },
    {
      name: 'messages that could not be peeked are unexplained',
      snapshot: snap({ dlqs: [{ queue: 'q.dlq', depth: 3, messages: [] }] }),
      expect: [[[], '3 not inspected']],
    },
  ],
};

describe('invariant evaluators', () => {
  for (const [id, cases] of Object.entries(TABLES)) {
    describe(id, () => {
      for (const c of cases)
        it(c.name, () => {
          const got: Violation[] = EVALUATORS[id as keyof typeof EVALUATORS](c.snapshot, opts);
          assert.equal(got.length, c.expect.length, JSON.stringify(got));
          c.expect.forEach(([orderIds, detail], i) => {
            assert.equal(got[i]?.invariant, id);
            assert.deepEqual(got[i]?.orderIds, orderIds);
            assert.ok(got[i]?.detail.includes(detail), `${got[i]?.detail} should include ${detail}`);
          });
        });
    });
  }
});
