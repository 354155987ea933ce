import assert from 'node:assert/strict';
import { sampleJournal } from '../fixtures/sample-journal.js';
import type { InvariantViolation, Journal } from '../journal.js';
import { plainText } from '../rich-text.js';
import { doubleCaptureCauses, otherInvariantCauses, stuckOrderCauses } from './invariant-causes.js';

const v = (invariant: string, subject: string, message: string): InvariantViolation => ({
  invariant,
  subject,
  message,
});
const stuck = (id: string, state: string, ageS: number): InvariantViolation =>
  v('orders-terminal', id, `order is ${state} ${ageS} s after creation (timeout 30 s)`);

function journalWith(violations: InvariantViolation[]): Journal {
  return { ...sampleJournal(), invariantViolations: violations };
}

describe('invariant causes', function () {
  const cases: [string, (j: Journal) => unknown[], InvariantViolation[], string[]][] = [
    [
      'groups stuck orders by state, largest group first, naming the oldest and how far past its timeout',
      stuckOrderCauses,
      [
        stuck('a', 'compensating', 60),
        stuck('b', 'compensating', 128),
        stuck('c', 'compensating', 31),
        stuck('d', 'pending', 45),
      ],
      [
        '3 orders stuck in compensating: the oldest, b, is 98 s past its 30 s timeout.',
        '1 order stuck in pending: d is 15 s past its 30 s timeout.',
      ],
    ],
    ['says nothing about stuck orders when there are none', stuckOrderCauses, [], []],
    [
      'says nothing about a stuck-order message it cannot read',
      stuckOrderCauses,
      [v('orders-terminal', 'a', 'order is weird')],
      [],
    ],
    [
      'counts double charges and cites the worst order',
      doubleCaptureCauses,
      [
        v('no-double-capture', 'a', '2 authorized charges (0 refunds)'),
        v('no-double-capture', 'b', '3 authorized charges (1 refunds)'),
      ],
      ['2 orders were charged more than once: up to 3 authorized charges for one order (b).'],
    ],
    [
      'states any other invariant with its count and first message',
      otherInvariantCauses,
      [
        v('no-orphan-reservation', 'a', '2 × SKU-1 reserved for a compensated order'),
        v('no-orphan-reservation', 'b', '1 × SKU-2 reserved for a missing order'),
        v('stock-conserved', '-', 'SKU-1: initial 100 ≠ stock 90 + reserved 8 (-2)'),
      ],
      [
        '2 violations of no-orphan-reservation, e.g. 2 × SKU-1 reserved for a compensated order (a).',
        '1 violation of stock-conserved, e.g. SKU-1: initial 100 ≠ stock 90 + reserved 8 (-2).',
      ],
    ],
    [
      'falls back to the general line for a known invariant whose message it cannot read',
      otherInvariantCauses,
      [stuck('a', 'pending', 40), v('orders-terminal', 'b', 'order vanished')],
      ['1 violation of orders-terminal, e.g. order vanished (b).'],
    ],
  ];
  for (const [name, derive, violations, expected] of cases)
    it(name, function () {
      const lines = (derive(journalWith(violations)) as Parameters<typeof plainText>[0][]).map(plainText);
      assert.deepEqual(lines, expected);
    });

  it('marks the cited order as an order id, so the HTML report can link it', function () {
    const [line] = stuckOrderCauses(journalWith([stuck('o-1', 'pending', 40), stuck('o-2', 'pending', 50)]));
    assert.ok(line?.some((t) => 'id' in t && t.id === 'o-2' && t.of === 'order'));
  });
});
