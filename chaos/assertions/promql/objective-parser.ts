import type { ComparisonOperator } from '../threshold/comparison.js';
import { Scanner } from '../threshold/scanner.js';

/** A parsed objective such as `< 0.01`: the value must satisfy `value <operator> limit`. */
export interface ObjectiveAst {
  source: string;
  operator: ComparisonOperator;
  limit: number;
}

/**
 * Parses an objective for a PromQL query or an SLI.
 *
 * ```bnf
 * objective ::= operator number
 * operator  ::= "<" | "<=" | ">" | ">=" | "==" | "===" | "!="
 * number    ::= ["+" | "-"] ( digits ["." [digits]] | "." digits ) [("e" | "E") ["+" | "-"] digits]
 * ```
 * Whitespace is allowed around tokens.
 *
 * @throws ExpressionError with the 0-based position and what was expected there.
 */
export function parseObjective(source: string): ObjectiveAst {
  const scanner: Scanner = new Scanner(source);
  const operator = scanner.expectOperator();
  const limit = scanner.expectNumber();
  scanner.expectEnd();
  return { source, operator, limit };
}
