import { FaultlineError } from '../errors.js';

/**
 * A malformed user expression (span selector, threshold, PromQL objective, recovery objective).
 * Carries the 0-based character `position` in `source` and what the parser `expected` there, so
 * the experiment loader can point at the exact file:line:column.
 */
export class ExpressionError extends FaultlineError {
  readonly source: string;
  readonly position: number;
  readonly expected: string;

  constructor(source: string, position: number, expected: string, found?: string) {
    const at = found === undefined ? `at position ${position}` : `at position ${position}, found ${found}`;
    super('ERR_INPUT_EXPRESSION', `in \`${source}\`: expected ${expected} ${at}`);
    this.source = source;
    this.position = position;
    this.expected = expected;
  }
}
