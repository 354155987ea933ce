import type { CheckResult } from '../verdict.js';
import { samplesOf } from './evaluators/index.js';
import { INVARIANT_TITLES, type InvariantId, type Violation } from './invariant.js';
import type { FleetSnapshot } from './snapshot.js';

/** How many order ids a CheckResult cites (the full list stays in the violations). */
const CITED_ORDER_IDS = 20;

/** One `CheckResult` (kind `invariant`) per checked invariant: `fail` with evidence, else `pass`. */
export function toCheckResults(
  checked: readonly InvariantId[],
  violations: readonly Violation[],
  snapshot: FleetSnapshot,
): CheckResult[] {
  return checked.map((id) => {
    const mine = violations.filter((v) => v.invariant === id);
    const samples = samplesOf(id, snapshot);
    const orderIds = [...new Set(mine.flatMap((v) => v.orderIds))];
    return {
      id: `invariant.${id}`,
      kind: 'invariant',
      title: INVARIANT_TITLES[id],
      verdict: mine.length === 0 ? 'pass' : 'fail',
      reason:
        mine.length === 0
          ? `no violation (${samples} examined)`
          : `${mine.length} violation(s), ${orderIds.length} order(s): ${mine[0]?.detail ?? ''}`,
      evidence: {
        observed: mine.length,
        objective: '= 0 violations',
        samples,
        details: {
          orderIds: orderIds.slice(0, CITED_ORDER_IDS),
          details: mine.slice(0, 5).map((v) => v.detail),
        },
      },
    };
  });
}
