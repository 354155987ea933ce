/**
 * Comparison operators shared by every objective grammar (thresholds, PromQL objectives, recovery
 * objectives). `===` is k6's strict equality; for numbers it means the same as `==`.
 */
export const COMPARISON_OPERATORS = ['<', '<=', '>', '>=', '==', '===', '!='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** True when `observed <op> limit` holds. NaN never satisfies any operator except `!=`. */
export function compare(observed: number, op: ComparisonOperator, limit: number): boolean {
  switch (op) {
    case '<':
      return observed < limit;
    case '<=':
      return observed <= limit;
    case '>':
      return observed > limit;
    case '>=':
      return observed >= limit;
    case '==':
    case '===':
      return observed === limit;
    case '!=':
      return observed !== limit;
  }
}
