/**
 * SLO margins: a signed, normalized distance from failing. Positive passed with room to spare,
 * 0 sat on the line, negative failed. Always in [-1, 1]. Pure. The formulas are in
 * docs/nightly.md ("SLO margins"); each comparator has a unit test.
 *
 * ```
 *  upper bound (x < L, x <= L)   m = (L - x) / |L|
 *  lower bound (x > L, x >= L)   m = (x - L) / |L|          rate, passing: (x - L) / (1 - L)
 *  equality    (x == L)          m = -|x - L| / |L|
 *  L = 0, x <= 0 / x == 0        m = 1 if x = 0 (a count cannot go lower), else -x / (1 + x)
 *  L = 0, x < 0                  m = -x / (1 + |x|)
 *  L = 0, x > 0 / x >= 0         m = x / (1 + |x|)
 * ```
 */
export const COMPARATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** `plain` values are unbounded; a `rate` lies in [0, 1], so the room above a lower bound is 1 - L. */
export type ValueScale = 'plain' | 'rate';

/** One objective clause with the value observed for it. Recovery times are in seconds on both sides. */
export interface Bound {
  op: Comparator;
  limit: number;
  observed: number;
  scale?: ValueScale;
}

const clamp = (m: number): number => Math.max(-1, Math.min(1, m));

/** The margin of one clause; undefined when the observed value or the limit is not finite. */
export function marginOf(b: Bound): number | undefined {
  const { op, limit: L, observed: x } = b;
  if (!Number.isFinite(x) || !Number.isFinite(L)) return undefined;
  if (L === 0) return clamp(zeroLimitMargin(op, x));
  const scale = Math.abs(L);
  switch (op) {
    case '<':
    case '<=':
      return clamp((L - x) / scale);
    case '>':
    case '>=':
      if (b.scale === 'rate' && x >= L) return L >= 1 ? 1 : clamp((x - L) / (1 - L));
      return clamp((x - L) / scale);
    case '==':
      return clamp(-Math.abs(x - L) / scale);
    case '!=':
      return clamp(Math.abs(x - L) / scale);
  }
}

/** An objective of 0 has no scale of its own: distances are squashed by x / (1 + x). */
function zeroLimitMargin(op: Comparator, x: number): number {
  const squash = (v: number): number => v / (1 + Math.abs(v));
  switch (op) {
    case '<=':
    case '==':
      return x <= 0 && (op === '<=' || x === 0) ? 1 : -squash(Math.abs(x));
    case '<':
      return -squash(x);
    case '>':
    case '>=':
      return squash(x);
    case '!=':
      return x === 0 ? 0 : 1;
  }
}

/** The margin of a check with several clauses: its tightest clause. Undefined when any is. */
export function marginOfAll(bounds: readonly Bound[]): number | undefined {
  if (bounds.length === 0) return undefined;
  let worst = Infinity;
  for (const b of bounds) {
    const m = marginOf(b);
    if (m === undefined) return undefined;
    worst = Math.min(worst, m);
  }
  return worst;
}
