import { Scanner } from '../threshold/scanner.js';

/** Operators a recovery objective may use: recovery time is always bounded from above. */
export const RECOVERY_OPERATORS = ['<', '<='] as const;
export type RecoveryOperator = (typeof RECOVERY_OPERATORS)[number];

export const DURATION_UNITS = ['ms', 's', 'm'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, m: 60_000 };

/** A parsed recovery objective such as `recovery.p99_latency < 30s`. */
export interface RecoveryObjectiveAst {
  source: string;
  /** The SLI named after `recovery.`, if any. */
  sli?: string;
  operator: RecoveryOperator;
  /** The bound in milliseconds. */
  limitMs: number;
}

/**
 * Parses a recovery objective.
 *
 * ```bnf
 * recovery ::= "recovery" ["." sli] operator duration
 * sli      ::= letter { letter | digit | "_" }
 * operator ::= "<" | "<="
 * duration ::= number unit
 * unit     ::= "ms" | "s" | "m"
 * ```
 * Whitespace is allowed between tokens, but not inside a duration (`30s`, `1.5m`, `500ms`).
 *
 * @throws ExpressionError with the 0-based position and what was expected there.
 */
export function parseRecoveryObjective(source: string): RecoveryObjectiveAst {
  const scanner: Scanner = new Scanner(source);
  scanner.skipWhitespace();
  const keywordAt = scanner.position;
  if (scanner.expectIdentifier('`recovery`') !== 'recovery') scanner.fail('`recovery`', keywordAt);
  const sli = scanner.accept('.') ? scanner.expectIdentifier('an SLI name') : undefined;
  scanner.skipWhitespace();
  const opAt = scanner.position;
  const operator = scanner.expectOperator();
  if (operator !== '<' && operator !== '<=')
    scanner.fail('`<` or `<=` (recovery time is an upper bound)', opAt);
  const limitMs = parseDurationMs(scanner);
  scanner.expectEnd();
  return { source, ...(sli === undefined ? {} : { sli }), operator, limitMs };
}

function parseDurationMs(scanner: Scanner): number {
  scanner.skipWhitespace();
  const numberAt = scanner.position;
  const value = Number(scanner.expectPattern(/^(?:\d+(?:\.\d*)?|\.\d+)/, 'a duration such as 30s'));
  if (scanner.position !== numberAt && /\s/.test(scanner.source[scanner.position] ?? '')) {
    scanner.fail('a unit (ms, s, m) right after the number');
  }
  const unit = scanner.expectPattern(/^(?:ms|s|m)(?![A-Za-z])/, 'a unit (ms, s, m)') as DurationUnit;
  return value * UNIT_MS[unit];
}
