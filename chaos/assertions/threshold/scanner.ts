import { ExpressionError } from '../expression-error.js';
import { COMPARISON_OPERATORS, type ComparisonOperator } from './comparison.js';

// Longest first, so `<=` wins over `<` and `===` over `==`.
const OPERATORS_LONGEST_FIRST = [...COMPARISON_OPERATORS].sort((a, b) => b.length - a.length);
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A character cursor for the small objective grammars. Every `expect*` method skips leading
 * whitespace and throws an `ExpressionError` at the exact position when the input does not match.
 */
export class Scanner {
  readonly source: string;
  position = 0;

  constructor(source: string) {
    this.source = source;
  }

  skipWhitespace(): void {
    while (this.position < this.source.length && /\s/.test(this.source[this.position] ?? '')) this.position++;
  }

  atEnd(): boolean {
    this.skipWhitespace();
    return this.position >= this.source.length;
  }

  /** Consumes `literal` if it is next (after whitespace) and says whether it did. */
  accept(literal: string): boolean {
    this.skipWhitespace();
    if (!this.source.startsWith(literal, this.position)) return false;
    this.position += literal.length;
    return true;
  }

  expectLiteral(literal: string): void {
    if (!this.accept(literal)) this.fail(`\`${literal}\``);
  }

  expectIdentifier(expected = 'a name'): string {
    return this.expectPattern(IDENT, expected);
  }

  expectNumber(expected = 'a number'): number {
    return Number(this.expectPattern(NUMBER, expected));
  }

  expectOperator(): ComparisonOperator {
    this.skipWhitespace();
    const op = OPERATORS_LONGEST_FIRST.find((candidate) => this.source.startsWith(candidate, this.position));
    if (op === undefined) this.fail(`a comparison operator (${COMPARISON_OPERATORS.join(' ')})`);
    this.position += op.length;
    return op;
  }

  expectEnd(): void {
    if (!this.atEnd()) this.fail('end of expression');
  }

  /** Matches `pattern` (anchored with `^`) at the cursor and returns the matched text. */
  expectPattern(pattern: RegExp, expected: string): string {
    this.skipWhitespace();
    const match = pattern.exec(this.source.slice(this.position));
    if (match === null) this.fail(expected);
    this.position += match[0].length;
    return match[0];
  }

  /** Throws an ExpressionError at the cursor, naming what was found there. */
  fail(expected: string, position = this.position): never {
    throw new ExpressionError(this.source, position, expected, this.describeFound(position));
  }

  private describeFound(position: number): string {
    if (position >= this.source.length) return 'end of input';
    const rest = this.source.slice(position);
    const token = /^(?:[+-]?[\d.]+|[A-Za-z_]\w*|[<>=!]+|\s+|.)/.exec(rest)?.[0] ?? rest;
    if (token.trim() === '') return 'whitespace';
    return `\`${token}\``;
  }
}
