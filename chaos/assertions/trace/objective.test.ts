import assert from 'node:assert/strict';
import { ExpressionError } from '../expression-error.js';
import { meetsObjective, parseObjective } from './objective.js';

describe('parseObjective', () => {
  const valid: [string, string, number][] = [
    ['< 0.01', '<', 0.01],
    ['<=800', '<=', 800],
    ['  >= 1 ', '>=', 1],
    ['== 0', '==', 0],
    ['!= -2.5', '!=', -2.5],
    ['>3', '>', 3],
  ];
  for (const [source, op, value] of valid) {
    it(`parses ${JSON.stringify(source)}`, () => {
      const o = parseObjective(source);
      assert.equal(o.op, op);
      assert.equal(o.value, value);
    });
  }
  const malformed: [string, number, string][] = [
    ['', 0, 'one of <, <=, >, >=, ==, !='],
    ['= 3', 0, 'one of <, <=, >, >=, ==, !='],
    ['< ', 2, 'a number'],
    ['< x', 2, 'a number'],
    ['< 3 ms', 4, 'end of objective'],
  ];
  for (const [source, position, expected] of malformed) {
    it(`rejects ${JSON.stringify(source)} at position ${position}`, () => {
      assert.throws(
        () => parseObjective(source),
        (err: unknown) =>
          err instanceof ExpressionError && err.position === position && err.expected === expected,
      );
    });
  }
  it('compares observed values with each operator', () => {
    const cases: [string, number, boolean][] = [
      ['< 1', 0.5, true],
      ['< 1', 1, false],
      ['<= 1', 1, true],
      ['> 1', 1, false],
      ['>= 1', 1, true],
      ['== 0', 0, true],
      ['!= 0', 0, false],
    ];
    for (const [source, observed, ok] of cases)
      assert.equal(meetsObjective(observed, parseObjective(source)), ok, source);
  });
});
