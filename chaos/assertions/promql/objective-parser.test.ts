import assert from 'node:assert/strict';
import { ExpressionError } from '../expression-error.js';
import { parseObjective } from './objective-parser.js';

describe('parseObjective', () => {
  const valid: Array<[string, string, number]> = [
    ['< 0.01', '<', 0.01],
    ['<=1000', '<=', 1000],
    [' >= 1e3 ', '>=', 1000],
    ['== 0', '==', 0],
    ['=== 0', '===', 0],
    ['!= -2.5', '!=', -2.5],
    ['> .5', '>', 0.5],
  ];
  for (const [source, operator, limit] of valid) {
    it(`parses \`${source}\` into ${operator} ${limit}`, () => {
      assert.deepEqual(parseObjective(source), { source, operator, limit });
    });
  }

  const malformed: Array<[string, number, RegExp]> = [
    ['', 0, /comparison operator/],
    ['0.01', 0, /comparison operator/],
    ['=< 1', 0, /comparison operator/],
    ['<', 1, /a number/],
    ['< x', 2, /a number/],
    ['< 1 2', 4, /end of expression/],
    ['< 1%', 3, /end of expression/],
  ];
  for (const [source, position, expected] of malformed) {
    it(`rejects \`${source}\` at position ${position}`, () => {
      assert.throws(
        () => parseObjective(source),
        (err: unknown) =>
          err instanceof ExpressionError && err.position === position && expected.test(err.expected),
      );
    });
  }
});
