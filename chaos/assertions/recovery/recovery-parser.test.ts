import assert from 'node:assert/strict';
import { ExpressionError } from '../expression-error.js';
import { parseRecoveryObjective } from './recovery-parser.js';

describe('parseRecoveryObjective', () => {
  const valid: Array<[string, string | undefined, string, number]> = [
    ['recovery < 30s', undefined, '<', 30_000],
    ['recovery<=500ms', undefined, '<=', 500],
    ['recovery.p99_latency < 1.5m', 'p99_latency', '<', 90_000],
    ['  recovery . error_rate <= 0.5s ', 'error_rate', '<=', 500],
  ];
  for (const [source, sli, operator, limitMs] of valid) {
    it(`parses \`${source}\` into ${operator} ${limitMs} ms`, () => {
      const ast = parseRecoveryObjective(source);
      assert.equal(ast.sli, sli);
      assert.equal(ast.operator, operator);
      assert.equal(ast.limitMs, limitMs);
    });
  }

  const malformed: Array<[string, number, RegExp]> = [
    ['', 0, /`recovery`/],
    ['recover < 30s', 0, /`recovery`/],
    ['recovery. < 30s', 10, /SLI name/],
    ['recovery > 30s', 9, /`<` or `<=`/],
    ['recovery 30s', 9, /comparison operator/],
    ['recovery < s', 11, /duration/],
    ['recovery < 30', 13, /unit/],
    ['recovery < 30 s', 13, /unit .* right after the number/],
    ['recovery < 30h', 13, /unit/],
    ['recovery < 30sec', 13, /unit/],
    ['recovery < 30s or', 15, /end of expression/],
  ];
  for (const [source, position, expected] of malformed) {
    it(`rejects \`${source}\` at position ${position}`, () => {
      assert.throws(
        () => parseRecoveryObjective(source),
        (err: unknown) =>
          err instanceof ExpressionError && err.position === position && expected.test(err.expected),
      );
    });
  }
});
