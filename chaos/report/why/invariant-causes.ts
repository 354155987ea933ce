import type { InvariantViolation, Journal } from '../journal.js';
import type { RichText } from '../rich-text.js';

/** `order is compensating 128 s after creation (timeout 30 s)`, as reconcile's orders-terminal writes it. */
const STUCK = /^order is (\S+) (\d+(?:\.\d+)?) s after creation \(timeout (\d+(?:\.\d+)?) s\)$/;
/** `3 authorized charges (1 refunds)`, as reconcile's no-double-capture writes it. */
const CHARGES = /^(\d+) authorized charges \((\d+) refunds?\)$/;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Orders that never reached a terminal state, per state, largest group first: `177 orders stuck
 * in compensating: the oldest, <id>, is 98 s past its 30 s timeout`. Only violations whose
 * message reads as orders-terminal's are counted. Pure.
 */
export function stuckOrderCauses(journal: Journal): RichText[] {
  const byState = new Map<
    string,
    { count: number; oldest: { id: string; ageS: number; timeoutS: number } }
  >();
  for (const v of journal.invariantViolations) {
    if (v.invariant !== 'orders-terminal') continue;
    const m = STUCK.exec(v.message);
    if (m === null) continue;
    const [state, ageS, timeoutS] = [m[1] as string, Number(m[2]), Number(m[3])];
    const group = byState.get(state);
    if (group === undefined) byState.set(state, { count: 1, oldest: { id: v.subject, ageS, timeoutS } });
    else {
      group.count += 1;
      if (ageS > group.oldest.ageS) group.oldest = { id: v.subject, ageS, timeoutS };
    }
  }
  return [...byState]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([state, { count, oldest }]): RichText => {
      const past = `${Math.max(0, oldest.ageS - oldest.timeoutS)} s past its ${oldest.timeoutS} s timeout.`;
      const head: RichText = [{ strong: plural(count, 'order') }, { text: ' stuck in ' }, { code: state }];
      const order = { id: oldest.id, of: 'order' as const };
      return count === 1
        ? [...head, { text: ': ' }, order, { text: ` is ${past}` }]
        : [...head, { text: ': the oldest, ' }, order, { text: `, is ${past}` }];
    });
}

/** Orders charged more than once: `4 orders were charged more than once (up to 3 authorized charges, <id>)`. Pure. */
export function doubleCaptureCauses(journal: Journal): RichText[] {
  let count = 0;
  let worst: { id: string; charges: number } | undefined;
  for (const v of journal.invariantViolations) {
    if (v.invariant !== 'no-double-capture') continue;
    const m = CHARGES.exec(v.message);
    if (m === null) continue;
    count += 1;
    const charges = Number(m[1]);
    if (worst === undefined || charges > worst.charges) worst = { id: v.subject, charges };
  }
  if (worst === undefined) return [];
  return [
    [
      { strong: plural(count, 'order') },
      {
        text: ` ${count === 1 ? 'was' : 'were'} charged more than once: up to ${worst.charges} authorized charges for one order (`,
      },
      { id: worst.id, of: 'order' },
      { text: ').' },
    ],
  ];
}

/** Invariants with a cause of their own above, by the message shape that cause reads. */
const SPECIFIC: Readonly<Record<string, RegExp>> = { 'orders-terminal': STUCK, 'no-double-capture': CHARGES };

/**
 * Every other broken invariant (and violations whose message the causes above cannot read), one line each, with its count and first message as reconcile
 * wrote it: `2 violations of no-orphan-reservation, e.g. 1 × SKU-1 reserved for a compensated order (<id>)`. Pure.
 */
export function otherInvariantCauses(journal: Journal): RichText[] {
  const byInvariant = new Map<string, InvariantViolation[]>();
  for (const v of journal.invariantViolations) {
    if (SPECIFIC[v.invariant]?.test(v.message)) continue;
    const list = byInvariant.get(v.invariant) ?? [];
    list.push(v);
    byInvariant.set(v.invariant, list);
  }
  return [...byInvariant].map(([invariant, list]): RichText => {
    const first = list[0] as InvariantViolation;
    return [
      { strong: plural(list.length, 'violation') },
      { text: ' of ' },
      { code: invariant },
      { text: `, e.g. ${first.message}` },
      ...(first.subject === '-'
        ? []
        : [{ text: ' (' }, { id: first.subject, of: 'order' as const }, { text: ')' }]),
      { text: '.' },
    ];
  });
}
