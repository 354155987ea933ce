import assert from 'node:assert/strict';
import { ExpressionError } from '../expression-error.js';
import { parseThreshold } from './threshold-parser.js';

describe('parseThreshold', () => {
  const valid: Array<[string, string, string, number]> = [
    ['p(99)<800', 'p(99)', '<', 800],
    ['p(99.9)<=1000', 'p(99.9)', '<=', 1000],
    ['  p ( 95 )  <  300.5 ', 'p(95)', '<', 300.5],
    ['p(99.0)<1', 'p(99)', '<', 1],
    ['avg<200', 'avg', '<', 200],
    ['med<150', 'med', '<', 150],
    ['min>0', 'min', '>', 0],
    ['max<2000', 'max', '<', 2000],
    ['rate<0.01', 'rate', '<', 0.01],
    ['rate<.01', 'rate', '<', 0.01],
    ['count>0', 'count', '>', 0],
    ['count==0', 'count', '==', 0],
    ['count===0', 'count', '===', 0],
    ['value!=5', 'value', '!=', 5],
    ['value>=-1.5', 'value', '>=', -1.5],
    ['value<5', 'value', '<', 5],
  ];
  for (const [source, valueKey, operator, limit] of valid) {
    it(`parses \`${source}\` into ${valueKey} ${operator} ${limit}`, () => {
      const ast = parseThreshold(source);
      assert.equal(ast.valueKey, valueKey);
      assert.equal(ast.operator, operator);
      assert.equal(ast.limit, limit);
      assert.equal(ast.source, source);
    });
  }

  const malformed: Array<[string, number, RegExp]> = [
    ['', 0, /aggregation/],
    ['p99<800', 0, /aggregation/],
    ['avgg<1', 0, /aggregation/],
    ['p<800', 1, /`\(`/],
    ['p()<800', 2, /percentile/],
    ['p(101)<800', 2, /percentile between 0 and 100/],
    ['p(99<800', 4, /`\)`/],
    ['p(99)800', 5, /comparison operator/],
    ['avg => 200', 4, /comparison operator/],
    ['avg<', 4, /a number/],
    ['avg<abc', 4, /a number/],
    ['avg<200ms', 7, /end of expression/],
    ['rate < 0.01 and', 12, /end of expression/],
    ['  9 < 1', 2, /aggregation/],
  ];
  for (const [source, position, expected] of malformed) {
    it(`rejects \`${source}\` at position ${position}`, () => {
      assert.throws(
        () => parseThreshold(source),
        (err: unknown) =>
          err instanceof ExpressionError &&
          err.position === position &&
          expected.test(err.expected) &&
          err.code === 'ERR_INPUT_EXPRESSION',
      );
    });
  }

  const messages: Array<[string, string]> = [
    ['p(99<800', 'in `p(99<800`: expected `)` at position 4, found `<`'],
    ['avg<200ms', 'in `avg<200ms`: expected end of expression at position 7, found `ms`'],
    ['avg<', 'in `avg<`: expected a number at position 4, found end of input'],
  ];
  for (const [source, message] of messages) {
    it(`explains \`${source}\` as "${message}"`, () => {
      assert.throws(() => parseThreshold(source), { message });
    });
  }
});
