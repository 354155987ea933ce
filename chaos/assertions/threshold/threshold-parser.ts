import type { ComparisonOperator } from './comparison.js';
import { Scanner } from './scanner.js';

/**
 * Aggregations a k6 threshold may name. `p` is the percentile form `p(N)`; which aggregation fits
 * which metric type is decided by the evaluator, not the grammar.
 */
export const THRESHOLD_AGGREGATIONS = ['p', 'avg', 'med', 'min', 'max', 'rate', 'count', 'value'] as const;
export type ThresholdAggregation = (typeof THRESHOLD_AGGREGATIONS)[number];

/** A parsed threshold such as `p(99.9)<=1000`. */
export interface ThresholdAst {
  /** The expression as written. */
  source: string;
  aggregation: ThresholdAggregation;
  /** Only for `p`: the percentile in [0, 100]. */
  percentile?: number;
  /** The key in a k6 summary's `values` object: `p(99)`, `avg`, `rate`... */
  valueKey: string;
  operator: ComparisonOperator;
  limit: number;
}

/**
 * Parses one k6 threshold expression. Whitespace is allowed between any two tokens.
 *
 * ```bnf
 * threshold   ::= aggregation operator number
 * aggregation ::= "p" "(" number ")" | "avg" | "med" | "min" | "max" | "rate" | "count" | "value"
 * operator    ::= "<" | "<=" | ">" | ">=" | "==" | "===" | "!="
 * number      ::= ["+" | "-"] ( digits ["." [digits]] | "." digits ) [("e" | "E") ["+" | "-"] digits]
 * ```
 * The percentile in `p(N)` must lie in [0, 100].
 *
 * @throws ExpressionError with the 0-based position and what was expected there.
 */
export function parseThreshold(source: string): ThresholdAst {
  const scanner: Scanner = new Scanner(source);
  scanner.skipWhitespace();
  const nameAt = scanner.position;
  const name = scanner.expectIdentifier(`an aggregation (${aggregationList()})`);
  if (!isAggregation(name)) scanner.fail(`an aggregation (${aggregationList()})`, nameAt);
  const percentile = name === 'p' ? parsePercentile(scanner) : undefined;
  const operator = scanner.expectOperator();
  const limit = scanner.expectNumber();
  scanner.expectEnd();
  const valueKey = percentile === undefined ? name : `p(${percentile})`;
  return {
    source,
    aggregation: name,
    ...(percentile === undefined ? {} : { percentile }),
    valueKey,
    operator,
    limit,
  };
}

function parsePercentile(scanner: Scanner): number {
  scanner.expectLiteral('(');
  scanner.skipWhitespace();
  const at = scanner.position;
  const percentile = scanner.expectNumber('a percentile between 0 and 100');
  if (percentile < 0 || percentile > 100) scanner.fail('a percentile between 0 and 100', at);
  scanner.expectLiteral(')');
  return percentile;
}

function isAggregation(name: string): name is ThresholdAggregation {
  return (THRESHOLD_AGGREGATIONS as readonly string[]).includes(name);
}

function aggregationList(): string {
  return THRESHOLD_AGGREGATIONS.map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
}
